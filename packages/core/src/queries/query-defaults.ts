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

/** Options of a list loaded page by page with the server's `nextCursor`, the first page first. */
export function cursorQuery<const Key extends readonly unknown[], Page extends { nextCursor: string | null }>(
  queryKey: Key,
  fetchPage: (cursor: string | null, signal: AbortSignal) => Promise<Page>,
) {
  return {
    queryKey,
    queryFn: ({ pageParam, signal }: QueryContext<string | null>) => fetchPage(pageParam ?? null, signal),
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
