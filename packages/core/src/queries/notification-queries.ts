import type { ListNotificationsResponse } from '@confide/protocol';
import type { Transport } from '../transport/transport.js';
import {
  DIRECTORY_STALE_TIME_MS,
  type QueryContext,
  retryQuery,
  SERVER_DATA_STALE_TIME_MS,
} from './query-defaults.js';
import type { ConfideKeys, NotificationListParams } from './query-keys.js';

/** Query options for in-app notifications and their settings (members only). */
export function notificationQueries(transport: Transport, keys: ConfideKeys) {
  return {
    /** The feed: pages of notifications, newest first, each with the unread count. */
    list: (params: NotificationListParams = {}) => ({
      queryKey: keys.notificationList(params),
      queryFn: ({ pageParam, signal }: QueryContext<string | null>): Promise<ListNotificationsResponse> =>
        transport.listNotifications(
          {
            ...(pageParam ? { cursor: pageParam } : {}),
            ...(params.limit === undefined ? {} : { limit: params.limit }),
            ...(params.unread ? { unread: 'true' as const } : {}),
          },
          { signal },
        ),
      initialPageParam: null as string | null,
      getNextPageParam: (lastPage: ListNotificationsResponse) => lastPage.nextCursor ?? undefined,
      staleTime: SERVER_DATA_STALE_TIME_MS,
      retry: retryQuery,
    }),
    /** The firm's setting for client-started conversations. */
    settings: () => ({
      queryKey: keys.notificationSettings(),
      queryFn: ({ signal }: QueryContext) => transport.getNotificationSettings({ signal }),
      staleTime: DIRECTORY_STALE_TIME_MS,
      retry: retryQuery,
    }),
  };
}
