import { countGraphemes, PREVIEW_MAX_LENGTH, sliceGraphemes } from '@confide/protocol';
import type { WireAttachment } from '../attachments/present-attachment.js';
import type {
  Audience,
  AuditRow,
  ContactRow,
  ConversationRow,
  MemberRow,
  MessageRow,
  NotificationRow,
  PartyRef,
  ReadStateRow,
  TemplateRow,
} from '../store/rows.js';
import type { ViewerIdentity } from './viewer.js';
import type {
  WireAuditEntry,
  WireContact,
  WireConversation,
  WireMember,
  WireMessage,
  WireNotification,
  WireTemplate,
  WireViewer,
} from './wire.js';

/** Display names of the people who may author messages in a firm: its members and the given contacts. */
export type NameBook = ReadonlyMap<string, string>;

const nameKey = (party: PartyRef) => `${party.kind}:${party.id}`;

/** A contact's display name. */
export function contactName(contact: ContactRow): string {
  return `${contact.firstName} ${contact.lastName}`;
}

/** The names of the viewer's firm's members (loaded with the viewer) and of `contacts`. */
export function nameBookOf(viewer: ViewerIdentity, contacts: readonly ContactRow[]): NameBook {
  const names = new Map<string, string>();
  for (const member of viewer.members) names.set(nameKey({ kind: 'member', id: member.id }), member.name);
  for (const contact of contacts)
    names.set(nameKey({ kind: 'client', id: contact.id }), contactName(contact));
  return names;
}

function presentAuthor(author: PartyRef, names: NameBook) {
  // A member who has since left keeps their messages; the name falls back to a neutral label.
  const name = names.get(nameKey(author)) ?? (author.kind === 'member' ? 'Former member' : 'Client');
  return { kind: author.kind, id: author.id, name };
}

/** A message as the protocol sends it, with the files the viewer may see (`attachments` absent when none). */
export function presentMessage(
  message: MessageRow,
  names: NameBook,
  attachments: readonly WireAttachment[] = [],
): WireMessage {
  return {
    id: message.id,
    conversationId: message.conversationId,
    author: presentAuthor(message.author, names),
    body: message.body,
    createdAt: message.createdAt,
    internal: message.internal,
    idempotencyKey: message.idempotencyKey,
    ...(attachments.length > 0 ? { attachments: [...attachments] } : {}),
  };
}

/** The preview's text: the body on one line, cut at a character boundary (never inside an emoji or a surrogate pair). */
function previewText(body: string): string {
  const text = body.replace(/\s+/g, ' ').trim();
  if (text.length <= PREVIEW_MAX_LENGTH || countGraphemes(text) <= PREVIEW_MAX_LENGTH) return text;
  return `${sliceGraphemes(text, PREVIEW_MAX_LENGTH - 1)}…`;
}

/**
 * A message preview: the first characters of the text, on one line, and how many files it carries. Whoever may
 * see the message may see all its files (an internal note's files are firm-only like the note), so the count
 * is the same for every viewer of it.
 */
export function presentPreview(message: MessageRow, names: NameBook) {
  return {
    id: message.id,
    author: presentAuthor(message.author, names),
    text: previewText(message.body),
    createdAt: message.createdAt,
    internal: message.internal,
    ...(message.attachmentCount > 0 ? { attachmentCount: message.attachmentCount } : {}),
  };
}

/**
 * A conversation as one audience sees it: clients get the client-visible activity and never `clientRead`;
 * members get the firm activity and the client's read horizon (one-sided read receipts).
 */
export function presentConversation(
  conversation: ConversationRow,
  contact: ContactRow,
  names: NameBook,
  audience: Audience,
  clientRead: ReadStateRow | null,
): WireConversation {
  const base = {
    id: conversation.id,
    firmId: conversation.firmId,
    contact: { id: contact.id, name: contactName(contact) },
    subject: conversation.subject,
    matter:
      conversation.matterId === null || conversation.matterLabel === null
        ? null
        : { id: conversation.matterId, label: conversation.matterLabel },
    startedBy: presentAuthor(conversation.startedBy, names),
    createdAt: conversation.createdAt,
  };
  if (audience === 'client') return { ...base, lastActivityAt: conversation.clientLastActivityAt };
  return {
    ...base,
    lastActivityAt: conversation.lastActivityAt,
    clientRead:
      clientRead === null
        ? null
        : { contactId: contact.id, upToMessageId: clientRead.upToMessageId, readAt: clientRead.readAt },
  };
}

/** A notification as the protocol sends it. */
export function presentNotification(
  notification: Omit<NotificationRow, 'seq'>,
  conversation: ConversationRow,
  contact: ContactRow,
): WireNotification {
  return {
    id: notification.id,
    kind: notification.kind,
    conversationId: notification.conversationId,
    messageId: notification.messageId,
    contact: { id: contact.id, name: contactName(contact) },
    subject: conversation.subject,
    createdAt: notification.createdAt,
    readAt: notification.readAt,
  };
}

/** A contact as the protocol sends it. */
export function presentContact(contact: ContactRow): WireContact {
  return {
    id: contact.id,
    firmId: contact.firmId,
    firstName: contact.firstName,
    lastName: contact.lastName,
    name: contactName(contact),
    email: contact.email,
    portalStatus: contact.portalStatus,
    assigneeIds: [...contact.assigneeIds],
  };
}

/** A member as the protocol sends it. */
export function presentMember(member: MemberRow): WireMember {
  return { id: member.id, firmId: member.firmId, name: member.name, email: member.email, role: member.role };
}

/** A template as the protocol sends it. */
export function presentTemplate(template: TemplateRow): WireTemplate {
  return { ...template };
}

/** An audit entry as the protocol sends it. */
export function presentAuditEntry(entry: AuditRow): WireAuditEntry {
  return {
    id: entry.id,
    firmId: entry.firmId,
    actor: { kind: entry.actor.kind, id: entry.actor.id },
    action: entry.action,
    targetId: entry.targetId,
    requestId: entry.requestId,
    at: entry.at,
  };
}

/** The viewer as `GET /v1/me` sends it. */
export function presentViewer(viewer: ViewerIdentity): WireViewer {
  const firm = { id: viewer.firm.id, name: viewer.firm.name };
  if (viewer.kind === 'member') {
    const { member } = viewer;
    return {
      role: 'member',
      id: member.id,
      name: member.name,
      email: member.email,
      memberRole: member.role,
      firm,
    };
  }
  const { contact } = viewer;
  return {
    role: 'client',
    id: contact.id,
    name: contactName(contact),
    firstName: contact.firstName,
    email: contact.email,
    firm,
  };
}
