import { createOutboxMail } from '../mail/outbox-mail.js';
import { renderClientMessageWaitingMail, renderMemberClientStartedMail } from '../mail/render-mail.js';
import type {
  ClientStartedThreadValue,
  ContactRow,
  ConversationRow,
  EventAudience,
  MemberRow,
  MessageRow,
  NewEvent,
  NewMail,
  NewNotification,
  NotificationKindValue,
} from '../store/rows.js';
import type { DomainContext } from './context.js';
import { chooseClientReplyRecipients, chooseClientStartedRecipients } from './notification-recipients.js';
import { memberOnlyAudience } from './notifications.js';
import { contactName, presentNotification } from './present.js';
import type { ViewerIdentity } from './viewer.js';

/** A message about to be written, with what its side effects need. */
export interface NewMessageFacts {
  readonly viewer: ViewerIdentity;
  readonly conversation: ConversationRow;
  readonly contact: ContactRow;
  readonly message: MessageRow;
  /** The firm's setting for client-started conversations, when the message started one. */
  readonly started: false | { readonly setting: ClientStartedThreadValue };
}

/** The rows a new message causes, written in the same statement or transaction as the message. */
export interface PlannedMessageEffects {
  readonly notifications: readonly NewNotification[];
  readonly mails: readonly NewMail[];
  /** The notifications' events, in order. */
  readonly events: readonly NewEvent[];
}

/** A new message row of `conversation` before the store assigns its `seq` (sends and the first message alike). */
export function newMessageRow(
  context: DomainContext,
  conversation: ConversationRow,
  fields: Pick<
    MessageRow,
    'author' | 'body' | 'internal' | 'idempotencyKey' | 'createdAt' | 'attachmentCount'
  >,
): MessageRow {
  return {
    id: context.createId('msg'),
    seq: 0,
    conversationId: conversation.id,
    firmId: conversation.firmId,
    ...fields,
  };
}

/** Who receives a message's events: the whole firm, plus the client unless it is an internal note. */
export function messageAudience(
  conversation: Pick<ConversationRow, 'firmId' | 'contactId'>,
  internal: boolean,
): EventAudience {
  return {
    firmId: conversation.firmId,
    allMembers: true,
    memberIds: [],
    contactId: internal ? null : conversation.contactId,
  };
}

function notificationsFor(
  context: DomainContext,
  facts: NewMessageFacts,
  recipients: readonly MemberRow[],
  kind: NotificationKindValue,
): Pick<PlannedMessageEffects, 'notifications' | 'events'> {
  const notifications: NewNotification[] = [];
  const events: NewEvent[] = [];
  for (const member of recipients) {
    const row: NewNotification = {
      id: context.createId('ntf'),
      firmId: facts.conversation.firmId,
      memberId: member.id,
      kind,
      conversationId: facts.conversation.id,
      messageId: facts.message.id,
      createdAt: facts.message.createdAt,
      readAt: null,
    };
    notifications.push(row);
    events.push({
      type: 'notification.created',
      payload: { notification: presentNotification(row, facts.conversation, facts.contact) },
      audience: memberOnlyAudience(row.firmId, member.id),
      createdAt: row.createdAt,
    });
  }
  return { notifications, events };
}

function clientMail(context: DomainContext, facts: NewMessageFacts): NewMail {
  const rendered = renderClientMessageWaitingMail({
    firmName: facts.viewer.firm.name,
    clientFirstName: facts.contact.firstName,
    portalUrl: context.portalUrl,
  });
  return createOutboxMail({
    id: context.createId('mail'),
    firmId: facts.conversation.firmId,
    kind: 'client_message_waiting',
    recipient: { kind: 'client', id: facts.contact.id },
    to: facts.contact.email,
    rendered,
    createdAt: facts.message.createdAt,
  });
}

function memberMails(context: DomainContext, facts: NewMessageFacts, recipients: readonly MemberRow[]) {
  return recipients.map((member) =>
    createOutboxMail({
      id: context.createId('mail'),
      firmId: member.firmId,
      kind: 'member_client_started',
      recipient: { kind: 'member', id: member.id },
      to: member.email,
      rendered: renderMemberClientStartedMail({
        firmName: facts.viewer.firm.name,
        memberName: member.name,
        clientName: contactName(facts.contact),
        firmAppUrl: context.firmAppUrl,
      }),
      createdAt: facts.message.createdAt,
    }),
  );
}

/**
 * What a new message causes: a firm message to the client queues exactly one e-mail to the client (internal
 * notes none); a client's reply notifies every member in-app; a client-started conversation notifies the
 * members the firm's setting chooses, in-app and by e-mail. E-mails carry no text. Pure: the caller writes the
 * rows with the message (the members come with the viewer, so nothing is read twice).
 */
export function planMessageEffects(context: DomainContext, facts: NewMessageFacts): PlannedMessageEffects {
  if (facts.viewer.kind === 'member') {
    return {
      notifications: [],
      mails: facts.message.internal ? [] : [clientMail(context, facts)],
      events: [],
    };
  }
  const { members } = facts.viewer;
  if (!facts.started) {
    return {
      ...notificationsFor(context, facts, chooseClientReplyRecipients(members), 'client_replied'),
      mails: [],
    };
  }
  const recipients = chooseClientStartedRecipients(facts.started.setting, members, facts.contact);
  return {
    ...notificationsFor(context, facts, recipients, 'client_started_conversation'),
    mails: memberMails(context, facts, recipients),
  };
}
