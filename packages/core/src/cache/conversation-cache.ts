import type {
  ConversationId,
  ConversationSummary,
  ListConversationsResponse,
  MarkReadResponse,
  Message,
  ReadReceipt,
} from '@confide/protocol';
import type { InfiniteData, QueryClient, QueryKey } from '@tanstack/query-core';
import type { ConfideKeys, ConversationListParams } from '../queries/query-keys.js';

/** The cache one client writes to: its QueryClient and its keys. */
export interface CacheScope {
  readonly queryClient: QueryClient;
  readonly keys: ConfideKeys;
}

/** A cached list, loaded page by page with the server's cursor. */
export type Pages<Page> = InfiniteData<Page, string | null>;
type ConversationPages = Pages<ListConversationsResponse>;
type Update = (summary: ConversationSummary) => ConversationSummary;

const PREVIEW_LENGTH = 200;

/** The list with every page replaced by `map(page)`. */
export function mapPages<Page>(pages: Pages<Page>, map: (page: Page) => Page): Pages<Page> {
  return { ...pages, pages: pages.pages.map(map) };
}

/** The list with every item replaced by `map(item)`. */
export function mapItems<Page extends { items: unknown[] }>(
  pages: Pages<Page>,
  map: (item: Page['items'][number]) => Page['items'][number],
): Pages<Page> {
  return mapPages(pages, (page) => ({ ...page, items: page.items.map(map) }));
}

/** Whether any page of the list holds an item with this id. */
export function holds(pages: Pages<{ items: { id: string }[] }>, id: string): boolean {
  return pages.pages.some((page) => page.items.some((item) => item.id === id));
}

/** The list with `item` added to its first page (at the start or the end), unless a page holds it already. */
export function withItem<Item extends { id: string }, Page extends { items: Item[] }>(
  pages: Pages<Page>,
  item: Item,
  at: 'start' | 'end',
): Pages<Page> {
  const [first, ...rest] = pages.pages;
  if (!first || holds(pages, item.id)) return pages;
  const items = at === 'start' ? [item, ...first.items] : [...first.items, item];
  return { ...pages, pages: [{ ...first, items }, ...rest] };
}

function conversationListsOf({ queryClient, keys }: CacheScope) {
  return queryClient.getQueriesData<ConversationPages>({ queryKey: keys.conversationLists() });
}

function withUnreadTotal(pages: ConversationPages, total: (current: number) => number): ConversationPages {
  return mapPages(pages, (page) => ({ ...page, unreadTotal: total(page.unreadTotal) }));
}

/** Puts a summary first in a list's first page, removing any older copy from every page. */
function insertAtTop(pages: ConversationPages, summary: ConversationSummary): ConversationPages {
  const without = mapPages(pages, (page) => ({
    ...page,
    items: page.items.filter((item) => item.id !== summary.id),
  }));
  return withItem(without, summary, 'start');
}

function updateDetail(scope: CacheScope, id: ConversationId, update: Update) {
  scope.queryClient.setQueryData<ConversationSummary>(
    scope.keys.conversation(id),
    (summary) => summary && update(summary),
  );
}

/** Applies a change to one conversation wherever it is cached: every index list and its detail query. */
function updateConversation(scope: CacheScope, id: ConversationId, update: Update) {
  scope.queryClient.setQueriesData<ConversationPages>(
    { queryKey: scope.keys.conversationLists() },
    (pages) => pages && mapItems(pages, (summary) => (summary.id === id ? update(summary) : summary)),
  );
  updateDetail(scope, id, update);
}

/** Whether a message is already the preview of its conversation anywhere in the cache (a replayed event). */
export function isKnownPreview(scope: CacheScope, message: Message): boolean {
  const { queryClient, keys } = scope;
  const detail = queryClient.getQueryData<ConversationSummary>(keys.conversation(message.conversationId));
  if (detail?.lastMessage?.id === message.id) return true;
  return conversationListsOf(scope).some(([, pages]) =>
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
  update: Update,
  unreadDelta = 0,
): { missing: QueryKey[] } {
  const missing: QueryKey[] = [];
  for (const [queryKey, pages] of conversationListsOf(scope)) {
    if (!pages || pages.pages.length === 0) continue;
    const current = pages.pages.flatMap((page) => page.items).find((summary) => summary.id === id);
    if (!current) missing.push(queryKey);
    const moved = current ? insertAtTop(pages, update(current)) : pages;
    scope.queryClient.setQueryData(
      queryKey,
      withUnreadTotal(moved, (total) => total + unreadDelta),
    );
  }
  updateDetail(scope, id, update);
  return { missing };
}

/** Inserts a summary at the top of the cached lists whose filters it matches (search lists are refetched). */
export function insertIntoLists(
  scope: CacheScope,
  summary: ConversationSummary,
  listKeys: readonly QueryKey[],
  unreadDelta = 0,
) {
  for (const queryKey of listKeys) {
    const params = (queryKey.at(-1) ?? {}) as ConversationListParams;
    if (params.query || params.matterId) {
      void scope.queryClient.invalidateQueries({ queryKey, exact: true });
      continue;
    }
    scope.queryClient.setQueryData<ConversationPages>(queryKey, (pages) => {
      if (!pages) return pages;
      const inserted = params.unread && summary.unreadCount === 0 ? pages : insertAtTop(pages, summary);
      return withUnreadTotal(inserted, (total) => total + unreadDelta);
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

/** Applies the answer of a mark-read call to the unread counts. */
export function applyReadResult(scope: CacheScope, id: ConversationId, result: MarkReadResponse) {
  updateConversation(scope, id, (summary) => ({ ...summary, unreadCount: result.unreadCount }));
  scope.queryClient.setQueriesData<ConversationPages>(
    { queryKey: scope.keys.conversationLists() },
    (pages) => pages && withUnreadTotal(pages, () => result.unreadTotal),
  );
}

/** Records the client's read horizon on a conversation (members see it as "Seen"). */
export function applyClientRead(scope: CacheScope, id: ConversationId, receipt: ReadReceipt) {
  updateConversation(scope, id, (summary) => ({ ...summary, clientRead: receipt }));
}
