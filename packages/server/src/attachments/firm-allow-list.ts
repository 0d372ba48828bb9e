import { invalidInput } from '../errors/api-error.js';
import type { StoreQueries } from '../store/store.js';
import type { AttachmentSettings } from './attachment-settings.js';

/**
 * The media types a firm accepts: the server's allow-list, narrowed by the firm's own when it set one. Never wider
 * than the server's (so never a type of `NEVER_ALLOWED_MEDIA_TYPES`, which the server's list cannot hold), also
 * when the server's list shrank after the firm chose. The upload handler asks it when a file's last byte arrives.
 */
export async function allowedTypesFor(
  store: StoreQueries,
  settings: AttachmentSettings,
  firmId: string,
): Promise<ReadonlySet<string>> {
  const own = (await store.getNotificationSettings(firmId))?.allowedMediaTypes;
  return narrowAllowList(settings, own);
}

/** `allowedTypesFor` on a firm's list already read (null or absent: the server's list). */
export function narrowAllowList(
  settings: AttachmentSettings,
  own: readonly string[] | null | undefined,
): ReadonlySet<string> {
  if (own === null || own === undefined) return settings.allowedMediaTypes;
  return new Set(own.filter((type) => settings.allowedMediaTypes.has(type)));
}

/** Refuses a firm allow-list naming a type the server does not accept (`invalid_input` at that entry). */
export function assertNarrowsServerList(settings: AttachmentSettings, types: readonly string[]): void {
  const outside = types.findIndex((type) => !settings.allowedMediaTypes.has(type));
  if (outside !== -1) {
    throw invalidInput(['allowedMediaTypes', outside], 'This server does not accept files of this type');
  }
}
