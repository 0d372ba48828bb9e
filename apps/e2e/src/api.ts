import {
  type ConversationSummary,
  DevTokenResponseSchema,
  GetConversationResponseSchema,
  ListContactsResponseSchema,
  ListConversationsResponseSchema,
  ListNotificationsResponseSchema,
  type Message,
  type Notification,
  routes,
  SendMessageResponseSchema,
  StartConversationResponseSchema,
} from '@confide/protocol';
import type { Person } from './people.js';
import { urls } from './urls.js';

/** A dev-mode bearer token for a demo person, as their app's backend would sign one. */
export async function devToken(person: Person): Promise<string> {
  const response = await fetch(`${urls.api()}${routes.issueDevToken.path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: person.email }),
  });
  if (!response.ok) throw new Error(`No dev token for ${person.email}: ${response.status}`);
  return DevTokenResponseSchema.parse(await response.json()).token;
}

/** The member's unread notification count, as the server counts it. */
export async function unreadNotificationCountOf(person: Person): Promise<number> {
  const response = await fetch(`${urls.api()}${routes.listNotifications.path}`, {
    headers: { authorization: `Bearer ${await devToken(person)}` },
  });
  if (!response.ok) throw new Error(`Notifications of ${person.email}: ${response.status}`);
  return ListNotificationsResponseSchema.parse(await response.json()).unreadCount;
}

/** Sends a message in a conversation as `person` through the API, as their app would, with files if given. */
export async function sendMessageAs(
  person: Person,
  conversationId: string,
  body: string,
  attachmentIds: readonly string[] = [],
): Promise<Message> {
  const path = routes.sendMessage.path.replace(':id', encodeURIComponent(conversationId));
  const files = attachmentIds.length === 0 ? {} : { attachmentIds };
  const response = await fetch(`${urls.api()}${path}`, {
    method: routes.sendMessage.method,
    headers: { authorization: `Bearer ${await devToken(person)}`, 'content-type': 'application/json' },
    body: JSON.stringify({ body, idempotencyKey: `e2e_${crypto.randomUUID()}`, ...files }),
  });
  if (!response.ok) throw new Error(`Send as ${person.email}: ${response.status}`);
  return SendMessageResponseSchema.parse(await response.json());
}

/** A member's in-app notifications, newest first, read through the API as their bell reads them. */
export async function notificationsOf(person: Person): Promise<readonly Notification[]> {
  const response = await fetch(`${urls.api()}${routes.listNotifications.path}`, {
    headers: { authorization: `Bearer ${await devToken(person)}` },
  });
  if (!response.ok) throw new Error(`Notifications of ${person.email}: ${response.status}`);
  return ListNotificationsResponseSchema.parse(await response.json()).items;
}

/** Starts a conversation as a member through the API, as the firm's app would; resolves to its id. */
export async function startConversationAs(
  member: Person,
  input: { readonly contactId: string; readonly subject: string; readonly body: string },
): Promise<string> {
  const response = await fetch(`${urls.api()}${routes.startConversation.path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await devToken(member)}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ...input, idempotencyKey: `e2e_${crypto.randomUUID()}` }),
  });
  if (!response.ok) throw new Error(`Start conversation as ${member.email}: ${response.status}`);
  return StartConversationResponseSchema.parse(await response.json()).conversation.id;
}

/** The conversations `person` has on the server whose subject is exactly `subject` (searched, then compared). */
export async function conversationsWithSubject(
  person: Person,
  subject: string,
): Promise<ConversationSummary[]> {
  const query = new URLSearchParams({ query: subject, limit: '100' });
  const response = await fetch(`${urls.api()}${routes.listConversations.path}?${query}`, {
    headers: { authorization: `Bearer ${await devToken(person)}` },
  });
  if (!response.ok) throw new Error(`Conversations of ${person.email}: ${response.status}`);
  const page = ListConversationsResponseSchema.parse(await response.json());
  return page.items.filter((conversation) => conversation.subject === subject);
}

/** One conversation as `person` sees it through the API (a member sees the client's read receipt). */
export async function conversationAs(person: Person, conversationId: string): Promise<ConversationSummary> {
  const path = routes.getConversation.path.replace(':id', encodeURIComponent(conversationId));
  const response = await fetch(`${urls.api()}${path}`, {
    headers: { authorization: `Bearer ${await devToken(person)}` },
  });
  if (!response.ok) throw new Error(`Conversation ${conversationId} as ${person.email}: ${response.status}`);
  return GetConversationResponseSchema.parse(await response.json());
}

/** A member starts a conversation with a client (found by e-mail) through the API; resolves to its id. */
export async function startConversationWith(
  member: Person,
  client: Person,
  subject: string,
  body: string,
): Promise<string> {
  const headers = { authorization: `Bearer ${await devToken(member)}`, 'content-type': 'application/json' };
  const contacts = await fetch(
    `${urls.api()}${routes.listContacts.path}?query=${encodeURIComponent(client.email)}`,
    {
      headers,
    },
  );
  const contact = ListContactsResponseSchema.parse(await contacts.json()).items.find(
    (item) => item.email === client.email,
  );
  if (!contact) throw new Error(`${client.email} is not a contact of ${member.email}`);
  const response = await fetch(`${urls.api()}${routes.startConversation.path}`, {
    method: routes.startConversation.method,
    headers,
    body: JSON.stringify({ contactId: contact.id, subject, body, idempotencyKey: crypto.randomUUID() }),
  });
  if (!response.ok) throw new Error(`Starting a conversation failed: ${response.status}`);
  return StartConversationResponseSchema.parse(await response.json()).conversation.id;
}
