import type { ConversationId, ConversationSummary, ListConversationsResponse } from '@confide/protocol';
import { type InfiniteData, InfiniteQueryObserver } from '@tanstack/query-core';
import { ConfideError, toConfideError } from '../errors/confide-error.js';
import { createReadable, currentResult, memoizeLast, type Readable } from '../lib/readable.js';
import type { ConversationListParams } from '../queries/query-keys.js';
import type { IndexFilters } from '../stores/index-filters/index-store.js';
import type { ClientContext } from './client-context.js';

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

/** The message index: a readable state plus the actions on it. */
export interface ConversationIndex extends Readable<ConversationIndexState> {
  /** Changes filters (unread only, search, matter); the list reloads for the new filters. */
  setFilters(filters: Partial<IndexFilters>): void;
  /** Selects a conversation (or none). */
  select(conversationId: ConversationId | null): void;
  /** Loads the next, older page. */
  loadMore(): Promise<void>;
  /** Refetches the loaded pages. */
  refresh(): Promise<void>;
}

function toParams(filters: IndexFilters): ConversationListParams {
  return {
    ...(filters.unread ? { unread: true } : {}),
    ...(filters.query.trim() ? { query: filters.query.trim() } : {}),
    ...(filters.matterId ? { matterId: filters.matterId } : {}),
  };
}

function flattenPages(data: InfiniteData<ListConversationsResponse> | undefined) {
  const seen = new Set<string>();
  const conversations: ConversationSummary[] = [];
  for (const summary of data?.pages.flatMap((page) => page.items) ?? []) {
    if (seen.has(summary.id)) continue;
    seen.add(summary.id);
    conversations.push(summary);
  }
  return conversations;
}

/** Creates the index of one client. */
export function createConversationIndex(context: ClientContext): ConversationIndex {
  const { queryClient, queries, stores } = context;
  const optionsFor = (filters: IndexFilters) => queries.conversations.list(toParams(filters));
  let observedFilters = stores.index.getState().filters;
  const observer = new InfiniteQueryObserver(queryClient, optionsFor(observedFilters));
  const flattenForIndex = memoizeLast(flattenPages);

  function syncFilters() {
    const { filters } = stores.index.getState();
    if (filters === observedFilters) return;
    observedFilters = filters;
    observer.setOptions(optionsFor(filters));
  }

  const readable = createReadable<ConversationIndexState>({
    compute() {
      syncFilters();
      const result = currentResult(observer);
      const { filters, selectedConversationId } = stores.index.getState();
      return {
        status: result.status,
        conversations: flattenForIndex(result.data),
        unreadTotal: result.data?.pages[0]?.unreadTotal ?? 0,
        hasMore: result.hasNextPage,
        isLoadingMore: result.isFetchingNextPage,
        filters,
        selectedConversationId,
        error: result.error ? toConfideError(result.error) : null,
      };
    },
    connect(onChange) {
      const stopObserver = observer.subscribe(onChange);
      const stopStore = stores.index.subscribe(onChange);
      return () => {
        stopObserver();
        stopStore();
      };
    },
  });
  context.onDispose(readable.dispose);

  return {
    getSnapshot: readable.getSnapshot,
    subscribe: readable.subscribe,
    setFilters: (filters) => stores.index.getState().setFilters(filters),
    select: (conversationId) => stores.index.getState().select(conversationId),
    async loadMore() {
      syncFilters();
      if (!currentResult(observer).hasNextPage) return;
      const result = await observer.fetchNextPage();
      if (result.error) throw ConfideError.is(result.error) ? result.error : toConfideError(result.error);
    },
    async refresh() {
      await observer.refetch();
    },
  };
}
