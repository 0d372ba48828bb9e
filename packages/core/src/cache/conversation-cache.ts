import type {
  ConversationId,
  ConversationSummary,
  ListConversationsResponse,
  ListMessagesResponse,
  MarkReadResponse,
  Message,
  ReadReceipt,
} from '@confide/protocol';
import type { InfiniteData, QueryClient } from '@tanstack/query-core';
import type { ConfideKeys, ConversationListParams } from '../queries/query-keys.js';

/** The cache one client writes to: its QueryClient and its keys. */
export interface CacheScope {
  readonly queryClient: QueryClient;
  readonly keys: ConfideKeys;
}

type ConversationPages = InfiniteData<ListConversationsResponse, string | null>;
type MessagePages = InfiniteData<ListMessagesResponse, string | null>;

const PREVIEW_LENGTH = 200;

function listsOf({ queryClient, keys }: CacheScope) {
  return queryClient.getQueriesData<ConversationPages>({ queryKey: keys.conversationLists() });
}

function paramsOf(queryKey: readonly unknown[]): ConversationListParams {
  return (queryKey.at(-1) ?? {}) as ConversationListParams;
}

function mapSummaries(
  pages: ConversationPages,
  map: (summary: ConversationSummary) => ConversationSummary,
): ConversationPages {
  return { ...pages, pages: pages.pages.map((page) => ({ ...page, items: page.items.map(map) })) };
}

/** Applies a change to one conversation wherever it is cached: every index list and its detail query. */
export function updateConversation(
  scope: CacheScope,
  id: ConversationId,
  update: (summary: ConversationSummary) => ConversationSummary,
) {
  const { queryClient, keys } = scope;
  for (const [queryKey, pages] of listsOf(scope)) {
    if (!pages) continue;
    queryClient.setQueryData<ConversationPages>(
      queryKey,
      mapSummaries(pages, (summary) => (summary.id === id ? update(summary) : summary)),
    );
  }
  queryClient.setQueryData<ConversationSummary>(
    keys.conversation(id),
    (summary) => summary && update(summary),
  );
}

/** Sets the unread total on every page of every cached index list. */
export function setUnreadTotal(scope: CacheScope, total: (current: number) => number) {
  const { queryClient } = scope;
  for (const [queryKey, pages] of listsOf(scope)) {
    if (!pages) continue;
    queryClient.setQueryData<ConversationPages>(queryKey, {
      ...pages,
      pages: pages.pages.map((page) => ({ ...page, unreadTotal: Math.max(0, total(page.unreadTotal)) })),
    });
  }
}

/** Whether a message is already the preview of its conversation anywhere in the cache (a replayed event). */
export function isKnownPreview(scope: CacheScope, message: Message): boolean {
  const { queryClient, keys } = scope;
  const detail = queryClient.getQueryData<ConversationSummary>(keys.conversation(message.conversationId));
  if (detail?.lastMessage?.id === message.id) return true;
  return listsOf(scope).some(([, pages]) =>
    pages?.pages.some((page) => page.items.some((item) => item.lastMessage?.id === message.id)),
  );
}

/**
 * Moves a conversation to the top of every cached index list that holds it, after `update`, and adds
 * `unreadDelta` to each list's unread total in the same write (so no observer sees half an update). Lists that
 * do not hold it yet are reported back: the caller fetches the summary (unfiltered lists) or refetches.
 */
export function moveToTop(
  scope: CacheScope,
  id: ConversationId,
  update: (summary: ConversationSummary) => ConversationSummary,
  unreadDelta = 0,
): { missing: (readonly unknown[])[] } {
  const { queryClient, keys } = scope;
  const missing: (readonly unknown[])[] = [];
  for (const [queryKey, pages] of listsOf(scope)) {
    if (!pages || pages.pages.length === 0) continue;
    const current = pages.pages.flatMap((page) => page.items).find((summary) => summary.id === id);
    if (!current) missing.push(queryKey);
    const moved = current ? insertAtTop(pages, update(current)) : pages;
    queryClient.setQueryData<ConversationPages>(queryKey, {
      ...moved,
      pages: moved.pages.map((page) => ({ ...page, unreadTotal: page.unreadTotal + unreadDelta })),
    });
  }
  queryClient.setQueryData<ConversationSummary>(
    keys.conversation(id),
    (summary) => summary && update(summary),
  );
  return { missing };
}

/** Puts a summary first in a list's first page, removing any older copy from every page. */
export function insertAtTop(pages: ConversationPages, summary: ConversationSummary): ConversationPages {
  const [first, ...rest] = pages.pages.map((page) => ({
    ...page,
    items: page.items.filter((item) => item.id !== summary.id),
  }));
  if (!first) return pages;
  return { ...pages, pages: [{ ...first, items: [summary, ...first.items] }, ...rest] };
}

/** Inserts a summary at the top of the cached lists whose filters it matches (search lists are refetched). */
export function insertIntoLists(
  scope: CacheScope,
  summary: ConversationSummary,
  listKeys: readonly (readonly unknown[])[],
  unreadDelta = 0,
) {
  const { queryClient } = scope;
  for (const queryKey of listKeys) {
    const params = paramsOf(queryKey);
    if (params.query || params.matterId) {
      void queryClient.invalidateQueries({ queryKey, exact: true });
      continue;
    }
    queryClient.setQueryData<ConversationPages>(queryKey, (pages) => {
      if (!pages) return pages;
      const inserted = params.unread && summary.unreadCount === 0 ? pages : insertAtTop(pages, summary);
      return {
        ...inserted,
        pages: inserted.pages.map((page) => ({ ...page, unreadTotal: page.unreadTotal + unreadDelta })),
      };
    });
  }
}

/** The summary after a new message: preview, activity time and (for someone else's message) one more unread. */
export function withMessage(
  summary: ConversationSummary,
  message: Message,
  own: boolean,
): ConversationSummary {
  if (summary.lastMessage?.id === message.id) return summary;
  return {
    ...summary,
    lastActivityAt: message.createdAt,
    lastMessage: {
      id: message.id,
      author: message.author,
      text: message.body.slice(0, PREVIEW_LENGTH),
      createdAt: message.createdAt,
      internal: message.internal,
    },
    unreadCount: own ? summary.unreadCount : summary.unreadCount + 1,
  };
}

/** Adds a message to a cached thread, once: a message already there by id is left alone. */
export function addMessage(scope: CacheScope, message: Message): boolean {
  const { queryClient, keys } = scope;
  let added = false;
  queryClient.setQueryData<MessagePages>(keys.messages(message.conversationId), (pages) => {
    const [newest, ...older] = pages?.pages ?? [];
    if (!pages || !newest) return pages;
    if (pages.pages.some((page) => page.items.some((item) => item.id === message.id))) return pages;
    added = true;
    return { ...pages, pages: [{ ...newest, items: [...newest.items, message] }, ...older] };
  });
  return added;
}

/** Applies the answer of a mark-read call to the unread counts. */
export function applyReadResult(scope: CacheScope, id: ConversationId, result: MarkReadResponse) {
  updateConversation(scope, id, (summary) => ({ ...summary, unreadCount: result.unreadCount }));
  setUnreadTotal(scope, () => result.unreadTotal);
}

/** Records the client's read horizon on a conversation (members see it as "Seen"). */
export function applyClientRead(scope: CacheScope, id: ConversationId, receipt: ReadReceipt) {
  updateConversation(scope, id, (summary) => ({ ...summary, clientRead: receipt }));
}
