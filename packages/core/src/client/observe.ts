import {
  type InfiniteData,
  InfiniteQueryObserver,
  type InfiniteQueryObserverBaseResult,
  type InfiniteQueryObserverOptions,
  type QueryClient,
  type QueryKey,
} from '@tanstack/query-core';
import { toConfideError } from '../errors/confide-error.js';

/** Something whose state a headless UI follows: `observe` calls the listener at once and on every change. */
export interface Observable<State> {
  /** Calls `listener` with the current state now and with each new state; returns the function that stops it. */
  observe(listener: (state: State) => void): () => void;
}

/** A paginated query's result as a state needs it: query-core's observer result or react-query's. */
export type PagedResult<Page> = Pick<
  InfiniteQueryObserverBaseResult<InfiniteData<Page, unknown>, unknown>,
  'status' | 'data' | 'error' | 'hasNextPage' | 'isFetchingNextPage'
>;

/** What `listenToAll` follows: a query-core observer, a zustand store, or a subscribe function. */
type Source = { subscribe(onChange: () => void): () => void } | ((onChange: () => void) => () => void);

/** Calls `emit` whenever one of `sources` changes; returns the function that stops listening to all of them. */
export function listenToAll(sources: readonly Source[], emit: () => void) {
  const stops = sources.map((source) =>
    typeof source === 'function' ? source(emit) : source.subscribe(emit),
  );
  return () => {
    for (const stop of stops) stop();
  };
}

/**
 * Fetches the next page of a paginated query if it has one; rejects with a `ConfideError` if that fails. What was
 * written to the cached pages while the page loaded is kept by the query's own options (`cursorQuery`).
 */
export async function loadNextPage<Page, PageParam>(
  queryClient: QueryClient,
  options: InfiniteQueryObserverOptions<Page, Error, InfiniteData<Page, PageParam>, QueryKey, PageParam>,
): Promise<void> {
  const observer = new InfiniteQueryObserver(queryClient, options);
  if (!observer.getCurrentResult().hasNextPage) return;
  const result = await observer.fetchNextPage();
  if (result.error) throw toConfideError(result.error);
}
