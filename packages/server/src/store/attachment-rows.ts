import type { TicketPurpose } from '@confide/protocol';
import type { PartyRef } from './rows.js';

/**
 * Where an upload stands: `uploading` until its last byte arrived, then `scanning` (a scanner is configured) or
 * `not_scanned`, and after the scan `available` or `blocked`.
 */
export type AttachmentStateValue = 'uploading' | 'scanning' | 'available' | 'blocked' | 'not_scanned';

/** One uploaded file: an upload until it is attached to a message, then that message's attachment. */
export interface AttachmentRow {
  readonly id: string;
  readonly firmId: string;
  /** Who uploaded it: the only person who may continue, see or attach it before it is sent. */
  readonly uploader: PartyRef;
  readonly name: string;
  /** The length the upload announced, in bytes. */
  readonly size: number;
  /** Decided from the bytes once complete; null while uploading. */
  readonly mediaType: string | null;
  /** Hex SHA-256 of the bytes once complete. */
  readonly sha256: string | null;
  readonly state: AttachmentStateValue;
  /** Where the bytes are in the blob store once complete. */
  readonly blobKey: string | null;
  readonly createdAt: string;
  readonly completedAt: string | null;
  /** Unattached after this time, the upload is abandoned: it can no longer be attached and is removed. */
  readonly expiresAt: string;
  readonly conversationId: string | null;
  readonly messageId: string | null;
  /** Its place among the message's files (0 first). */
  readonly position: number | null;
  /** Attached to an internal note: firm-only. */
  readonly internal: boolean;
  readonly attachedAt: string | null;
}

/** A sent file with the earliest time a client downloaded it (null when no client has). */
export type MessageAttachmentRow = AttachmentRow & { readonly clientDownloadedAt: string | null };

/** An upload as it is created: nothing received yet, attached to nothing. */
export type NewAttachment = Pick<
  AttachmentRow,
  'id' | 'firmId' | 'uploader' | 'name' | 'size' | 'createdAt' | 'expiresAt'
>;

/** What completing an upload records. */
export interface AttachmentCompletion {
  readonly size: number;
  readonly mediaType: string;
  readonly sha256: string;
  readonly state: 'scanning' | 'not_scanned';
  readonly blobKey: string;
  readonly completedAt: string;
  /** The new deadline for attaching it. */
  readonly expiresAt: string;
}

/** A single-use download ticket; only the SHA-256 of its token is stored. */
export interface DownloadTicketRow {
  readonly tokenHash: string;
  readonly attachmentId: string;
  readonly person: PartyRef;
  readonly firmId: string;
  /** `download` saves the file and counts as a download; `preview` shows a picture inline and does not. */
  readonly purpose: TicketPurpose;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly usedAt: string | null;
}

/** What redeeming a ticket found: the ticket (now used), or why it cannot be used. */
export type TicketRedemption =
  | { readonly status: 'redeemed'; readonly ticket: DownloadTicketRow }
  | { readonly status: 'used' | 'expired' | 'unknown' };

/** One completed download of a file. */
export interface AttachmentDownloadRow {
  readonly attachmentId: string;
  readonly downloader: PartyRef;
  readonly at: string;
}
