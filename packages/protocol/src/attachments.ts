import * as z from 'zod/mini';
import { AttachmentIdSchema, MessageIdSchema, TimestampSchema } from './ids.js';
import { findForbiddenCharacter, hasVisibleText } from './text.js';
import { StoredTextSchema } from './text-schema.js';

/** Most files one message carries. */
export const ATTACHMENTS_PER_MESSAGE_MAX = 20;
/** Longest file name, in UTF-16 code units (file systems and headers count bytes, not graphemes). */
export const ATTACHMENT_NAME_MAX_LENGTH = 255;
/** The largest file when the server sets no limit of its own, in bytes (100 MB). */
export const DEFAULT_MAX_UPLOAD_BYTES = 100 * 1024 * 1024;
/** Where tus uploads are created (`POST`) and continued (`HEAD`/`PATCH`/`DELETE` on `/v1/uploads/:id`). */
export const UPLOADS_PATH = '/v1/uploads';

/**
 * A file's name as the sender's device gave it: 1–255 code units with something visible, no control characters
 * (a line break in a name would end up in a header) and no path separators. Quotes, right-to-left marks and any
 * script are allowed: the server encodes them safely and the kit shows them isolated.
 */
export const AttachmentNameSchema = z.string().check(
  z.minLength(1),
  z.maxLength(ATTACHMENT_NAME_MAX_LENGTH),
  z.refine((name) => hasVisibleText(name), { message: 'Name must not be empty' }),
  z.refine((name) => findForbiddenCharacter(name) === undefined && !/[\r\n]/.test(name), {
    message: 'Name must not contain control characters',
  }),
  z.refine((name) => !/[/\\]/.test(name), { message: 'Name must not contain "/" or "\\"' }),
);

/**
 * Where a file stands: `scanning` until the malware scanner answered (only its sender may download it),
 * `available` after a clean scan, `blocked` when the scanner found something (nobody may download it; it shows as
 * removed for a security reason), `not_scanned` when the server runs without a scanner (available at once).
 */
export const AttachmentStateSchema = z.enum(['scanning', 'available', 'blocked', 'not_scanned']);
export type AttachmentState = z.infer<typeof AttachmentStateSchema>;

/** A file sent with a message (or uploaded and not yet sent, as its sender sees it). */
export const AttachmentSchema = z.object({
  id: AttachmentIdSchema,
  /** The name as stored (`AttachmentNameSchema` is the rule for a new upload's name). */
  name: StoredTextSchema,
  /** Size in bytes. */
  size: z.int().check(z.nonnegative()),
  /** The media type decided from the file's bytes, never from its name or the browser's claim. */
  mediaType: z.string().check(z.minLength(1), z.maxLength(200)),
  state: AttachmentStateSchema,
  /** Belongs to an internal note: firm-only. */
  internal: z.boolean(),
  /** The message it was sent with; `null` while it waits to be attached. */
  messageId: z.nullable(MessageIdSchema),
  createdAt: TimestampSchema,
  /** Hex SHA-256 of the bytes; present for member viewers only. */
  sha256: z.optional(z.string().check(z.regex(/^[0-9a-f]{64}$/))),
  /** When the client first downloaded it; present for member viewers only (staff downloads are never shown to clients). */
  clientDownloadedAt: z.optional(z.nullable(TimestampSchema)),
});
export type Attachment = z.infer<typeof AttachmentSchema>;

/** The ids of uploads to send with a message: at most 20, each once. */
export const AttachmentIdsSchema = z.array(AttachmentIdSchema).check(
  z.maxLength(ATTACHMENTS_PER_MESSAGE_MAX),
  z.refine((ids) => new Set(ids).size === ids.length, { message: 'Each file may be attached once' }),
);

/** A single-use download ticket: opaque, random, and valid for a short time for one person and one file. */
export const DownloadTicketSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{32,128}$/));

/**
 * What a download ticket is for. `download` saves the file: answered `Content-Disposition: attachment`, audited as
 * `attachment.downloaded` and shown to the firm as the client's download. `preview` shows a picture inside the page
 * (a thumbnail): only for `PREVIEW_MEDIA_TYPES`, answered `inline`, audited as `attachment.previewed`, and never
 * counted as a download.
 */
export const TicketPurposeSchema = z.enum(['download', 'preview']);
export type TicketPurpose = z.infer<typeof TicketPurposeSchema>;

/** The media types that have previews: raster images every browser draws in an `<img>` (not HEIC or TIFF). */
export const PREVIEW_MEDIA_TYPES: readonly string[] = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
];

// POST /v1/attachments/:id/tickets?purpose=
/** A ticket's purpose, in the query so that a request without one (every older client) asks for a download. */
export const CreateDownloadTicketQuerySchema = z.strictObject({
  /** @default 'download' */
  purpose: z.optional(TicketPurposeSchema),
});
export type CreateDownloadTicketQuery = z.input<typeof CreateDownloadTicketQuerySchema>;
export const CreateDownloadTicketResponseSchema = z.object({
  ticket: DownloadTicketSchema,
  /** Where to `GET` the file with the ticket (no `Authorization` header needed: fit for a link or a new tab). */
  url: z.string().check(z.minLength(1)),
  expiresAt: TimestampSchema,
});
export type CreateDownloadTicketResponse = z.infer<typeof CreateDownloadTicketResponseSchema>;
