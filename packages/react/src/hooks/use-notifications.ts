'use client';
import type { Notifications, NotificationsState } from '@confide/core';
import { useConfideClient } from './use-client.js';
import { useReadable } from './use-readable.js';

/** The notification feed and its actions. */
export interface UseNotificationsResult extends NotificationsState {
  readonly loadMore: Notifications['loadMore'];
  readonly markRead: Notifications['markRead'];
  readonly markAllRead: Notifications['markAllRead'];
  readonly open: Notifications['open'];
}

/**
 * A member's in-app notifications, newest first (clients get an empty feed).
 *
 * @example
 * const { notifications, unreadCount, markAllRead } = useNotifications();
 */
export function useNotifications(): UseNotificationsResult {
  const notifications = useConfideClient().notifications;
  const state = useReadable(notifications);
  return {
    ...state,
    loadMore: notifications.loadMore,
    markRead: notifications.markRead,
    markAllRead: notifications.markAllRead,
    open: (notification) => notifications.open(notification),
  };
}
