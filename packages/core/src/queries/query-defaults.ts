import { type InfiniteData, type QueryClient, replaceEqualDeep } from '@tanstack/query-core';
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

/** A paged list's order: the server's, newest first from page to page; within a page newest first unless `oldestFirst`. */
export interface ListOrder<Item> {
  /** The item's time (an ISO timestamp): which of two copies of an item is newer, and how far back a page reaches. */
  readonly timeOf: (item: Item) => string;
  /** Whether each page holds its items oldest first (a thread's messages). @default false */
  readonly oldestFirst?: boolean;
  /** The page's unread count, if it has one: its field, and what one item adds to it. */
  readonly unread?: { readonly field: string; readonly of: (item: Item) => number };
  /** Whether an item belongs in the list (its filter's rule, e.g. unread only). @default every item does */
  readonly belongs?: ((item: Item) => boolean) | undefined;
}

/** A page of a list: its items and the cursor of the next, older page. */
interface CursorPage {
  readonly items: readonly { readonly id: string }[];
  readonly nextCursor: string | null;
}

type ItemOf<Page extends CursorPage> = Page['items'][number];

/** Pages a refetch reads at most to reach the loaded items (`fetchFirstPage`), not one request per page of a long gap. */
export const REFETCH_FIRST_PAGE_LIMIT = 4;

type Pages<Page> = InfiniteData<Page, string | null>;

/** Items newest first, whatever the order within a page. */
function newestFirst<Item>(items: readonly Item[], order: ListOrder<Item>): Item[] {
  return order.oldestFirst ? [...items].reverse() : [...items];
}

/** A page's unread count in `field`, if the list has one. */
function unreadTotalOf(page: CursorPage | undefined, field: string | undefined): number | undefined {
  const total = field && page ? (page as unknown as Record<string, unknown>)[field] : undefined;
  return typeof total === 'number' ? total : undefined;
}

/** Each item of a list's pages once, newest first (a live move can leave an older copy further down). */
function itemsOf<Page extends CursorPage>(
  pages: readonly Page[] | undefined,
  order: ListOrder<ItemOf<Page>>,
) {
  const seen = new Set<string>();
  return (pages ?? [])
    .flatMap((page) => newestFirst(page.items, order))
    .filter((item) => !seen.has(item.id) && seen.add(item.id));
}

/** An item written to the cache while a list was fetched (a new object since the fetch began), against the answer. */
interface Write<Item> {
  readonly item: Item;
  /** The cache's copy when the fetch began, and the answer's. */
  readonly prior: Item | undefined;
  readonly copy: Item | undefined;
  /**
   * Where the answer shows it: on top (the cache put it above all it held, newer than both copies), in its copy's
   * place, or not at all (the answer's copy is newer, or it holds none to replace).
   */
  readonly shown: 'on top' | 'in place' | 'no';
}

/** The items written to the cache between `before` and `now`, newest first, each with its copies. */
function writesOf<Page extends CursorPage>(
  answer: readonly Page[],
  before: Pages<Page> | undefined,
  now: Pages<Page>,
  order: ListOrder<ItemOf<Page>>,
): Write<ItemOf<Page>>[] {
  const answered = new Map(answer.flatMap((page) => page.items.map((item) => [item.id, item] as const)));
  const earlier = itemsOf(before?.pages, order);
  const held = new Set(earlier);
  const priors = new Map(earlier.map((item) => [item.id, item] as const));
  const items = itemsOf(now.pages, order);
  const firstHeld = items.findIndex((item) => held.has(item));
  const later = (item: ItemOf<Page>, than: ItemOf<Page> | undefined) =>
    than === undefined || order.timeOf(item) > order.timeOf(than);
  return items.flatMap((item, index) => {
    if (held.has(item)) return [];
    const [prior, copy] = [priors.get(item.id), answered.get(item.id)];
    const onTop = (firstHeld === -1 || index < firstHeld) && later(item, prior) && later(item, copy);
    const inPlace = copy !== undefined && !later(copy, item);
    return [{ item, prior, copy, shown: onTop ? 'on top' : inPlace ? 'in place' : 'no' } as const];
  });
}

/** What an item adds to its list's unread count (0 without one, or for no item). */
function unreadOf<Item>(item: Item | undefined, order: ListOrder<Item>): number {
  return item && order.unread ? order.unread.of(item) : 0;
}

