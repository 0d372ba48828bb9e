'use client';
import {
  hasNotificationFeed,
  type Notifications,
  type NotificationsState,
  notificationsStateOf,
} from '@confide/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useConfideClient } from './use-client.js';

/** The notification feed and its actions (documented on `Notifications`). */
export type UseNotificationsResult = NotificationsState &
  Pick<Notifications, 'loadMore' | 'markRead' | 'markAllRead' | 'open'>;

/** The feed's state for the viewer (members only; clients get an empty feed without a request). */
export function useNotificationsState(): NotificationsState {
  const client = useConfideClient();
  const viewer = useQuery(client.queries.viewer.viewer(), client.queryClient).data;
  const feed = useInfiniteQuery(
    { ...client.queries.notifications.list(), enabled: hasNotificationFeed(viewer) },
    client.queryClient,
  );
  const { status, data, error, hasNextPage } = feed;
  return useMemo(
    () => notificationsStateOf({ status, data, error, hasNextPage }, viewer),
    [status, data, error, hasNextPage, viewer],
  );
}

/**
 * A member's in-app notifications, newest first (clients get an empty feed).
 *
 * @example
 * const { notifications, unreadCount, markAllRead } = useNotifications();
 */
export function useNotifications(): UseNotificationsResult {
  const notifications = useConfideClient().notifications;
  const state = useNotificationsState();
  return {
    ...state,
    loadMore: notifications.loadMore,
    markRead: notifications.markRead,
    markAllRead: notifications.markAllRead,
    open: notifications.open,
  };
}
