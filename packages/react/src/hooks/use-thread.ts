'use client';
import type { ConversationId, Thread, ThreadState } from '@confide/core';
import { useConfideClient } from './use-client.js';
import { useReadable } from './use-readable.js';

/** One thread and its actions. */
export interface UseThreadResult extends ThreadState {
  readonly loadOlder: Thread['loadOlder'];
  readonly send: Thread['send'];
  readonly retry: Thread['retry'];
  readonly discard: Thread['discard'];
  readonly markRead: Thread['markRead'];
}

/**
 * A conversation's whole chain (oldest first, unconfirmed sends last) with paging, sending and read marks.
 * Only this thread's changes re-render the caller.
 *
 * @example
 * const { messages, loadOlder } = useThread(conversationId);
 */
export function useThread(conversationId: ConversationId): UseThreadResult {
  const thread = useConfideClient().thread(conversationId);
  const state = useReadable(thread);
  return {
    ...state,
    loadOlder: thread.loadOlder,
    send: thread.send,
    retry: thread.retry,
    discard: thread.discard,
    markRead: thread.markRead,
  };
}
