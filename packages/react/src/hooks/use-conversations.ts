'use client';
import {
  type ConversationIndex,
  type ConversationIndexState,
  conversationIndexStateOf,
  listParamsOf,
} from '@confide/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useStore } from 'zustand';
import { useConfideClient } from './use-client.js';

/** The message index and its actions (documented on `ConversationIndex`). */
export type UseConversationsResult = ConversationIndexState &
  Pick<ConversationIndex, 'setFilters' | 'select' | 'loadMore' | 'refresh' | 'retry' | 'discard'>;

/**
 * The viewer's conversations, newest activity first, with filters, selection and paging, and above them the
 * conversations they started that the server has not confirmed yet (`pending`, with `retry` and `discard`).
 *
 * @example
 * const { conversations, setFilters } = useConversations();
 */
export function useConversations(): UseConversationsResult {
  const client = useConfideClient();
  const index = client.conversations;
  const filters = useStore(client.stores.index, (state) => state.filters);
  const selectedConversationId = useStore(client.stores.index, (state) => state.selectedConversationId);
  const entries = useStore(client.stores.outbox, (state) => state.entries);
  const params = useMemo(() => listParamsOf(filters), [filters]);
  const list = useInfiniteQuery(client.queries.conversations.list(params), client.queryClient);
  const { status, data, error, hasNextPage, isFetchingNextPage } = list;
  const state = useMemo(
    () =>
      conversationIndexStateOf(
        { status, data, error, hasNextPage, isFetchingNextPage },
        { filters, selectedConversationId },
        entries,
      ),
    [status, data, error, hasNextPage, isFetchingNextPage, filters, selectedConversationId, entries],
  );
  return {
    ...state,
    setFilters: index.setFilters,
    select: index.select,
    loadMore: index.loadMore,
    refresh: index.refresh,
    retry: index.retry,
    discard: index.discard,
  };
}
