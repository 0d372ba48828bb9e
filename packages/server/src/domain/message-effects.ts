import { createOutboxMail } from '../mail/outbox-mail.js';
import { renderClientMessageWaitingMail, renderMemberClientStartedMail } from '../mail/render-mail.js';
import type {
  ContactRow,
  ConversationRow,
  EventAudience,
  MemberRow,
  MessageRow,
  NotificationKindValue,
} from '../store/rows.js';
import type { StoreTransaction } from '../store/store.js';
import type { DomainContext } from './context.js';
import {
  chooseClientReplyRecipients,
  chooseClientStartedRecipients,
  DEFAULT_CLIENT_STARTED_THREAD,
} from './notification-recipients.js';
import { memberOnlyAudience } from './notifications.js';
import { contactName, presentNotification } from './present.js';
import type { EmitEvent } from './unit-of-work.js';
import type { ViewerIdentity } from './viewer.js';

/** A message just written, with what its side effects need. */
export interface NewMessageFacts {
  readonly viewer: ViewerIdentity;
  readonly conversation: ConversationRow;
  readonly contact: ContactRow;
  readonly message: MessageRow;
  /** Whether the message started the conversation. */
  readonly started: boolean;
}

/** Who receives a message's events: the whole firm, plus the client unless it is an internal note. */
export function messageAudience(conversation: ConversationRow, internal: boolean): EventAudience {
  return {
    firmId: conversation.firmId,
    allMembers: true,
    memberIds: [],
    contactId: internal ? null : conversation.contactId,
  };
}

async function notifyMembers(
  tx: StoreTransaction,
  emit: EmitEvent,
  context: DomainContext,
  facts: NewMessageFacts,
  recipients: readonly MemberRow[],
  kind: NotificationKindValue,
): Promise<void> {
  for (const member of recipients) {
    const row = await tx.insertNotification({
      id: context.createId('ntf'),
      firmId: facts.conversation.firmId,
      memberId: member.id,
      kind,
      conversationId: facts.conversation.id,
      messageId: facts.message.id,
      createdAt: facts.message.createdAt,
      readAt: null,
    });
    const notification = presentNotification(row, facts.conversation, facts.contact);
    // The server's count, not a client's "+1": a tab that missed a read elsewhere would otherwise drift.
    const unreadCount = await tx.countUnreadNotifications(member.id);
    await emit(
      'notification.created',
      { notification, unreadCount },
      memberOnlyAudience(row.firmId, member.id),
    );
  }
}

async function mailClient(
  tx: StoreTransaction,
  context: DomainContext,
  facts: NewMessageFacts,
): Promise<void> {
  const rendered = renderClientMessageWaitingMail({
    firmName: facts.viewer.firm.name,
    clientFirstName: facts.contact.firstName,
    portalUrl: context.portalUrl,
  });
  const id = context.createId('mail');
  const to = facts.contact.email;
  await tx.enqueueMail(
    createOutboxMail({
      id,
      firmId: facts.conversation.firmId,
      kind: 'client_message_waiting',
      to,
      rendered,
      createdAt: facts.message.createdAt,
    }),
  );
}

async function mailMembers(
  tx: StoreTransaction,
  context: DomainContext,
  facts: NewMessageFacts,
  recipients: readonly MemberRow[],
) {
  for (const member of recipients) {
    const rendered = renderMemberClientStartedMail({
      firmName: facts.viewer.firm.name,
      memberName: member.name,
      clientName: contactName(facts.contact),
      firmAppUrl: context.firmAppUrl,
    });
    const mail = {
      id: context.createId('mail'),
      firmId: member.firmId,
      kind: 'member_client_started' as const,
    };
    await tx.enqueueMail(
      createOutboxMail({ ...mail, to: member.email, rendered, createdAt: facts.message.createdAt }),
    );
  }
}

/**
 * What a new message causes, inside its transaction: a firm message to the client queues exactly one e-mail to
 * the client (internal notes none); a client's reply notifies every member in-app; a client-started
 * conversation notifies the members the firm's setting chooses, in-app and by e-mail. E-mails carry no text.
 */
export async function applyMessageEffects(
  tx: StoreTransaction,
  emit: EmitEvent,
  context: DomainContext,
  facts: NewMessageFacts,
): Promise<void> {
  if (facts.viewer.kind === 'member') {
    if (!facts.message.internal) await mailClient(tx, context, facts);
    return;
  }
  const members = await tx.listMembers(facts.conversation.firmId);
  if (!facts.started) {
    await notifyMembers(tx, emit, context, facts, chooseClientReplyRecipients(members), 'client_replied');
    return;
  }
  const settings = await tx.getNotificationSettings(facts.conversation.firmId);
  const setting = settings?.clientStartedThread ?? DEFAULT_CLIENT_STARTED_THREAD;
  const recipients = chooseClientStartedRecipients(setting, members, facts.contact);
  await notifyMembers(tx, emit, context, facts, recipients, 'client_started_conversation');
  await mailMembers(tx, context, facts, recipients);
}
