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
  Pick<ConversationIndex, 'setFilters' | 'select' | 'loadMore' | 'refresh'>;

/**
 * The viewer's conversations, newest activity first, with filters, selection and paging.
 *
 * @example
 * const { conversations, setFilters } = useConversations();
 */
export function useConversations(): UseConversationsResult {
  const client = useConfideClient();
  const index = client.conversations;
  const filters = useStore(client.stores.index, (state) => state.filters);
  const selectedConversationId = useStore(client.stores.index, (state) => state.selectedConversationId);
  const params = useMemo(() => listParamsOf(filters), [filters]);
  const list = useInfiniteQuery(client.queries.conversations.list(params), client.queryClient);
  const { status, data, error, hasNextPage, isFetchingNextPage } = list;
  const state = useMemo(
    () =>
      conversationIndexStateOf(
        { status, data, error, hasNextPage, isFetchingNextPage },
        { filters, selectedConversationId },
      ),
    [status, data, error, hasNextPage, isFetchingNextPage, filters, selectedConversationId],
  );
  return {
    ...state,
    setFilters: index.setFilters,
    select: index.select,
    loadMore: index.loadMore,
    refresh: index.refresh,
  };
}
