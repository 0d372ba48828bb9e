import type {
  AttachmentCompletion,
  AttachmentDownloadRow,
  AttachmentRow,
  DownloadTicketRow,
  MessageAttachmentRow,
  NewAttachment,
  TicketRedemption,
} from './attachment-rows.js';

/** The store's queries about uploads, attachments, download tickets and downloads (part of `StoreQueries`). */
export interface AttachmentQueries {
  /** Records a new upload (`uploading`, attached to nothing). A duplicate id is an error (it throws). */
  insertAttachment(attachment: NewAttachment): Promise<AttachmentRow>;
  /** The upload or attachment, or null. */
  getAttachment(id: string): Promise<AttachmentRow | null>;
  /** Those of these uploads or attachments that exist, in any order (one statement). */
  getAttachments(ids: readonly string[]): Promise<AttachmentRow[]>;
  /** Records a finished upload, only while it is `uploading`; returns the new row, or null when it was not. */
  completeAttachment(id: string, completion: AttachmentCompletion): Promise<AttachmentRow | null>;
  /** Records a scan's verdict, only while the file is `scanning`; returns the new row, or null when it was not. */
  finishAttachmentScan(id: string, state: 'available' | 'blocked'): Promise<AttachmentRow | null>;
  /**
   * The attachments of these messages, ordered by message id, then position, each with the earliest download by
   * a client (one statement, for a whole page of messages).
   */
  listMessageAttachments(messageIds: readonly string[]): Promise<MessageAttachmentRow[]>;
  /** Unattached uploads whose `expiresAt` is at or before `now`, oldest first, at most `limit`. */
  listAbandonedUploads(now: string, limit: number): Promise<AttachmentRow[]>;
  /** Files that have been `scanning` since before `completedBefore`, oldest first, at most `limit`. */
  listStaleScans(completedBefore: string, limit: number): Promise<AttachmentRow[]>;
  /** Deletes an upload that is attached to nothing; returns whether it did. Attached files are records and stay. */
  deleteUnattachedUpload(id: string): Promise<boolean>;
  /** Stores a download ticket. */
  insertDownloadTicket(ticket: DownloadTicketRow): Promise<void>;
  /**
   * Uses a ticket: marks it used at `now` when it is unused and `expiresAt` is after `now`, atomically, so a
   * ticket works once even under concurrent requests. Otherwise says whether it was used, expired or unknown.
   */
  redeemDownloadTicket(tokenHash: string, now: string): Promise<TicketRedemption>;
  /** Records a completed download. */
  insertAttachmentDownload(download: AttachmentDownloadRow): Promise<void>;
  /** The earliest download by any client of each of these files (files never downloaded by a client are absent). */
  firstClientDownloads(attachmentIds: readonly string[]): Promise<Map<string, string>>;
}
