import type { ConversationId, TemplateId } from '@confide/protocol';

/** The filters of one conversation list, as part of its query key. */
export interface ConversationListParams {
  /** Only conversations with unread messages. */
  readonly unread?: boolean;
  /** Search in subjects and participant names. */
  readonly query?: string;
  /** Only conversations linked to this matter. */
  readonly matterId?: string;
  /** Page size (1–100). */
  readonly limit?: number;
}

/** The filters of the notification feed, as part of its query key: only unread ones, and the page size. */
export type NotificationListParams = Pick<ConversationListParams, 'unread' | 'limit'>;

/**
 * Every query key of one client, all under `['confide', scope]`: one `removeQueries({ queryKey: keys.all })`
 * reaches them, nothing collides with the host's own queries in a shared QueryClient, and two clients (two
 * people signing in one after the other on the same QueryClient) never read each other's data.
 */
export function createConfideKeys(scope: string) {
  const all = ['confide', scope] as const;
  return {
    all,
    viewer: () => [...all, 'viewer'] as const,
    contacts: (query = '') => [...all, 'contacts', query] as const,
    members: () => [...all, 'members'] as const,
    conversations: () => [...all, 'conversations'] as const,
    conversationLists: () => [...all, 'conversations', 'list'] as const,
    conversationList: (params: ConversationListParams = {}) =>
      [...all, 'conversations', 'list', params] as const,
    conversation: (id: ConversationId) => [...all, 'conversations', 'detail', id] as const,
    messages: (id: ConversationId) => [...all, 'messages', id] as const,
    templates: () => [...all, 'templates'] as const,
    templateList: (query = '') => [...all, 'templates', 'list', query] as const,
    template: (id: TemplateId) => [...all, 'templates', 'detail', id] as const,
    notifications: () => [...all, 'notifications'] as const,
    notificationList: (params: NotificationListParams = {}) =>
      [...all, 'notifications', 'list', params] as const,
    notificationSettings: () => [...all, 'settings', 'notifications'] as const,
  };
}

/** The query keys of one client (`client.keys`). */
export type ConfideKeys = ReturnType<typeof createConfideKeys>;
