import type { InfiniteData, QueryClient } from '@tanstack/query-core';
import { ConfideError } from '../errors/confide-error.js';
import type { ConversationListParams } from './query-keys.js';

/** How long fetched data counts as fresh, in milliseconds; live events keep it current in between. */
export const SERVER_DATA_STALE_TIME_MS = 30_000;
/** Contacts, members, templates and settings change rarely: five minutes of freshness, in milliseconds. */
export const DIRECTORY_STALE_TIME_MS = 5 * 60_000;

/** What a query function receives from query-core (and react-query). */
export interface QueryContext<PageParam = unknown> {
  readonly signal: AbortSignal;
  readonly pageParam?: PageParam;
  /** The QueryClient running the query (query-core passes it; a direct call may leave it out). */
  readonly client?: Pick<QueryClient, 'getQueryData'>;
}

/** Retries of one query after its first attempt: the only retry layer for reads (the transport makes none). */
export const QUERY_RETRY_LIMIT = 2;

/**
 * Whether query-core retries a failed query: only for errors that may pass (network, timeout, 5xx, 429), at most
 * `QUERY_RETRY_LIMIT` times. Set on every query option object (with `retryQueryDelay`), so a host's QueryClient
 * defaults never multiply it.
 */
function retryQuery(failureCount: number, error: unknown): boolean {
  return failureCount < QUERY_RETRY_LIMIT && ConfideError.is(error) && error.retryable;
}

/** First and longest wait between a query's attempts, in milliseconds: query-core's own defaults. */
const QUERY_RETRY_BASE_DELAY_MS = 1_000;
const QUERY_RETRY_MAX_DELAY_MS = 30_000;

/**
 * How long query-core waits before retrying a query: its usual doubling delay, or longer when the server said when
 * to come back (`Retry-After` on a 429 or 503): retrying earlier would only be refused again.
 */
function retryQueryDelay(failureCount: number, error: unknown): number {
  const backoff = Math.min(QUERY_RETRY_BASE_DELAY_MS * 2 ** failureCount, QUERY_RETRY_MAX_DELAY_MS);
  const asked = ConfideError.is(error) ? (error.retryAfterSeconds ?? 0) * 1_000 : 0;
  return Math.max(backoff, asked);
}

/** Options of a query that loads one thing: its key, how to fetch it, and how long it stays fresh (in ms). */
export function singleQuery<const Key extends readonly unknown[], Data>(
  queryKey: Key,
  fetch: (signal: AbortSignal) => Promise<Data>,
  staleTime = DIRECTORY_STALE_TIME_MS,
) {
  return {
    queryKey,
    queryFn: ({ signal }: QueryContext) => fetch(signal),
    staleTime,
    retry: retryQuery,
    retryDelay: retryQueryDelay,
  };
}

/** How a paged list is ordered: newest first from page to page, by `timeOf`; within a page newest first unless `oldestFirst`. */
export interface ListOrder<Item> {
  /** The time the list is sorted by (an ISO timestamp). */
  readonly timeOf: (item: Item) => string;
  /** Whether each page holds its items oldest first (a thread's messages). @default false */
  readonly oldestFirst?: boolean;
  /** The page's unread count, if it has one: its field, and what one item adds to it. */
  readonly unread?: { readonly field: string; readonly of: (item: Item) => number };
}

/** A page of a list: its items and the cursor of the next, older page. */
interface CursorPage {
  readonly items: readonly { readonly id: string }[];
  readonly nextCursor: string | null;
}

type ItemOf<Page extends CursorPage> = Page['items'][number];

/** The oldest item of a page: the last one in the list's order among those of the oldest time. */
function oldestOf<Item>(items: readonly Item[], order: ListOrder<Item>): Item | undefined {
  const newestFirst = order.oldestFirst ? [...items].reverse() : items;
  return newestFirst.reduce<Item | undefined>(
    (oldest, item) => (oldest === undefined || order.timeOf(item) <= order.timeOf(oldest) ? item : oldest),
    undefined,
  );
}

/** Pages a refetch reads at most to reach the loaded items (`fetchFirstPage`), not one request per page of a long gap. */
export const REFETCH_FIRST_PAGE_LIMIT = 4;

type Pages<Page> = InfiniteData<Page, string | null>;

/** Items in `order`, newest last when a page is oldest first; a stable sort, so the server's order holds for ties. */
function sortedBy<Item>(items: Item[], order: ListOrder<Item>): Item[] {
  const sign = order.oldestFirst ? 1 : -1;
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return items.sort((a, b) => sign * compare(order.timeOf(a), order.timeOf(b)));
}

/**
 * The answer of a first-page fetch with what the cache learned while it was fetched. Events and the viewer's own
 * sends write to the cache during a fetch; its answer was read on the server before some of them, and landing as it
 * is would take them off the screen until the next fetch (a thread under a steady stream of replies showed each new
 * message, lost it, then showed it again). An item written meanwhile (a new object in the cache since the fetch began)
 * is kept unless the answer holds a newer copy of it, or, lacking it, reaches further than it (it belongs on a later
 * page); the page's unread count moves by what the kept copies add over those the answer counted.
 */
