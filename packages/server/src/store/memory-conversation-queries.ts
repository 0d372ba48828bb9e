import { searchContains } from '@confide/protocol';
import { insertNew, type MemoryState, rowOrNull } from './memory-state.js';
import type { Audience, ContactRow, ConversationRow, MessageRow, PartyRef, ReadStateRow } from './rows.js';
import type { ConversationQueryName, PeopleQueryName, StoreQueries, UnreadScope } from './store.js';

const partyKey = (party: PartyRef) => `${party.kind}:${party.id}`;
const readStateKey = (conversationId: string, reader: PartyRef) => `${conversationId}:${partyKey(reader)}`;
const byId = (left: { id: string }, right: { id: string }) =>
  left.id < right.id ? -1 : left.id > right.id ? 1 : 0;
const visibleTo = (audience: Audience, message: MessageRow) => audience === 'firm' || !message.internal;

function firstByEmail<Row extends { id: string; email: string }>(
  rows: Iterable<Row>,
  email: string,
): Row | null {
  const matches = [...rows].filter((row) => row.email.toLowerCase() === email.toLowerCase()).sort(byId);
  return matches[0] ?? null;
}

function contactMatches(contact: ContactRow, query: string): boolean {
  const fullName = `${contact.firstName} ${contact.lastName}`;
  return [contact.firstName, contact.lastName, fullName, contact.email].some((text) =>
    searchContains(text, query),
  );
}

