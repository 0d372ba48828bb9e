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
import { type ConversationListParams, confideKeys } from '../queries/query-keys.js';

type ConversationPages = InfiniteData<ListConversationsResponse, string | null>;
type MessagePages = InfiniteData<ListMessagesResponse, string | null>;

const PREVIEW_LENGTH = 200;

function listsOf(queryClient: QueryClient) {
  return queryClient.getQueriesData<ConversationPages>({ queryKey: confideKeys.conversationLists() });
}

function paramsOf(queryKey: readonly unknown[]): ConversationListParams {
  return (queryKey[3] ?? {}) as ConversationListParams;
}

function mapSummaries(
  pages: ConversationPages,
  map: (summary: ConversationSummary) => ConversationSummary,
): ConversationPages {
  return { ...pages, pages: pages.pages.map((page) => ({ ...page, items: page.items.map(map) })) };
}

/** Applies a change to one conversation wherever it is cached: every index list and its detail query. */
export function updateConversation(
  queryClient: QueryClient,
  id: ConversationId,
  update: (summary: ConversationSummary) => ConversationSummary,
) {
  for (const [queryKey, pages] of listsOf(queryClient)) {
    if (!pages) continue;
    queryClient.setQueryData<ConversationPages>(
      queryKey,
      mapSummaries(pages, (summary) => (summary.id === id ? update(summary) : summary)),
    );
  }
  queryClient.setQueryData<ConversationSummary>(
    confideKeys.conversation(id),
    (summary) => summary && update(summary),
  );
}

/** Sets the unread total on every page of every cached index list. */
export function setUnreadTotal(queryClient: QueryClient, total: (current: number) => number) {
  for (const [queryKey, pages] of listsOf(queryClient)) {
    if (!pages) continue;
    queryClient.setQueryData<ConversationPages>(queryKey, {
      ...pages,
      pages: pages.pages.map((page) => ({ ...page, unreadTotal: Math.max(0, total(page.unreadTotal)) })),
    });
  }
}

/** Whether a message is already the preview of its conversation anywhere in the cache (a replayed event). */
export function isKnownPreview(queryClient: QueryClient, message: Message): boolean {
  const detail = queryClient.getQueryData<ConversationSummary>(
    confideKeys.conversation(message.conversationId),
  );
  if (detail?.lastMessage?.id === message.id) return true;
  return listsOf(queryClient).some(([, pages]) =>
    pages?.pages.some((page) => page.items.some((item) => item.lastMessage?.id === message.id)),
  );
}

/**
 * Moves a conversation to the top of every cached index list that holds it, after `update`, and adds
 * `unreadDelta` to each list's unread total in the same write (so no observer sees half an update). Lists that
 * do not hold it yet are reported back: the caller fetches the summary (unfiltered lists) or refetches.
 */
export function moveToTop(
  queryClient: QueryClient,
  id: ConversationId,
  update: (summary: ConversationSummary) => ConversationSummary,
  unreadDelta = 0,
): { missing: (readonly unknown[])[] } {
  const missing: (readonly unknown[])[] = [];
  for (const [queryKey, pages] of listsOf(queryClient)) {
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
    confideKeys.conversation(id),
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
  queryClient: QueryClient,
  summary: ConversationSummary,
  listKeys: readonly (readonly unknown[])[],
  unreadDelta = 0,
) {
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
export function addMessage(queryClient: QueryClient, message: Message): boolean {
  let added = false;
  queryClient.setQueryData<MessagePages>(confideKeys.messages(message.conversationId), (pages) => {
    const [newest, ...older] = pages?.pages ?? [];
    if (!pages || !newest) return pages;
    if (pages.pages.some((page) => page.items.some((item) => item.id === message.id))) return pages;
    added = true;
    return { ...pages, pages: [{ ...newest, items: [...newest.items, message] }, ...older] };
  });
  return added;
}

/** Applies the answer of a mark-read call to the unread counts. */
export function applyReadResult(queryClient: QueryClient, id: ConversationId, result: MarkReadResponse) {
  updateConversation(queryClient, id, (summary) => ({ ...summary, unreadCount: result.unreadCount }));
  setUnreadTotal(queryClient, () => result.unreadTotal);
}

/** Records the client's read horizon on a conversation (members see it as "Seen"). */
export function applyClientRead(queryClient: QueryClient, id: ConversationId, receipt: ReadReceipt) {
  updateConversation(queryClient, id, (summary) => ({ ...summary, clientRead: receipt }));
}
