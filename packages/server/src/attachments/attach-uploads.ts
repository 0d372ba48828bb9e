import { ATTACHMENTS_PER_MESSAGE_MAX } from '@confide/protocol';
import type { DomainContext } from '../domain/context.js';
import type { EmitEvent } from '../domain/unit-of-work.js';
import type { ViewerIdentity } from '../domain/viewer.js';
import { ApiError, invalidInput, notFound } from '../errors/api-error.js';
import type { AttachmentRow } from '../store/attachment-rows.js';
import type { ConversationRow, MessageRow } from '../store/rows.js';
import type { StoreTransaction } from '../store/store.js';
import { isUploader } from './attachment-access.js';
import { notifyAttachmentBlocked } from './blocked-attachment.js';

/** What `attachUploads` attaches to. */
export interface AttachTarget {
  readonly conversation: ConversationRow;
  /** The message just inserted in the same transaction. */
  readonly message: MessageRow;
}

function unavailable(message: string, reason: string): ApiError {
  return new ApiError('attachment_unavailable', message, { reason });
}

/**
 * Attaches the viewer's finished uploads to a message they are sending, inside the send's own transaction (pass
 * its `tx` and `emit`): each upload only by its uploader, only once, only before it expires, at most 20 a
 * message; files of an internal note become firm-only. Any refusal throws, so the whole send rolls back. A file
 * the scanner already blocked is attached as blocked (both sides see it removed) and the owner and admins are
 * notified.
 */
export async function attachUploads(
  tx: StoreTransaction,
  emit: EmitEvent,
  context: DomainContext,
  viewer: ViewerIdentity,
  target: AttachTarget,
  attachmentIds: readonly string[],
): Promise<AttachmentRow[]> {
  if (attachmentIds.length > ATTACHMENTS_PER_MESSAGE_MAX) {
    throw invalidInput(['attachmentIds'], `At most ${ATTACHMENTS_PER_MESSAGE_MAX} files a message`);
  }
  if (new Set(attachmentIds).size !== attachmentIds.length) {
    throw invalidInput(['attachmentIds'], 'Each file may be attached once');
  }
  const now = context.clock.now().toISOString();
  const attached: AttachmentRow[] = [];
  for (const [position, attachmentId] of attachmentIds.entries()) {
    const row = await tx.getAttachment(attachmentId);
    // Someone else's upload answers exactly like a missing one: ids leak nothing.
    if (!row || row.firmId !== target.conversation.firmId || !isUploader(row, viewer))
      throw notFound('Upload');
    if (row.messageId !== null) throw unavailable('The file was already sent', 'already_attached');
    if (row.state === 'uploading') throw unavailable('The upload has not finished', 'incomplete');
    if (row.expiresAt <= now) throw unavailable('The upload has expired', 'expired');
    const placed = await tx.attachAttachment(row.id, {
      conversationId: target.conversation.id,
      messageId: target.message.id,
      position,
      internal: target.message.internal,
      attachedAt: now,
    });
    if (!placed) throw unavailable('The file was already sent', 'already_attached');
    if (placed.state === 'blocked') await notifyAttachmentBlocked(tx, emit, context, placed);
    attached.push(placed);
  }
  return attached;
}
