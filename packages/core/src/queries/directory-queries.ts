import type { ListNotificationsResponse, TemplateId } from '@confide/protocol';
import type { Transport } from '../transport/transport.js';
import { type QueryContext, SERVER_DATA_STALE_TIME_MS } from './conversation-queries.js';
import { confideKeys, type NotificationListParams } from './query-keys.js';

/** Contacts and members change rarely: five minutes of freshness, in milliseconds. */
const DIRECTORY_STALE_TIME_MS = 5 * 60_000;

/** Query options for the viewer, the firm's contacts and members. */
export function viewerQueries(transport: Transport) {
  return {
    /** The signed-in person. */
    viewer: () => ({
      queryKey: confideKeys.viewer(),
      queryFn: ({ signal }: QueryContext) => transport.getViewer({ signal }),
      staleTime: Number.POSITIVE_INFINITY,
    }),
    /** The firm's contacts, optionally searched (members only). */
    contacts: (query = '') => ({
      queryKey: confideKeys.contacts(query),
      queryFn: ({ signal }: QueryContext) => transport.listContacts(query ? { query } : {}, { signal }),
      staleTime: DIRECTORY_STALE_TIME_MS,
    }),
    /** The firm's members (members only). */
    members: () => ({
      queryKey: confideKeys.members(),
      queryFn: ({ signal }: QueryContext) => transport.listMembers({ signal }),
      staleTime: DIRECTORY_STALE_TIME_MS,
    }),
  };
}

/** Query options for message templates (members only). */
export function templateQueries(transport: Transport) {
  return {
    /** Templates, optionally searched by name and subject. */
    list: (query = '') => ({
      queryKey: confideKeys.templateList(query),
      queryFn: ({ signal }: QueryContext) => transport.listTemplates(query ? { query } : {}, { signal }),
      staleTime: DIRECTORY_STALE_TIME_MS,
    }),
    /** One template. */
    detail: (id: TemplateId) => ({
      queryKey: confideKeys.template(id),
      queryFn: ({ signal }: QueryContext) => transport.getTemplate(id, { signal }),
      staleTime: DIRECTORY_STALE_TIME_MS,
    }),
  };
}

/** Query options for in-app notifications and their settings (members only). */
export function notificationQueries(transport: Transport) {
  return {
    /** The feed: pages of notifications, newest first, each with the unread count. */
    list: (params: NotificationListParams = {}) => ({
      queryKey: confideKeys.notificationList(params),
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
    }),
    /** The firm's setting for client-started conversations. */
    settings: () => ({
      queryKey: confideKeys.notificationSettings(),
      queryFn: ({ signal }: QueryContext) => transport.getNotificationSettings({ signal }),
      staleTime: DIRECTORY_STALE_TIME_MS,
    }),
  };
}
