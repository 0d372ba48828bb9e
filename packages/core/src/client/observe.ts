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

/** `landed` (the pages a next-page load began with, plus the new page) with `written`, the pages as they are now, instead. */
function onWrittenPages<Page>(written: InfiniteData<Page>, landed: InfiniteData<Page>): InfiniteData<Page> {
  const page = landed.pages.at(-1) as (Page & { items?: { id: string }[] }) | undefined;
  if (!page || landed.pages.length !== written.pages.length + 1) return landed;
  // A list re-sorted while the page loaded (a conversation moved to the top) must not show an item twice.
  const shown = new Set(
    written.pages
      .flatMap((each) => (each as { items?: { id: string }[] }).items ?? [])
      .map((item) => item.id),
  );
  const fresh = page.items ? { ...page, items: page.items.filter((item) => !shown.has(item.id)) } : page;
  return { pages: [...written.pages, fresh], pageParams: [...written.pageParams, landed.pageParams.at(-1)] };
}

/**
 * Fetches the next page of a paginated query if it has one; rejects with a `ConfideError` if that fails. What was
 * written to the cached pages while the page loaded (an answer to a send, a live event) is kept: query-core builds
 * the result on the pages it had when the load began, which would drop it.
 */
export async function loadNextPage<Page, PageParam>(
  queryClient: QueryClient,
  options: InfiniteQueryObserverOptions<Page, Error, InfiniteData<Page, PageParam>, QueryKey, PageParam>,
): Promise<void> {
  const observer = new InfiniteQueryObserver(queryClient, options);
  if (!observer.getCurrentResult().hasNextPage) return;
  const cache = queryClient.getQueryCache();
  const query = cache.find({ queryKey: options.queryKey, exact: true });
  let written: InfiniteData<Page> | undefined;
  // Put back in the same notification batch as the landing, so no observer ever sees the write missing.
  const stop = cache.subscribe((event) => {
    if (event.type !== 'updated' || event.query !== query || event.action.type !== 'success') return;
    if (event.action.manual) written = event.action.data as InfiniteData<Page>;
    else if (written && event.query.state.fetchMeta?.fetchMore) {
      const landed = event.action.data as InfiniteData<Page>;
      queryClient.setQueryData(options.queryKey, onWrittenPages(written, landed));
      written = undefined;
    }
  });
  try {
    const result = await observer.fetchNextPage();
    if (result.error) throw toConfideError(result.error);
  } finally {
    stop();
  }
}
