'use client';
import { hasNotificationFeed, listParamsOf } from '@confide/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useStore } from 'zustand';
import { useConfideClient } from './use-client.js';

/**
 * A number for a badge: unread messages across the viewer's conversations or, with `'notifications'`, unread
 * notifications. Re-renders only when the number changes.
 *
 * @example
 * const unread = useUnreadCount();
 */
export function useUnreadCount(of: 'messages' | 'notifications' = 'messages'): number {
  const client = useConfideClient();
  const filters = useStore(client.stores.index, (state) => state.filters);
  const params = useMemo(() => listParamsOf(filters), [filters]);
  const viewer = useQuery(client.queries.viewer.viewer(), client.queryClient).data;
  // Hooks may not be conditional: the badge that is not asked for keeps its query disabled (no request).
  const messages = useInfiniteQuery(
    {
      ...client.queries.conversations.list(params),
      enabled: of === 'messages',
      select: (data) => data.pages[0]?.unreadTotal ?? 0,
    },
    client.queryClient,
  );
  const notifications = useInfiniteQuery(
    {
      ...client.queries.notifications.list(),
      enabled: of === 'notifications' && hasNotificationFeed(viewer),
      select: (data) => data.pages[0]?.unreadCount ?? 0,
    },
    client.queryClient,
  );
  return (of === 'messages' ? messages.data : notifications.data) ?? 0;
}
