import type { ConversationId, ListConversationsResponse, ListMessagesResponse } from '@confide/protocol';
import type { Transport } from '../transport/transport.js';
import { type ConversationListParams, confideKeys } from './query-keys.js';

/** How long fetched data counts as fresh, in milliseconds; live events keep it current in between. */
export const SERVER_DATA_STALE_TIME_MS = 30_000;
/** Messages per thread page: a screenful and a bit. */
export const THREAD_PAGE_SIZE = 30;

/** What a query function receives from query-core (and react-query). */
export interface QueryContext<PageParam = unknown> {
  readonly signal: AbortSignal;
  readonly pageParam?: PageParam;
}

/**
 * Query options for conversations and their messages, ready for a query-core observer or for react-query's
 * `useInfiniteQuery`/`useQuery` (pass them with the same `QueryClient`).
 *
 * @example
 * const options = conversationQueries(transport).list({ unread: true });
 * const result = await queryClient.fetchInfiniteQuery(options);
 */
export function conversationQueries(transport: Transport) {
  return {
    /** The index: pages of summaries, newest activity first, for the given filters. */
    list: (params: ConversationListParams = {}) => ({
      queryKey: confideKeys.conversationList(params),
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
    }),
    /** One conversation as the viewer sees it. */
    detail: (id: ConversationId) => ({
      queryKey: confideKeys.conversation(id),
      queryFn: ({ signal }: QueryContext) => transport.getConversation(id, { signal }),
      staleTime: SERVER_DATA_STALE_TIME_MS,
    }),
    /** A thread's messages: the first page is the newest, each next page is older. */
    messages: (id: ConversationId) => ({
      queryKey: confideKeys.messages(id),
      queryFn: ({ pageParam, signal }: QueryContext<string | null>): Promise<ListMessagesResponse> =>
        transport.listMessages(
          id,
          { ...(pageParam ? { before: pageParam } : {}), limit: THREAD_PAGE_SIZE },
          { signal },
        ),
      initialPageParam: null as string | null,
      getNextPageParam: (lastPage: ListMessagesResponse) => lastPage.nextCursor ?? undefined,
      staleTime: SERVER_DATA_STALE_TIME_MS,
    }),
  };
}
