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

/** The filters of the notification feed, as part of its query key. */
export interface NotificationListParams {
  /** Only unread notifications. */
  readonly unread?: boolean;
  /** Page size (1–100). */
  readonly limit?: number;
}

/**
 * Every query key the SDK uses, all under `['confide']` so that one `invalidateQueries({ queryKey:
 * confideKeys.all })` reaches them and nothing collides with the host's own queries in a shared QueryClient.
 */
export const confideKeys = {
  all: ['confide'] as const,
  viewer: () => ['confide', 'viewer'] as const,
  contacts: (query = '') => ['confide', 'contacts', query] as const,
  members: () => ['confide', 'members'] as const,
  conversations: () => ['confide', 'conversations'] as const,
  conversationLists: () => ['confide', 'conversations', 'list'] as const,
  conversationList: (params: ConversationListParams = {}) =>
    ['confide', 'conversations', 'list', params] as const,
  conversation: (id: ConversationId) => ['confide', 'conversations', 'detail', id] as const,
  messages: (id: ConversationId) => ['confide', 'messages', id] as const,
  templates: () => ['confide', 'templates'] as const,
  templateList: (query = '') => ['confide', 'templates', 'list', query] as const,
  template: (id: TemplateId) => ['confide', 'templates', 'detail', id] as const,
  notifications: () => ['confide', 'notifications'] as const,
  notificationList: (params: NotificationListParams = {}) =>
    ['confide', 'notifications', 'list', params] as const,
  notificationSettings: () => ['confide', 'settings', 'notifications'] as const,
};
