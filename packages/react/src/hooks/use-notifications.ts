'use client';
import type { Notifications, NotificationsState } from '@confide/core';
import { useConfideClient } from './use-client.js';
import { useReadable } from './use-readable.js';

/** The notification feed and its actions. */
export interface UseNotificationsResult extends NotificationsState {
  /** Loads older notifications. */
  readonly loadMore: Notifications['loadMore'];
  /** Marks some notifications read. */
  readonly markRead: Notifications['markRead'];
  /** Marks every notification read. */
  readonly markAllRead: Notifications['markAllRead'];
  /** Marks a notification read, selects its conversation and resolves with the conversation's id. */
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
