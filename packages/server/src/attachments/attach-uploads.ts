import type { DomainContext } from '../domain/context.js';
import { messageAudience } from '../domain/message-effects.js';
import { type EmitEvent, runUnitOfWork } from '../domain/unit-of-work.js';
import type { ViewerIdentity } from '../domain/viewer.js';
import { ApiError, notFound } from '../errors/api-error.js';
import type { AttachmentRow } from '../store/attachment-rows.js';
import type {
  Audience,
  ContactRow,
  ConversationRow,
  EventAudience,
  MessageRow,
  NewEvent,
  NewNotification,
} from '../store/rows.js';
import type { MessageAttachments, StoreQueries } from '../store/store.js';
import { isUploader } from './attachment-access.js';
import { notifyAttachmentBlocked, planBlockedNotifications } from './blocked-attachment.js';
import {
  type CompletedAttachmentRow,
  isCompleted,
  loadMessageAttachments,
  presentAttachment,
  type WireAttachment,
} from './present-attachment.js';

function unavailable(message: string, reason: string): ApiError {
  return new ApiError('attachment_unavailable', message, { reason });
}

/** The refusal of a send whose upload was attached by another send meanwhile (the store's write decided). */
export function alreadyAttached(): ApiError {
  return unavailable('The file was already sent', 'already_attached');
}

/**
 * The read step of a send with files: loads the uploads `ids` names (one statement) and refuses, in the order
 * given, one that is not the viewer's own upload in their firm (`not_found`, exactly like a missing id: ids leak
 * nothing), one still uploading (`attachment_unavailable`, `incomplete`) or expired unattached (`expired`). One
 * already attached passes here: the write decides, so that a retried send replays its message and a second send
 * of the file is refused (`already_attached`) even when the two race.
 */
export async function loadUploadsToAttach(
  store: StoreQueries,
  viewer: ViewerIdentity,
  ids: readonly string[],
  now: string,
): Promise<CompletedAttachmentRow[]> {
  if (ids.length === 0) return [];
  const byId = new Map((await store.getAttachments(ids)).map((row) => [row.id, row]));
  return ids.map((id) => {
    const row = byId.get(id);
    if (!row || row.firmId !== viewer.firm.id || !isUploader(row, viewer)) throw notFound('Upload');
    if (!isCompleted(row)) throw unavailable('The upload has not finished', 'incomplete');
    if (row.messageId === null && row.expiresAt <= now)
      throw unavailable('The upload has expired', 'expired');
    return row;
  });
}

/** What a send's files add to its write and to what it shows, planned before the write. */
export interface PlannedAttachments {
  /** For `MessageEffects.attachments`; undefined when the send has no files. */
  readonly write: MessageAttachments | undefined;
  /** The files as they will be once attached. */
  readonly rows: readonly CompletedAttachmentRow[];
  /** Notifications (with their events) for files the scanner already blocked. */
  readonly notifications: readonly NewNotification[];
  readonly events: readonly NewEvent[];
}

/**
 * Plans attaching checked uploads to `message`: each takes the message's conversation and `internal` (an internal
 * note's files are firm-only), and each file already blocked notifies the owner and admins with the message.
 */
export function planAttachments(
  context: DomainContext,
  viewer: ViewerIdentity,
  target: {
    readonly conversation: ConversationRow;
    readonly contact: ContactRow;
    readonly message: MessageRow;
  },
  uploads: readonly CompletedAttachmentRow[],
): PlannedAttachments {
  if (uploads.length === 0) return { write: undefined, rows: [], notifications: [], events: [] };
  const { conversation, message } = target;
  const rows = uploads.map((row, position) => ({
    ...row,
    conversationId: conversation.id,
    messageId: message.id,
    position,
    internal: message.internal,
    attachedAt: message.createdAt,
  }));
  const blocked = planBlockedNotifications(context, {
    ...target,
    messageId: message.id,
    members: viewer.members,
    blockedFiles: rows.filter((row) => row.state === 'blocked').length,
  });
  return { write: { ids: rows.map((row) => row.id), attachedAt: message.createdAt }, rows, ...blocked };
}

/** Files as one audience sees them on a message just sent (nobody has downloaded them yet). */
export function presentSentFiles(rows: readonly AttachmentRow[], audience: Audience): WireAttachment[] {
  return rows.filter(isCompleted).map((row) => presentAttachment(row, audience, null));
}

/** A message's files as `viewer` sees them, loaded only when it has any. */
export async function loadFilesOf(
  store: StoreQueries,
  viewer: ViewerIdentity,
  message: MessageRow,
): Promise<WireAttachment[]> {
  if (message.attachmentCount === 0) return [];
  return (await loadMessageAttachments(store, viewer, [message.id])).get(message.id) ?? [];
}

/**
 * Emits `attachment.updated` for a sent file to whoever may see it: the whole firm, and the client unless it
 * belongs to an internal note. The payload is the firm's view; clients receive it without the firm-only fields.
 */
export async function announceFile(
  tx: StoreQueries,
  emit: EmitEvent,
  conversation: Pick<ConversationRow, 'id' | 'firmId' | 'contactId'>,
  row: AttachmentRow,
): Promise<void> {
  if (!isCompleted(row) || row.messageId === null) return;
  const downloads = await tx.firstClientDownloads([row.id]);
  emit(
    'attachment.updated',
    {
      conversationId: conversation.id,
      attachment: presentAttachment(row, 'firm', downloads.get(row.id) ?? null),
    },
    messageAudience(conversation, row.internal),
  );
}

/**
 * The audience of an upload not sent yet: its uploader alone, by who they are (a member by id, a client as the
 * contact), never the rest of their firm.
 */
export function uploaderAudience(row: Pick<AttachmentRow, 'firmId' | 'uploader'>): EventAudience {
  const { firmId, uploader } = row;
  return uploader.kind === 'member'
    ? { firmId, allMembers: false, memberIds: [uploader.id], contactId: null }
    : { firmId, allMembers: false, memberIds: [], contactId: uploader.id };
}

/**
 * Emits `attachment.updated` for an upload not sent yet to its uploader only, with `conversationId` null: there is
 * no conversation to route it by, and nobody else may see the file before it is sent.
 */
export function announceUpload(emit: EmitEvent, row: AttachmentRow): void {
  if (!isCompleted(row) || row.messageId !== null) return;
  emit(
    'attachment.updated',
    { conversationId: null, attachment: presentAttachment(row, 'firm', null) },
    uploaderAudience(row),
  );
}

/**
 * After a send with files: a file whose scan finished between the read and the write was planned in its old
 * state, and the scan could not announce it (the file was not sent yet). Announce it now: `attachment.updated`,
 * and the owner and admins' notification when it was blocked. Each change is told once: a scan finishing after
 * the write announces itself (`recordScanResult`).
 */
export async function announceChangedFiles(
  context: DomainContext,
  conversation: ConversationRow,
  planned: readonly AttachmentRow[],
  written: readonly AttachmentRow[],
): Promise<void> {
  const plannedState = new Map(planned.map((row) => [row.id, row.state]));
  const changed = written.filter((row) => plannedState.get(row.id) !== row.state);
  if (changed.length === 0) return;
  await runUnitOfWork(context, async (tx, emit) => {
    for (const row of changed) {
      await announceFile(tx, emit, conversation, row);
      if (row.state === 'blocked') await notifyAttachmentBlocked(tx, emit, context, row);
    }
  });
}
