import type { ConversationId, ConversationSummary, ListConversationsResponse } from '@confide/protocol';
import { type InfiniteData, InfiniteQueryObserver } from '@tanstack/query-core';
import { type ConfideError, toConfideError } from '../errors/confide-error.js';
import type { ConversationListParams } from '../queries/query-keys.js';
import type { IndexFilters, IndexState } from '../stores/index-filters/index-store.js';
import type { ClientContext } from './client-context.js';
import { listenToAll, loadNextPage, type Observable, type PagedResult } from './observe.js';

/** What the message index shows. */
export interface ConversationIndexState {
  /** `pending` until the first page arrives, `error` if it could not be loaded. */
  readonly status: 'pending' | 'success' | 'error';
  /** The loaded conversations, newest activity first, each once. */
  readonly conversations: readonly ConversationSummary[];
  /** Unread messages across all of the viewer's conversations. */
  readonly unreadTotal: number;
  /** Whether older conversations can be loaded with `loadMore()`. */
  readonly hasMore: boolean;
  /** Whether `loadMore()` is running. */
  readonly isLoadingMore: boolean;
  /** The current filters. */
  readonly filters: IndexFilters;
  /** The selected conversation, if any. */
  readonly selectedConversationId: ConversationId | null;
  /** Why loading failed, when `status` is `error`. */
  readonly error: ConfideError | null;
}

/** The index query's result as the state needs it (query-core's or react-query's). */
export type ConversationListResult = PagedResult<ListConversationsResponse>;

/** The message index: its actions, and `observe` for a headless UI. */
export interface ConversationIndex extends Observable<ConversationIndexState> {
  /** Changes filters (unread only, search, matter); the list reloads for the new filters. */
  setFilters(filters: Partial<IndexFilters>): void;
  /** Selects a conversation (or none). */
  select(conversationId: ConversationId | null): void;
  /** Loads the next, older page. */
  loadMore(): Promise<void>;
  /** Refetches the loaded pages. */
  refresh(): Promise<void>;
}

/** The query parameters of a set of filters (blank ones left out, so equal filters share one cache entry). */
export function listParamsOf(filters: IndexFilters): ConversationListParams {
  return {
    ...(filters.unread ? { unread: true } : {}),
    ...(filters.query.trim() ? { query: filters.query.trim() } : {}),
    ...(filters.matterId ? { matterId: filters.matterId } : {}),
  };
}

/** Each conversation once, where it first appears (a live move can leave a copy on a later page). */
function flattenPages(data: InfiniteData<ListConversationsResponse, unknown> | undefined) {
  const seen = new Set<string>();
  const all = data?.pages.flatMap((page) => page.items) ?? [];
  return all.filter((summary) => !seen.has(summary.id) && seen.add(summary.id));
}

/** The index's state from the list query's result and the index store: a pure function. */
export function conversationIndexStateOf(
  result: ConversationListResult,
  index: Pick<IndexState, 'filters' | 'selectedConversationId'>,
): ConversationIndexState {
  return {
    status: result.status,
    conversations: flattenPages(result.data),
    unreadTotal: result.data?.pages[0]?.unreadTotal ?? 0,
    hasMore: result.hasNextPage,
    isLoadingMore: result.isFetchingNextPage,
    filters: index.filters,
    selectedConversationId: index.selectedConversationId,
    error: result.error ? toConfideError(result.error) : null,
  };
}

/** Creates the index of one client. */
export function createConversationIndex(context: ClientContext): ConversationIndex {
  const { queryClient, queries, stores } = context;
  const currentOptions = () => queries.conversations.list(listParamsOf(stores.index.getState().filters));

  return {
    observe(listener) {
      const observer = new InfiniteQueryObserver(queryClient, currentOptions());
      const emit = () =>
        listener(conversationIndexStateOf(observer.getCurrentResult(), stores.index.getState()));
      const followFilters = (onChange: () => void) =>
        stores.index.subscribe((state, previous) => {
          if (state.filters !== previous.filters) observer.setOptions(currentOptions());
          onChange();
        });
      const stop = listenToAll([observer, followFilters], emit);
      emit();
      return context.track(stop);
    },
    setFilters: (filters) => stores.index.getState().setFilters(filters),
    select: (conversationId) => stores.index.getState().select(conversationId),
    loadMore: () => loadNextPage(queryClient, currentOptions()),
    async refresh() {
      await queryClient.refetchQueries({ queryKey: currentOptions().queryKey, exact: true });
    },
  };
}
