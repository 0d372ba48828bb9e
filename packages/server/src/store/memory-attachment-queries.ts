import type { AttachmentQueries } from './attachment-queries.js';
import type { AttachmentRow } from './attachment-rows.js';
import type { MemoryState } from './memory-state.js';

const byTimeThenId = (left: string, right: string, leftId: string, rightId: string) =>
  left < right ? -1 : left > right ? 1 : leftId < rightId ? -1 : leftId > rightId ? 1 : 0;

/** The in-memory store's queries on uploads, attachments, download tickets and downloads. */
export function createAttachmentQueries(state: () => MemoryState): AttachmentQueries {
  const firstClientDownloads = (attachmentIds: readonly string[]) => {
    const wanted = new Set(attachmentIds);
    const first = new Map<string, string>();
    for (const download of state().attachmentDownloads) {
      if (download.downloader.kind !== 'client' || !wanted.has(download.attachmentId)) continue;
      const earlier = first.get(download.attachmentId);
      if (earlier === undefined || download.at < earlier) first.set(download.attachmentId, download.at);
    }
    return first;
  };
  const replace = (row: AttachmentRow): AttachmentRow => {
    state().attachments.set(row.id, row);
    return row;
  };
  return {
    async insertAttachment(attachment) {
      if (state().attachments.has(attachment.id)) throw new Error('Attachment id already exists');
      return replace({
        ...attachment,
        mediaType: null,
        sha256: null,
        state: 'uploading',
        blobKey: null,
        completedAt: null,
        conversationId: null,
        messageId: null,
        position: null,
        internal: false,
        attachedAt: null,
      });
    },
    async getAttachment(id) {
      return state().attachments.get(id) ?? null;
    },
    async getAttachments(ids) {
      return ids.flatMap((id) => state().attachments.get(id) ?? []);
    },
    async completeAttachment(id, completion) {
      const row = state().attachments.get(id);
      if (row?.state !== 'uploading') return null;
      return replace({ ...row, ...completion });
    },
    async finishAttachmentScan(id, scanState) {
      const row = state().attachments.get(id);
      if (row?.state !== 'scanning') return null;
      return replace({ ...row, state: scanState });
    },
    async listMessageAttachments(messageIds) {
      const wanted = new Set(messageIds);
      const rows = [...state().attachments.values()]
        .filter((row) => row.messageId !== null && wanted.has(row.messageId))
        .sort(
          (left, right) =>
            byTimeThenId(left.messageId ?? '', right.messageId ?? '', '', '') ||
            (left.position ?? 0) - (right.position ?? 0),
        );
      const downloads = firstClientDownloads(rows.map((row) => row.id));
      return rows.map((row) => ({ ...row, clientDownloadedAt: downloads.get(row.id) ?? null }));
    },
    async listAbandonedUploads(now, limit) {
      return [...state().attachments.values()]
        .filter((row) => row.messageId === null && row.expiresAt <= now)
        .sort((left, right) => byTimeThenId(left.expiresAt, right.expiresAt, left.id, right.id))
        .slice(0, limit);
    },
    async listStaleScans(completedBefore, limit) {
      return [...state().attachments.values()]
        .filter((row) => row.state === 'scanning' && (row.completedAt ?? '') < completedBefore)
        .sort((left, right) =>
          byTimeThenId(left.completedAt ?? '', right.completedAt ?? '', left.id, right.id),
        )
        .slice(0, limit);
    },
    async deleteUnattachedUpload(id) {
      const row = state().attachments.get(id);
      if (!row || row.messageId !== null) return false;
      state().attachments.delete(id);
      return true;
    },
    async insertDownloadTicket(ticket) {
      if (state().downloadTickets.has(ticket.tokenHash)) throw new Error('Ticket already exists');
      state().downloadTickets.set(ticket.tokenHash, ticket);
    },
    async redeemDownloadTicket(tokenHash, now) {
      const ticket = state().downloadTickets.get(tokenHash);
      if (!ticket) return { status: 'unknown' };
      if (ticket.usedAt !== null) return { status: 'used' };
      if (ticket.expiresAt <= now) return { status: 'expired' };
      const used = { ...ticket, usedAt: now };
      state().downloadTickets.set(tokenHash, used);
      return { status: 'redeemed', ticket: used };
    },
    async insertAttachmentDownload(download) {
      state().attachmentDownloads.push(download);
    },
    async firstClientDownloads(attachmentIds) {
      return firstClientDownloads(attachmentIds);
    },
  };
}