/**
 * Whether the answer's unread count can be brought up to date with the writes: not when one changes the count of an
 * item the answer does not hold (beyond its pages, or out of its filter), nor when the cache's count moved otherwise
 * than its items did (set from a server figure, or by items it does not hold).
 */
function settles<Page extends CursorPage>(
  writes: readonly Write<ItemOf<Page>>[],
  before: Pages<Page> | undefined,
  now: Pages<Page>,
  order: ListOrder<ItemOf<Page>>,
): boolean {
  const moved = (write: Write<ItemOf<Page>>) => unreadOf(write.item, order) - unreadOf(write.prior, order);
  const field = order.unread?.field;
  const [from, to] = [unreadTotalOf(before?.pages[0], field), unreadTotalOf(now.pages[0], field)];
  const cacheMoved = writes.reduce((sum, write) => sum + moved(write), 0);
  const itemsTell = writes.every((write) => write.copy || write.shown !== 'no' || moved(write) === 0);
  return itemsTell && (from === undefined || to === undefined || to - from === cacheMoved);
}

/**
 * A refetch's answer (its pages, newest first) with what the cache learned while it was fetched. Events and the
 * viewer's own writes change the cache during a fetch; the answer was read on the server before some of them, and
 * landing as it is would take them off the screen until the next fetch (a thread under a steady stream of replies
 * showed each new message, lost it, then showed it again). An item written meanwhile (`writesOf`) is kept unless the
 * answer holds a newer copy (by the list's time) or the list's filter no longer takes it (`belongs`): one the cache put
 * on top of everything it held (a live arrival, or an item with new activity) goes on top of the first page, in the
 * cache's order; one changed in place replaces the answer's copy where the answer put it, since the server's order (not
 * the time, which two servers' clocks may disagree on) is the list's. The unread count moves by what the kept copies
 * add over what the answer counted; when the answer cannot tell (`settles`), the pages carry the cache's count.
 */
function withMeanwhile<Page extends CursorPage>(
  answer: readonly Page[],
  before: Pages<Page> | undefined,
  now: Pages<Page> | undefined,
  order: ListOrder<ItemOf<Page>>,
): Page[] {
  if (!now) return [...answer];
  const writes = writesOf(answer, before, now, order);
  const shown = writes.filter((write) => write.shown !== 'no');
  const byId = new Map(shown.map((write) => [write.item.id, write] as const));
  const belongs = (item: ItemOf<Page>) => !order.belongs || order.belongs(item);
  const top = shown
    .filter((write) => write.shown === 'on top' && belongs(write.item))
    .map(({ item }) => item);
  const unseen = shown.reduce(
    (sum, { item, copy, prior }) => sum + unreadOf(item, order) - unreadOf(copy ?? prior, order),
    0,
  );
  const field = order.unread?.field;
  const [answerTotal, nowTotal] = [unreadTotalOf(answer[0], field), unreadTotalOf(now.pages[0], field)];
  const settled = settles(writes, before, now, order) || nowTotal === undefined;
  return answer.map((page, index) => {
    const staying = page.items.flatMap((item) => {
      const write = byId.get(item.id);
      return !write ? [item] : write.shown === 'in place' && belongs(write.item) ? [write.item] : [];
    });
    const onTop = index === 0 ? top : [];
    const items = order.oldestFirst ? [...staying, ...[...onTop].reverse()] : [...onTop, ...staying];
    if (field === undefined || answerTotal === undefined) return { ...page, items };
    return { ...page, items, [field]: settled ? answerTotal + unseen : nowTotal };
  });
}

/** The first page of a list as `fetchFirstPage` reads it, from the cached first page `cached` (or none). */
async function readFirstPages<Page extends CursorPage>(
  fetchPage: (cursor: string | null, signal: AbortSignal) => Promise<Page>,
  signal: AbortSignal,
  cached: Page | undefined,
  order: ListOrder<ItemOf<Page>>,
): Promise<Page> {
  const first = await fetchPage(null, signal);
  // The oldest by the server's order (where the page puts it), not by time, which two servers' clocks may disagree on.
  const boundary = cached && newestFirst(cached.items, order).at(-1);
  if (!boundary) return first;
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
  return { ...first, items, nextCursor: page.nextCursor };
}

