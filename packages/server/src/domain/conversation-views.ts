import { PAGE_SIZE_DEFAULT } from '@confide/protocol';
import { decodeCursor, encodeCursor } from '../lib/cursor.js';
import type { ConversationListItem, StoreQueries } from '../store/store.js';
import { loadAccessibleConversation } from './access.js';
import { type NameBook, nameBookOf, presentConversation, presentPreview } from './present.js';
import { type ViewerIdentity, viewerAudience, viewerRef } from './viewer.js';
import type { WireConversationSummary } from './wire.js';

/** Filters and page of `GET /v1/conversations`, as parsed by the protocol. */
export interface ConversationListInput {
  readonly cursor?: string | undefined;
  readonly limit?: number | undefined;
  readonly unread?: boolean | undefined;
  readonly query?: string | undefined;
  readonly matterId?: string | undefined;
}

function summarise(
  viewer: ViewerIdentity,
  item: ConversationListItem,
  names: NameBook,
): WireConversationSummary {
  const clientRead = viewer.kind === 'member' ? item.clientRead : null;
  return {
    ...presentConversation(item.conversation, item.contact, names, viewerAudience(viewer), clientRead),
    lastMessage: item.lastMessage === null ? null : presentPreview(item.lastMessage, names),
    unreadCount: item.unreadCount,
  };
}

/** The viewer's conversations, newest activity (as they may see it) first, with unread counts and a cursor. */
export async function listConversationSummaries(
  store: StoreQueries,
  viewer: ViewerIdentity,
  input: ConversationListInput,
) {
  const limit = input.limit ?? PAGE_SIZE_DEFAULT;
  const audience = viewerAudience(viewer);
  const scope = {
    firmId: viewer.firm.id,
    audience,
    reader: viewerRef(viewer),
    contactId: viewer.kind === 'client' ? viewer.contact.id : undefined,
  };
  const rows = await store.listConversations({
    ...scope,
    limit: limit + 1,
    beforeActivitySeq: decodeCursor('conversations', input.cursor, 'cursor'),
    unreadOnly: input.unread,
    query: input.query === '' ? undefined : input.query,
    matterId: input.matterId,
  });
  const page = rows.slice(0, limit);
  const names = nameBookOf(
    viewer,
    page.map((item) => item.contact),
  );
  const items = page.map((item) => summarise(viewer, item, names));
  const last = page.at(-1)?.conversation;
  const lastSeq =
    last === undefined ? 0 : audience === 'firm' ? last.lastActivitySeq : last.clientLastActivitySeq;
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor('conversations', lastSeq) : null,
    unreadTotal: await store.countUnreadTotal(scope),
  };
}

/** One conversation as a summary for the viewer; `not_found` when they may not see it. */
export async function getConversationSummary(
  store: StoreQueries,
  viewer: ViewerIdentity,
  conversationId: string,
): Promise<WireConversationSummary> {
  const { conversation, contact } = await loadAccessibleConversation(store, viewer, conversationId);
  const audience = viewerAudience(viewer);
  const lastMessageId = audience === 'firm' ? conversation.lastMessageId : conversation.clientLastMessageId;
  const lastMessage = lastMessageId === null ? null : await store.getMessage(lastMessageId);
  const unreadCount = await store.countUnread(conversation.id, { audience, reader: viewerRef(viewer) });
  const clientRead =
    viewer.kind === 'member'
      ? await store.getReadState(conversation.id, { kind: 'client', id: contact.id })
      : null;
  const names = nameBookOf(viewer, [contact]);
  return summarise(viewer, { conversation, contact, clientRead, lastMessage, unreadCount }, names);
}