function withMeanwhile<Page extends CursorPage>(
  answer: Page,
  before: Pages<Page> | undefined,
  now: Pages<Page> | undefined,
  order: ListOrder<ItemOf<Page>>,
): Page {
  if (!now || now === before) return answer;
  const written = new Set(before?.pages.flatMap((page) => page.items));
  const earlier = new Map(
    before?.pages.flatMap((page) => page.items.map((item) => [item.id, item] as const)),
  );
  const answered = new Map(answer.items.map((item) => [item.id, item] as const));
  const newest = answer.items
    .map(order.timeOf)
    .reduce<string | undefined>((a, b) => (a && a > b ? a : b), undefined);
  const kept = now.pages
    .flatMap((page) => page.items)
    .filter((item) => {
      if (written.has(item)) return false;
      const copy = answered.get(item.id);
      if (copy) return order.timeOf(copy) <= order.timeOf(item);
      return newest === undefined || order.timeOf(item) >= newest;
    });
  if (kept.length === 0) return answer;
  const keptIds = new Set(kept.map((item) => item.id));
  const items = sortedBy([...answer.items.filter((item) => !keptIds.has(item.id)), ...kept], order);
  const { unread } = order;
  if (!unread) return { ...answer, items };
  const counted = (item: ItemOf<Page>) => {
    const copy = answered.get(item.id) ?? earlier.get(item.id);
    return copy ? unread.of(copy) : 0;
  };
  const added = kept.reduce((sum, item) => sum + unread.of(item) - counted(item), 0);
  const total = (answer as Record<string, unknown>)[unread.field];
  return { ...answer, items, ...(typeof total === 'number' ? { [unread.field]: total + added } : {}) };
}

/**
 * The first page of a list; on a refetch, read on until it reaches the oldest item of the cached first page. query-core
 * refetches as many pages as were loaded, each after the one before: a first page cut at its usual size after live
 * items arrived on top would end the refetch short of the oldest loaded items, and a reader scrolled up to them would
 * lose their place. Items never move down (a message stays put, a conversation only moves up with new activity), so
 * every later page then starts at or after where it did. After a long gap (a laptop asleep through a busy day) the list
 * starts afresh instead, past `REFETCH_FIRST_PAGE_LIMIT` pages: those are its first page, and the old window is dropped.
 * What the cache learned during the fetch is kept (`withMeanwhile`).
 */
async function fetchFirstPage<Page extends CursorPage>(
  fetchPage: (cursor: string | null, signal: AbortSignal) => Promise<Page>,
  signal: AbortSignal,
  cached: () => Pages<Page> | undefined,
  order: ListOrder<ItemOf<Page>>,
): Promise<Page> {
  const before = cached();
  const first = await fetchPage(null, signal);
  const boundary = before?.pages[0] && oldestOf(before.pages[0].items, order);
  if (!boundary) return withMeanwhile(first, before, cached(), order);
  const reaches = (page: Page) =>
    page.items.some((item) => item.id === boundary.id || order.timeOf(item) < order.timeOf(boundary));
  let page = first;
  let items = first.items;
  let read = 1;
  while (read < REFETCH_FIRST_PAGE_LIMIT && page.nextCursor !== null && !reaches(page)) {
    read += 1;
    page = await fetchPage(page.nextCursor, signal);
    items = order.oldestFirst ? [...page.items, ...items] : [...items, ...page.items];
  }
  return withMeanwhile({ ...first, items, nextCursor: page.nextCursor }, before, cached(), order);
}

/**
 * Options of a list loaded page by page with the server's `nextCursor`, the first page first. A refetch keeps every
 * item the reader had loaded (see `fetchFirstPage`).
 */
export function cursorQuery<const Key extends readonly unknown[], Page extends CursorPage>(
  queryKey: Key,
  fetchPage: (cursor: string | null, signal: AbortSignal) => Promise<Page>,
  order: ListOrder<ItemOf<Page>>,
) {
  return {
    queryKey,
    queryFn: ({ pageParam, signal, client }: QueryContext<string | null>) =>
      pageParam
        ? fetchPage(pageParam, signal)
        : fetchFirstPage(fetchPage, signal, () => client?.getQueryData<Pages<Page>>(queryKey), order),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage: Page) => lastPage.nextCursor ?? undefined,
    staleTime: SERVER_DATA_STALE_TIME_MS,
    retry: retryQuery,
    retryDelay: retryQueryDelay,
  };
}

/** The query string of one page of a filtered list: the cursor and each filter that is set. */
export function pageQueryOf(cursor: string | null, params: ConversationListParams) {
  const { limit, unread, query, matterId } = params;
  return {
    ...(cursor ? { cursor } : {}),
    ...(limit === undefined ? {} : { limit }),
    ...(unread ? { unread: 'true' as const } : {}),
    ...(query ? { query } : {}),
    ...(matterId ? { matterId } : {}),
  };
}