/**
 * The cache each first-page answer was read against, until the answer lands (`landWithMeanwhile`). query-core hands
 * `structuralSharing` only the cache as it is and the pages landing: what the cache held when the read began (which
 * tells a write during the fetch from a stale copy) must come from the query function.
 */
const readAgainst = new WeakMap<object, Pages<CursorPage> | undefined>();

/**
 * The first page of a list; on a refetch, read on until it reaches the oldest item of the cached first page. query-core
 * refetches as many pages as were loaded, each after the one before: a first page cut at its usual size after live
 * items arrived on top would end the refetch short of the oldest loaded items, and a reader scrolled up to them would
 * lose their place. Items never move down (a message stays put, a conversation only moves up with new activity), so
 * every later page then starts at or after where it did. After a long gap (a laptop asleep through a busy day) the list
 * starts afresh instead, past `REFETCH_FIRST_PAGE_LIMIT` pages: those are its first page, and the old window is dropped.
 * An answer whose unread count cannot be settled with what the cache learned while it was read (`settles`) is read once
 * more, after those writes (the server commits before it answers a write or sends its event).
 */
async function fetchFirstPage<Page extends CursorPage>(
  fetchPage: (cursor: string | null, signal: AbortSignal) => Promise<Page>,
  signal: AbortSignal,
  cached: () => Pages<Page> | undefined,
  order: ListOrder<ItemOf<Page>>,
): Promise<Page> {
  let before = cached();
  let answer = await readFirstPages(fetchPage, signal, before?.pages[0], order);
  const now = cached();
  if (now && now !== before && !settles(writesOf([answer], before, now, order), before, now, order)) {
    before = now;
    answer = await readFirstPages(fetchPage, signal, before.pages[0], order);
  }
  readAgainst.set(answer, before);
  return answer;
}

/** `landed` (the pages a next-page load began with, plus the new page) with `written`, the pages as they are now, instead. */
function onWrittenPages<Page>(written: Pages<Page>, landed: Pages<Page>): Pages<Page> {
  const page = landed.pages.at(-1) as (Page & { items?: { id: string }[] }) | undefined;
  if (!page || landed.pages.length !== written.pages.length + 1) return landed;
  // A list re-sorted while the page loaded (a conversation moved to the top) must not show an item twice.
  const shown = new Set(
    written.pages
      .flatMap((each) => (each as { items?: { id: string }[] }).items ?? [])
      .map((item) => item.id),
  );
  const fresh = page.items ? { ...page, items: page.items.filter((item) => !shown.has(item.id)) } : page;
  return {
    pages: [...written.pages, fresh],
    pageParams: [...written.pageParams, landed.pageParams.at(-1) as string | null],
  };
}

/**
 * The pages as they land in the cache (query-core's `structuralSharing`, called with the cache as it is). A refetch
 * lands after the last of its pages, with what was written to the cache since its first page was read (a reply, a
 * read mark) kept (`withMeanwhile`); a next page lands on the pages as written while it loaded (`onWrittenPages`).
 */
function landWithMeanwhile<Page extends CursorPage>(
  previous: unknown,
  next: unknown,
  order: ListOrder<ItemOf<Page>>,
): unknown {
  const landed = next as Pages<Page> | undefined;
  const shown = previous as Pages<Page> | undefined;
  // A next page landing on the pages its load began with (query-core builds it on those), while events or the
  // viewer's sends wrote to them: the pages as written are kept, or a reply shown meanwhile leaves and comes back.
  if (
    landed?.pages &&
    shown?.pages &&
    landed.pages.length === shown.pages.length + 1 &&
    shown.pages.some((page, index) => page !== landed.pages[index])
  )
    return replaceEqualDeep(previous, onWrittenPages(shown, landed));
  const first = landed?.pages?.[0];
  if (!landed || !first || !readAgainst.has(first)) return replaceEqualDeep(previous, next);
  const before = readAgainst.get(first) as Pages<Page> | undefined;
  readAgainst.delete(first);
  return replaceEqualDeep(previous, { ...landed, pages: withMeanwhile(landed.pages, before, shown, order) });
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
    structuralSharing: (previous: unknown, next: unknown) => landWithMeanwhile(previous, next, order),
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
