import type { DomainContext } from '../domain/context.js';
import { memberOnlyAudience } from '../domain/notifications.js';
import { presentNotification } from '../domain/present.js';
import type { EmitEvent } from '../domain/unit-of-work.js';
import type { AttachmentRow } from '../store/attachment-rows.js';
import type { ContactRow, ConversationRow, MemberRow, NewEvent, NewNotification } from '../store/rows.js';
import type { StoreTransaction } from '../store/store.js';

/** What a blocked file sent with a message causes: a notification to each owner and admin, with its event. */
export interface PlannedBlockedNotifications {
  readonly notifications: readonly NewNotification[];
  readonly events: readonly NewEvent[];
}

/**
 * Plans the in-app notifications that tell the firm's owner and admins that a file sent with `messageId` was
 * blocked by the scanner: one per blocked file and person. They name the conversation and message, never the
 * file's name or content. Pure: the caller writes them (with the message, or in the scan's transaction).
 */
export function planBlockedNotifications(
  context: DomainContext,
  input: {
    readonly conversation: ConversationRow;
    readonly contact: ContactRow;
    readonly messageId: string;
    readonly members: readonly MemberRow[];
    readonly blockedFiles: number;
  },
): PlannedBlockedNotifications {
  const createdAt = context.clock.now().toISOString();
  const recipients = input.members.filter((member) => member.role === 'owner' || member.role === 'admin');
  const notifications: NewNotification[] = [];
  const events: NewEvent[] = [];
  for (let file = 0; file < input.blockedFiles; file += 1) {
    for (const member of recipients) {
      const notification: NewNotification = {
        id: context.createId('ntf'),
        firmId: input.conversation.firmId,
        memberId: member.id,
        kind: 'attachment_blocked',
        conversationId: input.conversation.id,
        messageId: input.messageId,
        createdAt,
        readAt: null,
      };
      notifications.push(notification);
      events.push({
        type: 'notification.created',
        payload: { notification: presentNotification(notification, input.conversation, input.contact) },
        audience: memberOnlyAudience(notification.firmId, member.id),
        createdAt,
      });
    }
  }
  return { notifications, events };
}

/**
 * Tells the firm's owner and admins in-app, inside `tx`, that a file sent with a message was blocked (a file not
 * sent yet notifies nobody: its send does, see `planBlockedNotifications`).
 */
export async function notifyAttachmentBlocked(
  tx: StoreTransaction,
  emit: EmitEvent,
  context: DomainContext,
  row: AttachmentRow,
): Promise<void> {
  if (row.conversationId === null || row.messageId === null) return;
  const found = await tx.getConversationWithContact(row.conversationId);
  if (!found) return;
  const planned = planBlockedNotifications(context, {
    ...found,
    messageId: row.messageId,
    members: await tx.listMembers(row.firmId),
    blockedFiles: 1,
  });
  for (const notification of planned.notifications) await tx.insertNotification(notification);
  for (const event of planned.events) emit(event.type, event.payload, event.audience);
}
