'use client';
import type { ConversationIndex, ConversationIndexState } from '@confide/core';
import { useConfideClient } from './use-client.js';
import { useReadable } from './use-readable.js';

/** The message index and its actions. */
export interface UseConversationsResult extends ConversationIndexState {
  /** Changes filters (unread only, search, matter); the list reloads for them. */
  readonly setFilters: ConversationIndex['setFilters'];
  /** Selects a conversation (or none). */
  readonly select: ConversationIndex['select'];
  /** Loads the next, older page. */
  readonly loadMore: ConversationIndex['loadMore'];
  /** Refetches the loaded pages. */
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
