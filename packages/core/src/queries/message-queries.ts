import type { ConversationId, ListMessagesResponse } from '@confide/protocol';
import type { Transport } from '../transport/transport.js';
import { type QueryContext, retryQuery, SERVER_DATA_STALE_TIME_MS } from './query-defaults.js';
import type { ConfideKeys } from './query-keys.js';

/** Messages per thread page: a screenful and a bit. */
export const THREAD_PAGE_SIZE = 30;

/**
 * Query options for a thread's messages, ready for a query-core observer or react-query's `useInfiniteQuery`.
 *
 * @example
 * const options = messageQueries(transport, keys).list(conversationId);
 */
export function messageQueries(transport: Transport, keys: ConfideKeys) {
  return {
    /** A thread's messages: the first page is the newest, each next page is older (oldest first within a page). */
    list: (id: ConversationId) => ({
      queryKey: keys.messages(id),
      queryFn: ({ pageParam, signal }: QueryContext<string | null>): Promise<ListMessagesResponse> =>
        transport.listMessages(
          id,
          { ...(pageParam ? { before: pageParam } : {}), limit: THREAD_PAGE_SIZE },
          { signal },
        ),
      initialPageParam: null as string | null,
      getNextPageParam: (lastPage: ListMessagesResponse) => lastPage.nextCursor ?? undefined,
      staleTime: SERVER_DATA_STALE_TIME_MS,
      retry: retryQuery,
    }),
  };
}
