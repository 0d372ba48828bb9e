import {
  type DefaultError,
  type InfiniteData,
  InfiniteQueryObserver,
  type InfiniteQueryObserverOptions,
  type InfiniteQueryObserverResult,
  type QueryClient,
  type QueryKey,
  QueryObserver,
  type QueryObserverOptions,
  type QueryObserverResult,
} from '@tanstack/query-core';

/**
 * Follows one query for a headless UI: calls `listener` with the current result at once and on every change,
 * fetching as react-query's `useQuery` would. Returns the function that stops following.
 *
 * @example
 * const stop = observeQuery(client.queryClient, client.queries.viewer.contacts(), (result) => render(result.data));
 */
export function observeQuery<Data, Key extends QueryKey>(
  queryClient: QueryClient,
  options: QueryObserverOptions<Data, DefaultError, Data, Data, Key>,
  listener: (result: QueryObserverResult<Data, DefaultError>) => void,
): () => void {
  const observer = new QueryObserver(queryClient, options);
  const stop = observer.subscribe(listener);
  listener(observer.getCurrentResult());
  return stop;
}

/**
 * Follows one paginated query, like `observeQuery`; the result carries `fetchNextPage` for "load more".
 *
 * @example
 * const stop = observeInfiniteQuery(client.queryClient, client.queries.conversations.list(), (result) => render(result));
 */
export function observeInfiniteQuery<Page, Key extends QueryKey, PageParam>(
  queryClient: QueryClient,
  options: InfiniteQueryObserverOptions<Page, DefaultError, InfiniteData<Page, PageParam>, Key, PageParam>,
  listener: (result: InfiniteQueryObserverResult<InfiniteData<Page, PageParam>, DefaultError>) => void,
): () => void {
  const observer = new InfiniteQueryObserver(queryClient, options);
  const stop = observer.subscribe(listener);
  listener(observer.getCurrentResult());
  return stop;
}
