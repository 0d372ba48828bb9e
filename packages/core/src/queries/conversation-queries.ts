import type { ConversationId } from '@confide/protocol';
import type { Transport } from '../transport/transport.js';
import { cursorQuery, pageQueryOf, SERVER_DATA_STALE_TIME_MS, singleQuery } from './query-defaults.js';
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
    list: (params: ConversationListParams = {}) =>
      cursorQuery(
        keys.conversationList(params),
        (cursor, signal) => transport.listConversations(pageQueryOf(cursor, params), { signal }),
        {
          timeOf: (summary) => summary.lastActivityAt,
          unread: { field: 'unreadTotal', of: (summary) => summary.unreadCount },
          belongs: params.unread ? (summary) => summary.unreadCount > 0 : undefined,
        },
      ),
    /** One conversation as the viewer sees it. */
    detail: (id: ConversationId) =>
      singleQuery(
        keys.conversation(id),
        (signal) => transport.getConversation(id, { signal }),
        SERVER_DATA_STALE_TIME_MS,
      ),
  };
}
