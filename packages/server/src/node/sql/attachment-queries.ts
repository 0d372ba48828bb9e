import { and, asc, eq, gt, inArray, isNull, lt, lte, min, sql } from 'drizzle-orm';
import type { AttachmentQueries } from '../../store/attachment-queries.js';
import type { AttachmentRow, AttachmentStateValue, DownloadTicketRow } from '../../store/attachment-rows.js';
import type { PartyRef } from '../../store/rows.js';
import { attachmentDownloads, attachments, downloadTickets } from './attachment-schema.js';
import { type SqlContext, toDate, toIso, toIsoOrNull } from './database.js';

const party = (kind: string, id: string): PartyRef => ({ kind: kind as PartyRef['kind'], id });

function toAttachment(row: typeof attachments.$inferSelect): AttachmentRow {
  return {
    id: row.id,
    firmId: row.firmId,
    uploader: party(row.uploaderKind, row.uploaderId),
    name: row.name,
    size: row.size,
    mediaType: row.mediaType,
    sha256: row.sha256,
    state: row.state as AttachmentStateValue,
    blobKey: row.blobKey,
    createdAt: toIso(row.createdAt),
    completedAt: toIsoOrNull(row.completedAt),
    expiresAt: toIso(row.expiresAt),
    conversationId: row.conversationId,
    messageId: row.messageId,
    position: row.position,
    internal: row.internal,
    attachedAt: toIsoOrNull(row.attachedAt),
  };
}

/** An attachment row as JSON of a raw statement gives it (`json_agg` of the table's columns). */
export interface RawAttachment {
  id: string;
  firm_id: string;
  uploader_kind: string;
  uploader_id: string;
  name: string;
  size: number | string;
  media_type: string | null;
  sha256: string | null;
  state: string;
  blob_key: string | null;
  created_at: string;
  completed_at: string | null;
  expires_at: string;
  conversation_id: string | null;
  message_id: string | null;
  position: number | null;
  internal: boolean;
  attached_at: string | null;
}

const isoOrNull = (value: string | null) => (value === null ? null : new Date(value).toISOString());

/** `RawAttachment` as the store's row. */
export function fromRawAttachment(row: RawAttachment): AttachmentRow {
  return {
    id: row.id,
    firmId: row.firm_id,
    uploader: party(row.uploader_kind, row.uploader_id),
    name: row.name,
    size: Number(row.size),
    mediaType: row.media_type,
    sha256: row.sha256,
    state: row.state as AttachmentStateValue,
    blobKey: row.blob_key,
    createdAt: new Date(row.created_at).toISOString(),
    completedAt: isoOrNull(row.completed_at),
    expiresAt: new Date(row.expires_at).toISOString(),
    conversationId: row.conversation_id,
    messageId: row.message_id,
    position: row.position,
    internal: row.internal,
    attachedAt: isoOrNull(row.attached_at),
  };
}

function toTicket(row: typeof downloadTickets.$inferSelect): DownloadTicketRow {
  return {
    tokenHash: row.tokenHash,
    attachmentId: row.attachmentId,
    person: party(row.personKind, row.personId),
    firmId: row.firmId,
    purpose: row.purpose === 'preview' ? 'preview' : 'download',
    createdAt: toIso(row.createdAt),
    expiresAt: toIso(row.expiresAt),
    usedAt: toIsoOrNull(row.usedAt),
  };
}

