import type {
  ConversationId,
  ListNotificationsResponse,
  Notification,
  NotificationId,
  Viewer,
} from '@confide/protocol';
import { InfiniteQueryObserver, QueryObserver } from '@tanstack/query-core';
import { applyNotificationsRead } from '../cache/apply-server-event.js';
import { type ConfideError, toConfideError } from '../errors/confide-error.js';
import type { ClientContext } from './client-context.js';
import { listenToAll, loadNextPage, type Observable, type PagedResult } from './observe.js';

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

/** A member's in-app notifications: the actions on the feed, `observe` for a headless UI, and live arrivals for toasts. */
export interface Notifications extends Observable<NotificationsState> {
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

/** The feed query's result as the state needs it (query-core's or react-query's). */
export type NotificationListResult = Omit<PagedResult<ListNotificationsResponse>, 'isFetchingNextPage'>;

/** What a client sees: clients have no in-app notifications. */
const CLIENT_STATE: NotificationsState = {
  status: 'success',
  notifications: [],
  unreadCount: 0,
  hasMore: false,
  error: null,
};

/** Only members have a feed: for a client, or before the viewer is known, the feed query stays disabled. */
export function hasNotificationFeed(viewer: Viewer | undefined): boolean {
  return viewer?.role === 'member';
}

/** The feed's state from its query's result and the viewer: a pure function. */
export function notificationsStateOf(
  result: NotificationListResult,
  viewer: Viewer | undefined,
): NotificationsState {
  if (viewer?.role === 'client') return CLIENT_STATE;
  return {
    status: result.status,
    notifications: result.data?.pages.flatMap((page) => page.items) ?? [],
    unreadCount: result.data?.pages[0]?.unreadCount ?? 0,
    hasMore: result.hasNextPage,
    error: result.error ? toConfideError(result.error) : null,
  };
}

/** Creates the notification feed of one client. `arrivals` is fed by the client's event stream. */
export function createNotifications(
  context: ClientContext,
  arrivals: Set<(notification: Notification) => void>,
): Notifications {
  const { queryClient, queries } = context;

  function applyRead(ids: ReadonlySet<string> | 'all', unreadCount: number) {
    const readAt = new Date(context.clock.now()).toISOString();
    applyNotificationsRead(context, (item) => ids === 'all' || ids.has(item.id), readAt, unreadCount);
  }

  async function markRead(ids: readonly NotificationId[]) {
    if (ids.length === 0) return;
    const result = await context.transport.markNotificationsRead({ ids: [...ids] });
    applyRead(new Set(ids), result.unreadCount);
  }

  return {
    observe(listener) {
      const viewer = new QueryObserver(queryClient, queries.viewer.viewer());
      const feedOptions = () => ({
        ...queries.notifications.list(),
        enabled: hasNotificationFeed(viewer.getCurrentResult().data),
      });
      const feed = new InfiniteQueryObserver(queryClient, feedOptions());
      const emit = () =>
        listener(notificationsStateOf(feed.getCurrentResult(), viewer.getCurrentResult().data));
      const followViewer = (onChange: () => void) =>
        viewer.subscribe(() => {
          feed.setOptions(feedOptions());
          onChange();
        });
      const stop = listenToAll([followViewer, feed], emit);
      emit();
      return context.track(stop);
    },
    loadMore: () => loadNextPage(queryClient, queries.notifications.list()),
    markRead,
    async markAllRead() {
      const result = await context.transport.markNotificationsRead({ all: true });
      applyRead('all', result.unreadCount);
    },
    async open(notification) {
      context.stores.index.getState().select(notification.conversationId);
      if (notification.readAt === null) await markRead([notification.id]);
      return notification.conversationId;
    },
    onNotification(handler) {
      arrivals.add(handler);
      return () => void arrivals.delete(handler);
    },
  };
}
