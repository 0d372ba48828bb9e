import type {
  ContactId,
  ConversationId,
  ConversationSummary,
  ListConversationsResponse,
  Matter,
} from '@confide/protocol';
import { type InfiniteData, InfiniteQueryObserver } from '@tanstack/query-core';
import { type ConfideError, toConfideError } from '../errors/confide-error.js';
import type { ConversationListParams } from '../queries/query-keys.js';
import type { IndexFilters, IndexState } from '../stores/index-filters/index-store.js';
import type { OutboxConversation, OutboxEntry, SendFailure } from '../stores/outbox/outbox-store.js';
import type { ClientContext } from './client-context.js';
import { listenToAll, loadNextPage, type Observable, type PagedResult } from './observe.js';

/**
 * A conversation the viewer started that the server has not confirmed yet (offline, retrying, or failed): the index
 * shows it above the others until the server's conversation takes its place.
 */
export interface PendingConversation {
  /** The send's idempotency key (no conversation id exists yet). */
  readonly id: string;
  /** The client it goes to (members), or `null` when a client starts it. */
  readonly contactId: ContactId | null;
  /** The subject, to render as text. */
  readonly subject: string;
  /** The first message's text, to render as text (`''` when it only carries files). */
  readonly body: string;
  /** How many files it carries. */
  readonly attachmentCount: number;
  /** The host's matter it is linked to. */
  readonly matter: Matter | null;
  /** When it was written, on the device's clock. */
  readonly createdAt: string;
  /** `sending` while it waits or is sent (also between retries), `failed` once the outbox gave up on it. */
  readonly state: 'sending' | 'failed';
  /** Why the last attempt failed (while it is retried, or for good when `failed`), or `null`. */
  readonly failure: SendFailure | null;
}

/** What the message index shows. */
export interface ConversationIndexState {
  /** `pending` until the first page arrives, `error` if it could not be loaded. */
  readonly status: 'pending' | 'success' | 'error';
  /** The loaded conversations, newest activity first, each once. */
  readonly conversations: readonly ConversationSummary[];
  /** The viewer's conversation starts the server has not confirmed, newest first, shown above `conversations`. */
  readonly pending: readonly PendingConversation[];
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
  /** Sends a failed pending conversation again, with the same idempotency key (so it is never started twice). */
  retry(pendingId: string): void;
  /** Drops a pending conversation that has not reached the server. */
  discard(pendingId: string): void;
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

/**
 * Whether a pending start belongs in the list the filters ask for: never in the unread list (the viewer's own start
 * is read) nor a search (the server's matching is the one rule), and in a matter's list only with that matter.
 */
function passesFilters(entry: OutboxConversation, filters: IndexFilters): boolean {
  if (filters.unread || filters.query.trim() !== '') return false;
  return filters.matterId === null || entry.matter?.id === filters.matterId;
}

/**
 * The viewer's unconfirmed conversation starts in the outbox, newest first, as the index shows them: without the
 * ones whose conversation `listed` already shows.
 */
function pendingConversationsOf(
  entries: readonly OutboxEntry[],
  filters: IndexFilters,
  listed: readonly ConversationSummary[],
): PendingConversation[] {
  const shown = new Set<string>(listed.map((conversation) => conversation.id));
  return entries
    .filter((entry): entry is OutboxConversation => entry.kind === 'conversation')
    .filter((entry) => !(entry.confirmedAs && shown.has(entry.confirmedAs)))
    .filter((entry) => passesFilters(entry, filters))
    .map((entry) => ({
      id: entry.id,
      contactId: entry.contactId,
      subject: entry.subject,
      body: entry.body,
      attachmentCount: entry.attachments?.length ?? 0,
      matter: entry.matter,
      createdAt: new Date(entry.createdAt).toISOString(),
      state: entry.status === 'failed' ? ('failed' as const) : ('sending' as const),
      failure: entry.failure,
    }))
    .reverse();
}

/**
 * The index's state from the list query's result, the index store and the outbox: a pure function. A start leaves
 * the outbox in the same tick as the server's conversation enters the cached list, so it never shows twice or not
 * at all.
 */
export function conversationIndexStateOf(
  result: ConversationListResult,
  index: Pick<IndexState, 'filters' | 'selectedConversationId'>,
  entries: readonly OutboxEntry[] = [],
): ConversationIndexState {
  const conversations = flattenPages(result.data);
  return {
    status: result.status,
    conversations,
    pending: pendingConversationsOf(entries, index.filters, conversations),
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
  const { queryClient, queries, stores, outbox } = context;
  const currentOptions = () => queries.conversations.list(listParamsOf(stores.index.getState().filters));

  return {
    observe(listener) {
      const observer = new InfiniteQueryObserver(queryClient, currentOptions());
      const emit = () =>
        listener(
          conversationIndexStateOf(
            observer.getCurrentResult(),
            stores.index.getState(),
            stores.outbox.getState().entries,
          ),
        );
      const followFilters = (onChange: () => void) =>
        stores.index.subscribe((state, previous) => {
          if (state.filters !== previous.filters) observer.setOptions(currentOptions());
          onChange();
        });
      const stop = listenToAll([observer, followFilters, stores.outbox], emit);
      emit();
      return context.track(stop);
    },
    setFilters: (filters) => stores.index.getState().setFilters(filters),
    select: (conversationId) => stores.index.getState().select(conversationId),
    loadMore: () => loadNextPage(queryClient, currentOptions()),
    async refresh() {
      await queryClient.refetchQueries({ queryKey: currentOptions().queryKey, exact: true });
    },
    retry: (pendingId) => outbox.retry(pendingId),
    discard: (pendingId) => outbox.discard(pendingId),
  };
}
