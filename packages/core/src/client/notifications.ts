import type {
  ConversationId,
  ListNotificationsResponse,
  Notification,
  NotificationId,
} from '@confide/protocol';
import { type InfiniteData, InfiniteQueryObserver } from '@tanstack/query-core';
import { type ConfideError, toConfideError } from '../errors/confide-error.js';
import type { createListenerSet } from '../lib/listeners.js';
import { createReadable, currentResult, memoizeLast, type Readable } from '../lib/readable.js';
import { confideKeys } from '../queries/query-keys.js';
import type { ClientContext } from './client-context.js';

/** What the notification feed shows. */
export interface NotificationsState {
  /** `pending` until the first page arrives, `error` if it could not be loaded. */
  readonly status: 'pending' | 'success' | 'error';
  /** Loaded notifications, newest first. */
  readonly notifications: readonly Notification[];
  /** Unread notifications in total (not only the loaded ones). */
  readonly unreadCount: number;
  /** Whether older notifications can be loaded with `loadMore()`. */
  readonly hasMore: boolean;
  /** Why loading failed, when `status` is `error`. */
  readonly error: ConfideError | null;
}

/** A member's in-app notifications: a readable feed, actions, and a hook for the host's own toasts. */
export interface Notifications extends Readable<NotificationsState> {
  /** Loads older notifications. */
  loadMore(): Promise<void>;
  /** Marks some notifications read. */
  markRead(ids: readonly NotificationId[]): Promise<void>;
  /** Marks every notification read. */
  markAllRead(): Promise<void>;
  /**
   * Opens what a notification is about: marks it read and selects its conversation in the index; returns the
   * conversation's id for the host's navigation (`client.thread(id)` shows it).
   */
  open(notification: Notification): Promise<ConversationId>;
  /**
   * Calls `handler` for each notification that arrives live (not for ones loaded from the feed), so a host can
   * show its own toast. Returns the function that stops it.
   */
  onNotification(handler: (notification: Notification) => void): () => void;
}

type NotificationPages = InfiniteData<ListNotificationsResponse, string | null>;

/** What a client sees: clients have no in-app notifications. */
const CLIENT_STATE: NotificationsState = {
  status: 'success',
  notifications: [],
  unreadCount: 0,
  hasMore: false,
  error: null,
};

/** Creates the notification feed of one client. `arrivals` is fed by the client's event stream. */
export function createNotifications(
  context: ClientContext,
  arrivals: ReturnType<typeof createListenerSet<Notification>>,
): Notifications {
  const { queryClient, queries } = context;
  const observer = new InfiniteQueryObserver(queryClient, {
    ...queries.notifications.list(),
    enabled: false,
  });
  const flatten = memoizeLast(
    (data: InfiniteData<ListNotificationsResponse, unknown> | undefined) =>
      data?.pages.flatMap((page) => page.items) ?? [],
  );

  // Only members have a feed: for a client (or before the viewer is known) the query stays disabled.
  function syncEnabled() {
    const enabled = context.viewer()?.role === 'member';
    if (observer.options.enabled !== enabled)
      observer.setOptions({ ...queries.notifications.list(), enabled });
  }

  const readable = createReadable<NotificationsState>({
    compute() {
      syncEnabled();
      const result = currentResult(observer);
      if (context.viewer()?.role === 'client') return CLIENT_STATE;
      return {
        status: result.status,
        notifications: flatten(result.data),
        unreadCount: result.data?.pages[0]?.unreadCount ?? 0,
        hasMore: result.hasNextPage,
        error: result.error ? toConfideError(result.error) : null,
      };
    },
    connect(onChange) {
      void context.ensureViewer().then(onChange, () => {});
      return observer.subscribe(onChange);
    },
  });
  context.onDispose(readable.dispose);

  function applyRead(ids: ReadonlySet<string> | 'all', unreadCount: number) {
    const readAt = new Date(context.clock.now()).toISOString();
    for (const [queryKey, pages] of queryClient.getQueriesData<NotificationPages>({
      queryKey: confideKeys.notifications(),
    })) {
      if (!pages) continue;
      queryClient.setQueryData<NotificationPages>(queryKey, {
        ...pages,
        pages: pages.pages.map((page) => ({
          ...page,
          unreadCount,
          items: page.items.map((item) =>
            item.readAt === null && (ids === 'all' || ids.has(item.id)) ? { ...item, readAt } : item,
          ),
        })),
      });
    }
  }

  return {
    getSnapshot: readable.getSnapshot,
    subscribe: readable.subscribe,
    async loadMore() {
      if (!currentResult(observer).hasNextPage) return;
      const result = await observer.fetchNextPage();
      if (result.error) throw toConfideError(result.error);
    },
    async markRead(ids) {
      if (ids.length === 0) return;
      const result = await context.transport.markNotificationsRead({ ids: [...ids] });
      applyRead(new Set(ids), result.unreadCount);
    },
    async markAllRead() {
      const result = await context.transport.markNotificationsRead({ all: true });
      applyRead('all', result.unreadCount);
    },
    async open(notification) {
      context.stores.index.getState().select(notification.conversationId);
      if (notification.readAt === null) await this.markRead([notification.id]);
      return notification.conversationId;
    },
    onNotification: (handler) => arrivals.add(handler),
  };
}
