'use client';
import type { ConversationId, Thread, ThreadState } from '@confide/core';
import { useConfideClient } from './use-client.js';
import { useReadable } from './use-readable.js';

/** One thread and its actions. */
export interface UseThreadResult extends ThreadState {
  /** Loads the previous, older page. */
  readonly loadOlder: Thread['loadOlder'];
  /** Sends a reply at once (optimistically). */
  readonly send: Thread['send'];
  /** Sends a failed message again with the same idempotency key. */
  readonly retry: Thread['retry'];
  /** Drops a failed or waiting message. */
  readonly discard: Thread['discard'];
  /** Marks the thread read up to a message (by default the newest confirmed one). */
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
