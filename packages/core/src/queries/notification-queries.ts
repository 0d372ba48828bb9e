import type { Transport } from '../transport/transport.js';
import { cursorQuery, pageQueryOf, singleQuery } from './query-defaults.js';
import type { ConfideKeys, NotificationListParams } from './query-keys.js';

/** Query options for in-app notifications and their settings (members only). */
export function notificationQueries(transport: Transport, keys: ConfideKeys) {
  return {
    /** The feed: pages of notifications, newest first, each with the unread count. */
    list: (params: NotificationListParams = {}) =>
      cursorQuery(
        keys.notificationList(params),
        (cursor, signal) => transport.listNotifications(pageQueryOf(cursor, params), { signal }),
        {
          timeOf: (notification) => notification.createdAt,
          unread: { field: 'unreadCount', of: (notification) => (notification.readAt === null ? 1 : 0) },
          belongs: params.unread ? (notification) => notification.readAt === null : undefined,
        },
      ),
    /** The firm's setting for client-started conversations. */
    settings: () =>
      singleQuery(keys.notificationSettings(), (signal) => transport.getNotificationSettings({ signal })),
  };
}
