import type { ConversationId, ListConversationsResponse } from '@confide/protocol';
import type { Transport } from '../transport/transport.js';
import { type QueryContext, retryQuery, SERVER_DATA_STALE_TIME_MS } from './query-defaults.js';
import type { ConfideKeys, ConversationListParams } from './query-keys.js';

/**
 * Query options for conversations, ready for a query-core observer or for react-query's
 * `useInfiniteQuery`/`useQuery` (pass them with the same `QueryClient`).
 *
 * @example
 * const options = conversationQueries(transport, keys).list({ unread: true });
 * const result = await queryClient.fetchInfiniteQuery(options);
 */
export function conversationQueries(transport: Transport, keys: ConfideKeys) {
  return {
    /** The index: pages of summaries, newest activity first, for the given filters. */
    list: (params: ConversationListParams = {}) => ({
      queryKey: keys.conversationList(params),
      queryFn: ({ pageParam, signal }: QueryContext<string | null>): Promise<ListConversationsResponse> =>
        transport.listConversations(
          {
            ...(pageParam ? { cursor: pageParam } : {}),
            ...(params.limit === undefined ? {} : { limit: params.limit }),
            ...(params.unread ? { unread: 'true' as const } : {}),
            ...(params.query ? { query: params.query } : {}),
            ...(params.matterId ? { matterId: params.matterId } : {}),
          },
          { signal },
        ),
      initialPageParam: null as string | null,
      getNextPageParam: (lastPage: ListConversationsResponse) => lastPage.nextCursor ?? undefined,
      staleTime: SERVER_DATA_STALE_TIME_MS,
      retry: retryQuery,
    }),
    /** One conversation as the viewer sees it. */
    detail: (id: ConversationId) => ({
      queryKey: keys.conversation(id),
      queryFn: ({ signal }: QueryContext) => transport.getConversation(id, { signal }),
      staleTime: SERVER_DATA_STALE_TIME_MS,
      retry: retryQuery,
    }),
  };
}