/** The SQL store's queries on uploads, attachments, download tickets and downloads. */
export function createAttachmentQueries(context: SqlContext): AttachmentQueries {
  const { db } = context;
  const one = (rows: Array<typeof attachments.$inferSelect>) => (rows[0] ? toAttachment(rows[0]) : null);
  return {
    async insertAttachment(attachment) {
      const [row] = await db
        .insert(attachments)
        .values({
          id: attachment.id,
          firmId: attachment.firmId,
          uploaderKind: attachment.uploader.kind,
          uploaderId: attachment.uploader.id,
          name: attachment.name,
          size: attachment.size,
          state: 'uploading',
          createdAt: toDate(attachment.createdAt),
          expiresAt: toDate(attachment.expiresAt),
          internal: false,
        })
        .returning();
      if (!row) throw new Error('The attachment was not inserted');
      return toAttachment(row);
    },
    async getAttachment(id) {
      return one(await db.select().from(attachments).where(eq(attachments.id, id)));
    },
    async getAttachments(ids) {
      if (ids.length === 0) return [];
      return (
        await db
          .select()
          .from(attachments)
          .where(inArray(attachments.id, [...ids]))
      ).map(toAttachment);
    },
    async completeAttachment(id, completion) {
      return one(
        await db
          .update(attachments)
          .set({
            size: completion.size,
            mediaType: completion.mediaType,
            sha256: completion.sha256,
            state: completion.state,
            blobKey: completion.blobKey,
            completedAt: toDate(completion.completedAt),
            expiresAt: toDate(completion.expiresAt),
          })
          .where(and(eq(attachments.id, id), eq(attachments.state, 'uploading')))
          .returning(),
      );
    },
    async finishAttachmentScan(id, state) {
      return one(
        await db
          .update(attachments)
          .set({ state })
          .where(and(eq(attachments.id, id), eq(attachments.state, 'scanning')))
          .returning(),
      );
    },
    async listMessageAttachments(messageIds) {
      if (messageIds.length === 0) return [];
      const rows = await db
        .select({
          attachment: attachments,
          clientDownloadedAt: sql<
            Date | string | null
          >`(SELECT min(download.at) FROM attachment_downloads AS download
            WHERE download.attachment_id = ${attachments.id} AND download.downloader_kind = 'client')`,
        })
        .from(attachments)
        .where(inArray(attachments.messageId, [...messageIds]))
        .orderBy(asc(attachments.messageId), asc(attachments.position));
      return rows.map((row) => ({
        ...toAttachment(row.attachment),
        clientDownloadedAt:
          row.clientDownloadedAt === null ? null : new Date(row.clientDownloadedAt).toISOString(),
      }));
    },
    async listAbandonedUploads(now, limit) {
      const rows = await db
        .select()
        .from(attachments)
        .where(and(isNull(attachments.messageId), lte(attachments.expiresAt, toDate(now))))
        .orderBy(asc(attachments.expiresAt), asc(attachments.id))
        .limit(limit);
      return rows.map(toAttachment);
    },
    async listStaleScans(completedBefore, limit) {
      const rows = await db
        .select()
        .from(attachments)
        .where(and(eq(attachments.state, 'scanning'), lt(attachments.completedAt, toDate(completedBefore))))
        .orderBy(asc(attachments.completedAt), asc(attachments.id))
        .limit(limit);
      return rows.map(toAttachment);
    },
    async deleteUnattachedUpload(id) {
      const rows = await db
        .delete(attachments)
        .where(and(eq(attachments.id, id), isNull(attachments.messageId)))
        .returning({ id: attachments.id });
      return rows.length > 0;
    },
    async insertDownloadTicket(ticket) {
      await db.insert(downloadTickets).values({
        tokenHash: ticket.tokenHash,
        attachmentId: ticket.attachmentId,
        personKind: ticket.person.kind,
        personId: ticket.person.id,
        firmId: ticket.firmId,
        purpose: ticket.purpose,
        createdAt: toDate(ticket.createdAt),
        expiresAt: toDate(ticket.expiresAt),
        usedAt: ticket.usedAt === null ? null : toDate(ticket.usedAt),
      });
    },
    async redeemDownloadTicket(tokenHash, now) {
      // One conditional UPDATE: of two concurrent redemptions only one matches `used_at IS NULL`.
      const [redeemed] = await db
        .update(downloadTickets)
        .set({ usedAt: toDate(now) })
        .where(
          and(
            eq(downloadTickets.tokenHash, tokenHash),
            isNull(downloadTickets.usedAt),
            gt(downloadTickets.expiresAt, toDate(now)),
          ),
        )
        .returning();
      if (redeemed) return { status: 'redeemed', ticket: toTicket(redeemed) };
      const [existing] = await db
        .select()
        .from(downloadTickets)
        .where(eq(downloadTickets.tokenHash, tokenHash));
      if (!existing) return { status: 'unknown' };
      return { status: existing.usedAt === null ? 'expired' : 'used' };
    },
    async insertAttachmentDownload(download) {
      await db.insert(attachmentDownloads).values({
        attachmentId: download.attachmentId,
        downloaderKind: download.downloader.kind,
        downloaderId: download.downloader.id,
        at: toDate(download.at),
      });
    },
    async firstClientDownloads(attachmentIds) {
      if (attachmentIds.length === 0) return new Map();
      const rows = await db
        .select({ attachmentId: attachmentDownloads.attachmentId, at: min(attachmentDownloads.at) })
        .from(attachmentDownloads)
        .where(
          and(
            inArray(attachmentDownloads.attachmentId, [...attachmentIds]),
            eq(attachmentDownloads.downloaderKind, 'client'),
          ),
        )
        .groupBy(attachmentDownloads.attachmentId);
      return new Map(
        rows.flatMap((row) => (row.at ? [[row.attachmentId, toIso(new Date(row.at))] as const] : [])),
      );
    },
  };
}
