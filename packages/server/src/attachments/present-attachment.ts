import type { AttachmentSchema } from '@confide/protocol';
import type * as z from 'zod/mini';
import type { ViewerIdentity } from '../domain/viewer.js';
import type { AttachmentRow } from '../store/attachment-rows.js';
import type { StoreQueries } from '../store/store.js';

/** An attachment as the protocol sends it. */
export type WireAttachment = z.input<typeof AttachmentSchema>;

/** A completed file's row (`mediaType` and `sha256` known). */
export type CompletedAttachmentRow = AttachmentRow & {
  readonly mediaType: string;
  readonly sha256: string;
  readonly state: Exclude<AttachmentRow['state'], 'uploading'>;
};

/** Whether the upload has received its last byte. */
export function isCompleted(row: AttachmentRow): row is CompletedAttachmentRow {
  return row.state !== 'uploading' && row.mediaType !== null && row.sha256 !== null;
}

/**
 * A completed file as `viewer` may see it: members also get its SHA-256 and when the client first downloaded it;
 * clients never learn about staff downloads.
 */
export function presentAttachment(
  row: CompletedAttachmentRow,
  viewer: ViewerIdentity,
  clientDownloadedAt: string | null,
): WireAttachment {
  const wire: WireAttachment = {
    id: row.id,
    name: row.name,
    size: row.size,
    mediaType: row.mediaType,
    state: row.state,
    internal: row.internal,
    messageId: row.messageId,
    createdAt: row.createdAt,
  };
  if (viewer.kind === 'client') return wire;
  return { ...wire, sha256: row.sha256, clientDownloadedAt };
}

/**
 * The files of these messages that `viewer` may see, by message id, in their order: what a message's
 * `attachments` carry. Clients get none of internal notes (their messages are filtered before, this is the second
 * lock). Messages without files are absent from the map.
 */
export async function loadMessageAttachments(
  store: StoreQueries,
  viewer: ViewerIdentity,
  messageIds: readonly string[],
): Promise<Map<string, WireAttachment[]>> {
  const rows = (await store.listMessageAttachments(messageIds)).filter(
    (row): row is CompletedAttachmentRow => isCompleted(row) && (viewer.kind === 'member' || !row.internal),
  );
  const downloads =
    viewer.kind === 'member'
      ? await store.firstClientDownloads(rows.map((row) => row.id))
      : new Map<string, string>();
  const byMessage = new Map<string, WireAttachment[]>();
  for (const row of rows) {
    const messageId = row.messageId ?? '';
    const list = byMessage.get(messageId) ?? [];
    list.push(presentAttachment(row, viewer, downloads.get(row.id) ?? null));
    byMessage.set(messageId, list);
  }
  return byMessage;
}
