import type { DomainContext } from '../domain/context.js';
import { presentNotification } from '../domain/present.js';
import type { EmitEvent } from '../domain/unit-of-work.js';
import type { AttachmentRow } from '../store/attachment-rows.js';
import type { StoreTransaction } from '../store/store.js';

/**
 * Tells the firm's owner and admins in-app that a file sent with a message was blocked by the scanner. It names
 * the conversation and message, never the file's name or content.
 */
export async function notifyAttachmentBlocked(
  tx: StoreTransaction,
  emit: EmitEvent,
  context: DomainContext,
  row: AttachmentRow,
): Promise<void> {
  if (row.conversationId === null || row.messageId === null) return;
  const conversation = await tx.getConversation(row.conversationId);
  const contact = conversation ? await tx.getContact(conversation.contactId) : null;
  if (!conversation || !contact) return;
  const recipients = (await tx.listMembers(row.firmId)).filter(
    (member) => member.role === 'owner' || member.role === 'admin',
  );
  for (const member of recipients) {
    const notification = await tx.insertNotification({
      id: context.createId('ntf'),
      firmId: row.firmId,
      memberId: member.id,
      kind: 'attachment_blocked',
      conversationId: conversation.id,
      messageId: row.messageId,
      createdAt: context.clock.now().toISOString(),
      readAt: null,
    });
    await emit(
      'notification.created',
      { notification: presentNotification(notification, conversation, contact) },
      { firmId: row.firmId, allMembers: false, memberIds: [member.id], contactId: null },
    );
  }
}
