import {
  ConversationSchema,
  type ConversationSummary,
  ListConversationsQuerySchema,
  type ListConversationsResponse,
  ListMessagesQuerySchema,
  type ListMessagesResponse,
  MarkReadRequestSchema,
  type Message,
  MessageSchema,
  PAGE_SIZE_DEFAULT,
  ReadReceiptSchema,
  SendMessageRequestSchema,
  StartConversationRequestSchema,
} from '@confide/protocol';
import { notifyMembers } from './memory-notifications.js';
import {
  audit,
  authorOf,
  decodeCursor,
  encodeCursor,
  fail,
  type MemoryIdentity,
  type MemoryState,
  nextId,
  parseInput,
  publish,
  readerKey,
  type StoredConversation,
  timestamp,
} from './memory-state.js';

const PREVIEW_LENGTH = 200;

function canSee(state: MemoryState, identity: MemoryIdentity, stored: StoredConversation): boolean {
  if (identity.kind === 'member') return stored.conversation.firmId === state.seed.firm.id;
  return stored.conversation.contact.id === identity.id;
}

function visibleMessages(identity: MemoryIdentity, stored: StoredConversation): Message[] {
  return identity.kind === 'member'
    ? stored.messages
    : stored.messages.filter((message) => !message.internal);
}

function unreadCount(identity: MemoryIdentity, stored: StoredConversation): number {
  const read = stored.readCounts.get(readerKey(identity)) ?? 0;
  return stored.messages
    .slice(read)
    .filter((message) => !(identity.kind === 'client' && message.internal))
    .filter((message) => !(message.author.kind === identity.kind && message.author.id === identity.id))
    .length;
}

function audienceOf(state: MemoryState, stored: StoredConversation, internal: boolean) {
  return (identity: MemoryIdentity) =>
    identity.kind === 'member'
      ? canSee(state, identity, stored)
      : !internal && canSee(state, identity, stored);
}

/** Finds a conversation the identity may see, or answers `not_found` (never `forbidden`, which would leak that it exists). */
export function findConversation(
  state: MemoryState,
  identity: MemoryIdentity,
  id: string,
): StoredConversation {
  const stored = state.conversations.get(id);
  if (!stored || !canSee(state, identity, stored)) fail('not_found', 'No such conversation');
  return stored;
}

/** A conversation as one viewer sees it in the index. */
export function summarize(identity: MemoryIdentity, stored: StoredConversation): ConversationSummary {
  const last = visibleMessages(identity, stored).at(-1);
  const { clientRead, ...conversation } = stored.conversation;
  return {
    ...conversation,
    ...(identity.kind === 'member' ? { clientRead: clientRead ?? null } : {}),
    lastMessage: last
      ? {
          id: last.id,
          author: last.author,
          text: last.body.slice(0, PREVIEW_LENGTH),
          createdAt: last.createdAt,
          internal: last.internal,
        }
      : null,
    unreadCount: unreadCount(identity, stored),
  };
}

function unreadTotal(state: MemoryState, identity: MemoryIdentity): number {
  let total = 0;
  for (const stored of state.conversations.values()) {
    if (canSee(state, identity, stored)) total += unreadCount(identity, stored);
  }
  return total;
}

/** `GET /v1/conversations`. */
export function listConversations(
  state: MemoryState,
  identity: MemoryIdentity,
  input: unknown,
): ListConversationsResponse {
  const query = parseInput(ListConversationsQuerySchema, input);
  const search = query.query?.toLowerCase() ?? '';
  const matching = [...state.conversations.values()]
    .filter((stored) => canSee(state, identity, stored))
    .filter((stored) => !query.unread || unreadCount(identity, stored) > 0)
    .filter((stored) => !query.matterId || stored.conversation.matter?.id === query.matterId)
    .filter(
      (stored) =>
        !search ||
        stored.conversation.subject.toLowerCase().includes(search) ||
        stored.conversation.contact.name.toLowerCase().includes(search),
    )
    .sort((left, right) => right.activity - left.activity);
  const offset = decodeCursor(query.cursor);
  const limit = query.limit ?? PAGE_SIZE_DEFAULT;
  const page = matching.slice(offset, offset + limit);
  return {
    items: page.map((stored) => summarize(identity, stored)),
    nextCursor: offset + limit < matching.length ? encodeCursor(offset + limit) : null,
    unreadTotal: unreadTotal(state, identity),
  };
}

/** `GET /v1/conversations/:id/messages`: the newest page first, each page oldest first. */
export function listMessages(
  state: MemoryState,
  identity: MemoryIdentity,
  id: string,
  input: unknown,
): ListMessagesResponse {
  const query = parseInput(ListMessagesQuerySchema, input);
  const messages = visibleMessages(identity, findConversation(state, identity, id));
  const end = query.before === undefined ? messages.length : decodeCursor(query.before);
  const start = Math.max(0, end - (query.limit ?? PAGE_SIZE_DEFAULT));
  return {
    items: messages.slice(start, end),
    nextCursor: start > 0 ? encodeCursor(start) : null,
  };
}

function remember<Result>(
  state: MemoryState,
  identity: MemoryIdentity,
  key: string,
  create: () => Result,
): Result {
  const scoped = `${readerKey(identity)}:${key}`;
  if (state.idempotency.has(scoped)) return structuredClone(state.idempotency.get(scoped) as Result);
  const result = create();
  state.idempotency.set(scoped, result);
  return structuredClone(result);
}

