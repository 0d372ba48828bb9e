export type {
  ComposeSecureMessagePart,
  ComposeSecureMessageProps,
  ComposeSentDetails,
} from './components/compose-secure-message/compose-secure-message.js';
export { ComposeSecureMessage } from './components/compose-secure-message/compose-secure-message.js';
export type { MessageIndexPart } from './components/message-index/conversation-item.js';
export { MessageIndex, type MessageIndexProps } from './components/message-index/message-index.js';
export { MessageText, type MessageTextProps } from './components/message-text.js';
export {
  NotificationBell,
  type NotificationBellProps,
} from './components/notification-bell/notification-bell.js';
export {
  NotificationList,
  type NotificationListPart,
  type NotificationListProps,
} from './components/notification-bell/notification-list.js';
export {
  NotificationSettingsForm,
  type NotificationSettingsFormProps,
} from './components/notification-settings-form/notification-settings-form.js';
export type { StyledComponentProps } from './components/shared/part-props.js';
export type { ThreadViewPart } from './components/thread-view/thread-message.js';
export { ThreadView, type ThreadViewProps } from './components/thread-view/thread-view.js';
export { useConfideClient } from './hooks/use-client.js';
export { type UseComposerResult, useComposer } from './hooks/use-composer.js';
export { type UseConnectionResult, useConnection } from './hooks/use-connection.js';
export { type UseConversationsResult, useConversations } from './hooks/use-conversations.js';
export {
  type UseNotificationSettingsResult,
  useNotificationSettings,
} from './hooks/use-notification-settings.js';
export { type UseNotificationsResult, useNotifications } from './hooks/use-notifications.js';
export { type UseTemplatesResult, useTemplates } from './hooks/use-templates.js';
export { type UseThreadResult, useThread } from './hooks/use-thread.js';
export { useUnreadCount } from './hooks/use-unread-count.js';
export { type UseViewerResult, useViewer } from './hooks/use-viewer.js';
export { linkify, type TextPart } from './lib/linkify.js';
export type {
  AvatarProps,
  ConfideComponents,
  EmptyStateProps,
  MessageBodyProps,
} from './provider/components.js';
export { ConfideProvider, type ConfideProviderProps } from './provider/confide-provider.js';
export { type ConfideMessages, type ConfideOverrides, defaultMessages } from './provider/messages.js';
