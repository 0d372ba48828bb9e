'use client';
import { type ConversationId, type Thread, type ThreadState, threadStateOf } from '@confide/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useStore } from 'zustand';
import { useConfideClient } from './use-client.js';

/** One thread and its actions (documented on `Thread`). */
export type UseThreadResult = ThreadState &
  Pick<Thread, 'loadOlder' | 'send' | 'retry' | 'discard' | 'markRead'>;

/**
 * A conversation's whole chain (oldest first, unconfirmed sends last) with paging, sending and read marks.
 * Only this thread's changes re-render the caller.
 *
 * @example
 * const { messages, loadOlder } = useThread(conversationId);
 */
export function useThread(conversationId: ConversationId): UseThreadResult {
  const client = useConfideClient();
  const thread = client.thread(conversationId);
  const messages = useInfiniteQuery(client.queries.messages.list(conversationId), client.queryClient);
  const detail = useQuery(client.queries.conversations.detail(conversationId), client.queryClient);
  const viewer = useQuery(client.queries.viewer.viewer(), client.queryClient).data;
  const entries = useStore(client.stores.outbox, (state) => state.entries);
  const { status, data, error, hasNextPage, isFetchingNextPage } = messages;
  const state = useMemo(
    () =>
      threadStateOf(conversationId, {
        messages: { status, data, error, hasNextPage, isFetchingNextPage },
        detail: { data: detail.data, error: detail.error },
        entries,
        viewer,
      }),
    [
      conversationId,
      status,
      data,
      error,
      hasNextPage,
      isFetchingNextPage,
      detail.data,
      detail.error,
      entries,
      viewer,
    ],
  );
  return {
    ...state,
    loadOlder: thread.loadOlder,
    send: thread.send,
    retry: thread.retry,
    discard: thread.discard,
    markRead: thread.markRead,
  };
}
