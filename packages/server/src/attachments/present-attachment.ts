import type { AttachmentSchema } from '@confide/protocol';
import type * as z from 'zod/mini';
import { type ViewerIdentity, viewerAudience } from '../domain/viewer.js';
import type { AttachmentRow } from '../store/attachment-rows.js';
import type { Audience } from '../store/rows.js';
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
 * A completed file as one audience sees it: the firm also gets its SHA-256 and when the client first downloaded
 * it; clients never learn about staff downloads.
 */
export function presentAttachment(
  row: CompletedAttachmentRow,
  audience: Audience,
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
  if (audience === 'client') return wire;
  return { ...wire, sha256: row.sha256, clientDownloadedAt };
}

/**
 * The files of these messages that `viewer` may see, by message id, in their order (one store query for a whole
 * page): what a message's `attachments` carry. Clients get none of internal notes (their messages are filtered
 * before, this is the second lock). Messages without files are absent from the map.
 */
export async function loadMessageAttachments(
  store: StoreQueries,
  viewer: ViewerIdentity,
  messageIds: readonly string[],
): Promise<Map<string, WireAttachment[]>> {
  const byMessage = new Map<string, WireAttachment[]>();
  if (messageIds.length === 0) return byMessage;
  const audience = viewerAudience(viewer);
  for (const row of await store.listMessageAttachments(messageIds)) {
    if (!isCompleted(row) || row.messageId === null || (audience === 'client' && row.internal)) continue;
    const list = byMessage.get(row.messageId) ?? [];
    list.push(presentAttachment(row, audience, row.clientDownloadedAt));
    byMessage.set(row.messageId, list);
  }
  return byMessage;
}
