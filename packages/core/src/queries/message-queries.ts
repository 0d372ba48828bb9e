import type { ConversationId } from '@confide/protocol';
import type { Transport } from '../transport/transport.js';
import { cursorQuery } from './query-defaults.js';
import type { ConfideKeys } from './query-keys.js';

/** Messages per thread page: a screenful and a bit. */
const THREAD_PAGE_SIZE = 30;

/**
 * Query options for a thread's messages, ready for a query-core observer or react-query's `useInfiniteQuery`.
 *
 * @example
 * const options = messageQueries(transport, keys).list(conversationId);
 */
export function messageQueries(transport: Transport, keys: ConfideKeys) {
  return {
    /** A thread's messages: the first page is the newest, each next page is older (oldest first within a page). */
    list: (id: ConversationId) =>
      cursorQuery(
        keys.messages(id),
        (before, signal) =>
          transport.listMessages(id, { ...(before ? { before } : {}), limit: THREAD_PAGE_SIZE }, { signal }),
        { timeOf: (message) => message.createdAt, oldestFirst: true },
      ),
  };
}