/** The in-memory store's queries on people, settings, conversations, messages and read state. */
export function createConversationQueries(
  state: () => MemoryState,
): Pick<StoreQueries, PeopleQueryName | ConversationQueryName> {
  const countUnread = (conversationId: string, scope: UnreadScope): number => {
    const horizon = state().readStates.get(readStateKey(conversationId, scope.reader))?.upToSeq ?? 0;
    let count = 0;
    const messages = state().messagesByConversation.get(conversationId) ?? [];
    // Newest first, stopping at the horizon: unread messages are the tail of the conversation.
    for (let index = messages.length - 1; index >= 0; index -= 1) {
      const message = messages[index];
      if (!message || message.seq <= horizon) break;
      if (!visibleTo(scope.audience, message) || partyKey(message.author) === partyKey(scope.reader))
        continue;
      count += 1;
    }
    return count;
  };
  const membersOf = (firmId: string) =>
    [...state().members.values()]
      .filter((member) => member.firmId === firmId)
      .sort((left, right) => left.name.localeCompare(right.name) || byId(left, right));
  const activitySeq = (conversation: ConversationRow, audience: Audience) =>
    audience === 'firm' ? conversation.lastActivitySeq : conversation.clientLastActivitySeq;

  return {
    async insertFirm(firm) {
      return insertNew(state().firms, firm);
    },
    async getFirm(id) {
      return rowOrNull(state().firms, id);
    },
    async insertMember(member) {
      return insertNew(state().members, member);
    },
    async getMember(id) {
      return rowOrNull(state().members, id);
    },
    async findMemberByEmail(email) {
      return firstByEmail(state().members.values(), email);
    },
    async listMembers(firmId) {
      return membersOf(firmId);
    },
    async updateMember(id, changes) {
      const member = state().members.get(id);
      if (!member) return null;
      const updated = { ...member, ...changes };
      state().members.set(id, updated);
      return updated;
    },
    async updateContact(id, changes) {
      const contact = state().contacts.get(id);
      if (!contact) return null;
      const updated = { ...contact, ...changes };
      state().contacts.set(id, updated);
      return updated;
    },
    async insertContact(contact) {
      return insertNew(state().contacts, { ...contact, assigneeIds: [...contact.assigneeIds] });
    },
    async getContact(id) {
      return rowOrNull(state().contacts, id);
    },
    async findContactByEmail(email) {
      return firstByEmail(state().contacts.values(), email);
    },
    async listContacts(firmId, query) {
      return [...state().contacts.values()]
        .filter((contact) => contact.firmId === firmId && (!query || contactMatches(contact, query)))
        .sort(
          (left, right) =>
            left.lastName.localeCompare(right.lastName) ||
            left.firstName.localeCompare(right.firstName) ||
            byId(left, right),
        );
    },
    async loadViewer(firmId, party) {
      const firm = state().firms.get(firmId);
      if (!firm) return null;
      const members = membersOf(firmId);
      if (party.kind === 'member') {
        const member = state().members.get(party.id);
        return member && member.firmId === firmId ? { kind: 'member', firm, member, members } : null;
      }
      const contact = state().contacts.get(party.id);
      return contact && contact.firmId === firmId ? { kind: 'client', firm, contact, members } : null;
    },
    async getNotificationSettings(firmId) {
      return rowOrNull(state().settings, firmId);
    },
    async putNotificationSettings(settings) {
      state().settings.set(settings.firmId, {
        ...settings,
        allowedMediaTypes: settings.allowedMediaTypes ? [...settings.allowedMediaTypes] : null,
      });
    },
    async insertConversation(conversation) {
      if (state().conversations.has(conversation.id)) throw new Error('Conversation id already exists');
      const row: ConversationRow = {
        ...conversation,
        lastActivityAt: conversation.createdAt,
        lastActivitySeq: 0,
        lastMessageId: null,
        clientLastActivityAt: conversation.createdAt,
        clientLastActivitySeq: 0,
        clientLastMessageId: null,
      };
      state().conversations.set(row.id, row);
      return row;
    },
    async getConversation(id) {
      return rowOrNull(state().conversations, id);
    },
    async getConversationWithContact(id) {
      const conversation = state().conversations.get(id);
      const contact = conversation && state().contacts.get(conversation.contactId);
      return conversation && contact ? { conversation, contact } : null;
    },
    async listConversations(options) {
      const { audience } = options;
      const items = [];
      const candidates = [...state().conversations.values()]
        .filter((conversation) => conversation.firmId === options.firmId)
        .filter(
          (conversation) => options.contactId === undefined || conversation.contactId === options.contactId,
        )
        .filter(
          (conversation) => options.matterId === undefined || conversation.matterId === options.matterId,
        )
        .filter(
          (conversation) =>
            options.beforeActivitySeq === undefined ||
            activitySeq(conversation, audience) < options.beforeActivitySeq,
        )
        .filter((conversation) => {
          if (!options.query) return true;
          const contact = state().contacts.get(conversation.contactId);
          return (
            searchContains(conversation.subject, options.query) ||
            (conversation.matterLabel !== null && searchContains(conversation.matterLabel, options.query)) ||
            (contact !== undefined && contactMatches({ ...contact, email: '' }, options.query))
          );
        })
        .sort(
          (left, right) => activitySeq(right, audience) - activitySeq(left, audience) || byId(right, left),
        );
      for (const conversation of candidates) {
        if (items.length >= options.limit) break;
        const unreadCount = countUnread(conversation.id, options);
        if (options.unreadOnly && unreadCount === 0) continue;
        const lastMessageId =
          audience === 'firm' ? conversation.lastMessageId : conversation.clientLastMessageId;
        const lastMessage = lastMessageId === null ? null : (state().messages.get(lastMessageId) ?? null);
        const contact = state().contacts.get(conversation.contactId);
        if (!contact) continue;
        const clientRead =
          state().readStates.get(readStateKey(conversation.id, { kind: 'client', id: contact.id })) ?? null;
        items.push({ conversation, contact, clientRead, lastMessage, unreadCount });
      }
      return items;
    },
    async insertMessage(message, effects) {
      const key = `${partyKey(message.author)}:${message.idempotencyKey}`;
      const existingId = state().idempotencyKeys.get(key);
      const existing = existingId === undefined ? undefined : state().messages.get(existingId);
      if (existing) return { created: false, message: existing, lastEventSeq: 0, attachments: [] };
      const conversation = state().conversations.get(message.conversationId);
      if (!conversation) throw new Error('Conversation does not exist');
      if (state().messages.has(message.id)) throw new Error('Message id already exists');
      const row: MessageRow = {
        ...message,
        seq: state().sequences.message + 1,
        attachmentCount: effects?.attachments?.ids.length ?? 0,
      };
      state().sequences.message = row.seq;
      state().messages.set(row.id, row);
      const thread = state().messagesByConversation.get(row.conversationId) ?? [];
      state().messagesByConversation.set(row.conversationId, [...thread, row]);
      state().idempotencyKeys.set(key, row.id);
      const firmActivity = { lastActivityAt: row.createdAt, lastActivitySeq: row.seq, lastMessageId: row.id };
      const clientActivity = row.internal
        ? {}
        : {
            clientLastActivityAt: row.createdAt,
            clientLastActivitySeq: row.seq,
            clientLastMessageId: row.id,
          };
      state().conversations.set(conversation.id, { ...conversation, ...firmActivity, ...clientActivity });
      return { created: true, message: row, lastEventSeq: 0, attachments: [] };
    },
    async getMessage(id) {
      return rowOrNull(state().messages, id);
    },
    async findMessageByIdempotencyKey(author, idempotencyKey) {
      const id = state().idempotencyKeys.get(`${partyKey(author)}:${idempotencyKey}`);
      return id === undefined ? null : (state().messages.get(id) ?? null);
    },
    async listMessages(options) {
      return [...(state().messagesByConversation.get(options.conversationId) ?? [])]
        .filter((message) => visibleTo(options.audience, message))
        .filter((message) => options.beforeSeq === undefined || message.seq < options.beforeSeq)
        .sort((left, right) => right.seq - left.seq)
        .slice(0, options.limit);
    },
    async getReadState(conversationId, reader) {
      return state().readStates.get(readStateKey(conversationId, reader)) ?? null;
    },
    async advanceReadState(readState) {
      const key = readStateKey(readState.conversationId, readState.reader);
      const stored = state().readStates.get(key);
      if (stored && stored.upToSeq >= readState.upToSeq) return stored;
      const row: ReadStateRow = { ...readState, reader: { ...readState.reader } };
      state().readStates.set(key, row);
      return row;
    },
    async listReadStates(conversationId) {
      return [...state().readStates.values()]
        .filter((readState) => readState.conversationId === conversationId)
        .sort((left, right) => (partyKey(left.reader) < partyKey(right.reader) ? -1 : 1));
    },
    async countUnread(conversationId, scope) {
      return countUnread(conversationId, scope);
    },
    async countUnreadTotal(options) {
      let total = 0;
      for (const conversation of state().conversations.values()) {
        if (conversation.firmId !== options.firmId) continue;
        if (options.contactId !== undefined && conversation.contactId !== options.contactId) continue;
        total += countUnread(conversation.id, options);
      }
      return total;
    },
  };
}
