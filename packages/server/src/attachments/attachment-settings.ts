import { DEFAULT_MAX_UPLOAD_BYTES } from '@confide/protocol';

/** Unfinished uploads are removed this long after they started (24 h: a long upload over a bad line still fits). */
export const UPLOAD_EXPIRY_MS = 24 * 60 * 60 * 1000;
/** A finished upload must be attached within this time, or it is abandoned and removed. */
export const ATTACH_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Download tickets work once, within this time of being issued (long enough to start a download, no more). */
export const DOWNLOAD_TICKET_TTL_MS = 60 * 1000;
/** A file still `scanning` this long after it finished is scanned again (the scanner was down, or the process stopped). */
export const SCAN_RETRY_AFTER_MS = 5 * 60 * 1000;

/** The allow-list when a deployment sets none: PDF, common photos (HEIC too), Office documents, plain text and CSV. */
export const DEFAULT_ALLOWED_MEDIA_TYPES: readonly string[] = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/heic',
  'image/heif',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'text/plain',
  'text/csv',
];

/**
 * Types no configuration can allow: markup a browser would render (and run scripts in), scripts, and executables
 * or containers that hold them. `application/x-cfb` is also the MSI installer format.
 */
export const NEVER_ALLOWED_MEDIA_TYPES: ReadonlySet<string> = new Set([
  'text/html',
  'application/xhtml+xml',
  'image/svg+xml',
  'application/xml',
  'text/xml',
  'application/javascript',
  'text/javascript',
  'application/x-msdownload',
  'application/x-msi',
  'application/x-cfb',
  'application/x-elf',
  'application/x-mach-binary',
  'application/x-sh',
  'application/wasm',
  'application/java-archive',
  'application/vnd.android.package-archive',
  'application/x-apple-diskimage',
]);

/** How the server treats files. */
export interface AttachmentSettings {
  /** Largest file in bytes. @default 100 MB */
  readonly maxUploadBytes: number;
  /** Media types accepted (decided from the bytes). @default DEFAULT_ALLOWED_MEDIA_TYPES */
  readonly allowedMediaTypes: ReadonlySet<string>;
  /** @default DOWNLOAD_TICKET_TTL_MS */
  readonly downloadTicketTtlMs: number;
  /** @default ATTACH_WINDOW_MS */
  readonly attachWindowMs: number;
  /** @default UPLOAD_EXPIRY_MS */
  readonly uploadExpiryMs: number;
}

/**
 * The settings with defaults filled in. Throws when the allow-list names a type that is never allowed, so a
 * configuration mistake stops the server instead of letting HTML or executables through.
 */
export function resolveAttachmentSettings(
  options: Partial<{
    maxUploadBytes: number | undefined;
    allowedMediaTypes: readonly string[] | undefined;
    downloadTicketTtlMs: number | undefined;
    attachWindowMs: number | undefined;
    uploadExpiryMs: number | undefined;
  }> = {},
): AttachmentSettings {
  const allowed = (options.allowedMediaTypes ?? DEFAULT_ALLOWED_MEDIA_TYPES).map((type) =>
    type.trim().toLowerCase(),
  );
  const refused = allowed.filter((type) => NEVER_ALLOWED_MEDIA_TYPES.has(type));
  if (refused.length > 0) throw new TypeError(`These file types can never be allowed: ${refused.join(', ')}`);
  const maxUploadBytes = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  if (!Number.isSafeInteger(maxUploadBytes) || maxUploadBytes < 1)
    throw new TypeError('maxUploadBytes must be a positive integer');
  return {
    maxUploadBytes,
    allowedMediaTypes: new Set(allowed),
    downloadTicketTtlMs: options.downloadTicketTtlMs ?? DOWNLOAD_TICKET_TTL_MS,
    attachWindowMs: options.attachWindowMs ?? ATTACH_WINDOW_MS,
    uploadExpiryMs: options.uploadExpiryMs ?? UPLOAD_EXPIRY_MS,
  };
}
