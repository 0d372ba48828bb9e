import type { ConversationId } from '@confide/protocol';
import { createStore } from 'zustand/vanilla';

/** How the message index is filtered. */
export interface IndexFilters {
  /** Only conversations with unread messages. @default false */
  readonly unread: boolean;
  /** Search in subjects and participant names. @default '' */
  readonly query: string;
  /** Only conversations linked to this matter. @default null */
  readonly matterId: string | null;
}

/** The index store's state: filters, the selected conversation and their actions. */
export interface IndexState {
  readonly filters: IndexFilters;
  /** The conversation open next to the index, if any. */
  readonly selectedConversationId: ConversationId | null;
  /** Changes some filters. */
  setFilters(filters: Partial<IndexFilters>): void;
  /** Selects a conversation, or clears the selection with `null`. */
  select(conversationId: ConversationId | null): void;
}

/** The filters a fresh index starts with. */
export const DEFAULT_INDEX_FILTERS: IndexFilters = { unread: false, query: '', matterId: null };

/** Creates one client's index store (filters and selection). */
export function createIndexStore() {
  return createStore<IndexState>()((set) => ({
    filters: DEFAULT_INDEX_FILTERS,
    selectedConversationId: null,
    setFilters(filters) {
      set((state) => ({ filters: { ...state.filters, ...filters } }));
    },
    select(conversationId) {
      set({ selectedConversationId: conversationId });
    },
  }));
}

/** An index store made by `createIndexStore`. */
export type IndexStore = ReturnType<typeof createIndexStore>;
