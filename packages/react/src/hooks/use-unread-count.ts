'use client';
import type { ConversationIndexState, NotificationsState, Readable } from '@confide/core';
import { useConfideClient } from './use-client.js';
import { useReadable } from './use-readable.js';

type Counted = ConversationIndexState | NotificationsState;

const selectUnread = (state: Counted) => ('unreadTotal' in state ? state.unreadTotal : state.unreadCount);

/**
 * A number for a badge: unread messages across the viewer's conversations or, with `'notifications'`, unread
 * notifications. Re-renders only when the number changes.
 *
 * @example
 * const unread = useUnreadCount();
 */
export function useUnreadCount(of: 'messages' | 'notifications' = 'messages'): number {
  const client = useConfideClient();
  const readable: Readable<Counted> = of === 'messages' ? client.conversations : client.notifications;
  return useReadable(readable, selectUnread);
}
