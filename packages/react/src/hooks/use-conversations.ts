'use client';
import type { ConversationIndex, ConversationIndexState } from '@confide/core';
import { useConfideClient } from './use-client.js';
import { useReadable } from './use-readable.js';

/** The message index and its actions. */
export interface UseConversationsResult extends ConversationIndexState {
  readonly setFilters: ConversationIndex['setFilters'];
  readonly select: ConversationIndex['select'];
  readonly loadMore: ConversationIndex['loadMore'];
  readonly refresh: ConversationIndex['refresh'];
}

/**
 * The viewer's conversations, newest activity first, with filters, selection and paging.
 *
 * @example
 * const { conversations, setFilters } = useConversations();
 */
export function useConversations(): UseConversationsResult {
  const index = useConfideClient().conversations;
  const state = useReadable(index);
  return {
    ...state,
    setFilters: index.setFilters,
    select: index.select,
    loadMore: index.loadMore,
    refresh: index.refresh,
  };
}