function appendMessage(
  state: MemoryState,
  identity: MemoryIdentity,
  stored: StoredConversation,
  body: string,
  key: string,
  internal: boolean,
) {
  const message = MessageSchema.parse({
    id: nextId(state, 'msg'),
    conversationId: stored.conversation.id,
    author: authorOf(state, identity),
    body,
    createdAt: timestamp(state),
    internal,
    idempotencyKey: key,
  });
  stored.messages.push(message);
  stored.activity = ++state.sequence;
  stored.conversation.lastActivityAt = message.createdAt;
  // Writing a message means having read everything before it.
  stored.readCounts.set(readerKey(identity), stored.messages.length);
  return message;
}

function contactFor(state: MemoryState, identity: MemoryIdentity, contactId: string | undefined) {
  if (identity.kind === 'client') {
    if (contactId !== undefined) fail('invalid_input', 'Clients do not name a contact');
    return state.seed.contacts.find((contact) => contact.id === identity.id);
  }
  if (contactId === undefined) fail('invalid_input', 'Members must name the contact');
  return state.seed.contacts.find((contact) => contact.id === contactId);
}

/** `POST /v1/conversations`. */
export function startConversation(state: MemoryState, identity: MemoryIdentity, input: unknown) {
  const request = parseInput(StartConversationRequestSchema, input);
  return remember(state, identity, request.idempotencyKey, () => {
    const contact = contactFor(state, identity, request.contactId);
    if (!contact) fail('not_found', 'No such contact');
    if (contact.portalStatus !== 'active') fail('portal_inactive', "The client's portal is not active");
    const conversation = ConversationSchema.parse({
      id: nextId(state, 'cnv'),
      firmId: state.seed.firm.id,
      contact: { id: contact.id, name: contact.name },
      subject: request.subject,
      matter: request.matter ?? null,
      startedBy: authorOf(state, identity),
      createdAt: timestamp(state),
      lastActivityAt: timestamp(state),
      clientRead: null,
    });
    const stored: StoredConversation = { conversation, messages: [], activity: 0, readCounts: new Map() };
    state.conversations.set(conversation.id, stored);
    const message = appendMessage(state, identity, stored, request.body, request.idempotencyKey, false);
    audit(state, identity, 'conversation.started', conversation.id);
    publish(
      state,
      (id) => ({ id, type: 'conversation.created', data: { conversation: stripReceipt(stored), message } }),
      audienceOf(state, stored, false),
    );
    if (identity.kind === 'client') notifyMembers(state, 'client_started_conversation', stored, message);
    return { conversation: stripReceipt(stored), message };
  });
}

function stripReceipt(stored: StoredConversation) {
  const { clientRead: _clientRead, ...conversation } = stored.conversation;
  return conversation;
}

/** `POST /v1/conversations/:id/messages`. */
export function sendMessage(
  state: MemoryState,
  identity: MemoryIdentity,
  id: string,
  input: unknown,
): Message {
  const request = parseInput(SendMessageRequestSchema, input);
  const stored = findConversation(state, identity, id);
  return remember(state, identity, request.idempotencyKey, () => {
    const internal = request.internal ?? false;
    if (internal && identity.kind !== 'member') fail('forbidden', 'Only members may write internal notes');
    const contact = state.seed.contacts.find((candidate) => candidate.id === stored.conversation.contact.id);
    if (!internal && contact?.portalStatus !== 'active')
      fail('portal_inactive', "The client's portal is not active");
    const message = appendMessage(state, identity, stored, request.body, request.idempotencyKey, internal);
    audit(state, identity, internal ? 'note.added' : 'message.sent', message.id);
    publish(
      state,
      (eventId) => ({ id: eventId, type: 'message.created', data: { message } }),
      audienceOf(state, stored, internal),
    );
    if (identity.kind === 'client') notifyMembers(state, 'client_replied', stored, message);
    return message;
  });
}

/** `POST /v1/conversations/:id/read`. */
export function markRead(state: MemoryState, identity: MemoryIdentity, id: string, input: unknown) {
  const request = parseInput(MarkReadRequestSchema, input);
  const stored = findConversation(state, identity, id);
  const index = visibleMessages(identity, stored).findIndex((message) => message.id === request.upTo);
  if (index === -1) fail('invalid_input', 'The message is not in this conversation');
  const position = stored.messages.findIndex((message) => message.id === request.upTo) + 1;
  const key = readerKey(identity);
  if (position > (stored.readCounts.get(key) ?? 0)) stored.readCounts.set(key, position);
  const readAt = timestamp(state);
  if (identity.kind === 'client') {
    stored.conversation.clientRead = ReadReceiptSchema.parse({
      contactId: identity.id,
      upToMessageId: request.upTo,
      readAt,
    });
  }
  audit(state, identity, 'conversation.read', stored.conversation.id);
  publish(
    state,
    (eventId) => ({
      id: eventId,
      type: 'conversation.read',
      data: {
        conversationId: stored.conversation.id,
        reader: { kind: identity.kind, id: identity.id },
        upToMessageId: request.upTo,
        readAt,
      },
    }),
    (candidate) =>
      readerKey(candidate) === key ||
      (identity.kind === 'client' && candidate.kind === 'member' && canSee(state, candidate, stored)),
  );
  return {
    upToMessageId: request.upTo,
    unreadCount: unreadCount(identity, stored),
    unreadTotal: unreadTotal(state, identity),
  };
}
