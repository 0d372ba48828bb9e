import type { AttachmentSettings } from '../attachments/attachment-settings.js';
import { assertNarrowsServerList, narrowAllowList } from '../attachments/firm-allow-list.js';
import type { ClientStartedThreadValue, NotificationSettingsRow } from '../store/rows.js';
import type { StoreQueries } from '../store/store.js';
import { requireFirmAdmin } from './access.js';
import type { DomainContext } from './context.js';
import { DEFAULT_CLIENT_STARTED_THREAD } from './notification-recipients.js';
import type { ViewerIdentity } from './viewer.js';

/**
 * The firm's settings as the protocol sends them: the file types only when the firm narrowed the server's list
 * (what it accepts in effect, should the server's list have shrunk since).
 */
function presentSettings(row: NotificationSettingsRow | null, files: AttachmentSettings) {
  const clientStartedThread = row?.clientStartedThread ?? DEFAULT_CLIENT_STARTED_THREAD;
  if (row?.allowedMediaTypes === null || row?.allowedMediaTypes === undefined) return { clientStartedThread };
  return {
    clientStartedThread,
    allowedMediaTypes: [...narrowAllowList(files, row.allowedMediaTypes)].sort(),
  };
}

/** The firm's settings, with the defaults when never set. */
export async function getNotificationSettings(
  store: StoreQueries,
  viewer: ViewerIdentity,
  files: AttachmentSettings,
) {
  return presentSettings(await store.getNotificationSettings(viewer.firm.id), files);
}

/**
 * Changes the firm's settings (owners and admins only) and audits the change. `allowedMediaTypes` narrows the
 * server's allow-list (each type must be one the server accepts), `null` returns to the server's list, absent
 * keeps the firm's list.
 */
export async function updateNotificationSettings(
  context: DomainContext,
  viewer: ViewerIdentity,
  input: {
    readonly clientStartedThread: ClientStartedThreadValue;
    readonly allowedMediaTypes?: readonly string[] | null | undefined;
  },
  files: AttachmentSettings,
) {
  requireFirmAdmin(viewer);
  if (input.allowedMediaTypes) assertNarrowsServerList(files, input.allowedMediaTypes);
  return context.store.transaction(async (tx) => {
    const at = context.clock.now().toISOString();
    const allowedMediaTypes =
      input.allowedMediaTypes === undefined
        ? ((await tx.getNotificationSettings(viewer.firm.id))?.allowedMediaTypes ?? null)
        : input.allowedMediaTypes;
    const row = {
      firmId: viewer.firm.id,
      clientStartedThread: input.clientStartedThread,
      allowedMediaTypes,
      updatedAt: at,
    };
    await tx.putNotificationSettings(row);
    await tx.appendAudit({
      id: context.createId('aud'),
      firmId: viewer.firm.id,
      actor: { kind: 'member', id: viewer.member.id },
      action: 'settings.updated',
      targetId: viewer.firm.id,
      requestId: context.requestId,
      at,
    });
    return presentSettings(row, files);
  });
}
