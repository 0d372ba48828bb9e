export type {
  Attachment,
  AttachmentId,
  AttachmentState,
  Author,
  ClientStartedThread,
  Contact,
  ContactId,
  Conversation,
  ConversationId,
  ConversationSummary,
  ErrorCode,
  Firm,
  Matter,
  Member,
  Message,
  MessageId,
  Notification,
  NotificationId,
  NotificationSettings,
  PortalStatus,
  ServerEvent,
  Template,
  TemplateId,
  TicketPurpose,
  Viewer,
} from '@confide/protocol';
export { isolateBidi, PREVIEW_MEDIA_TYPES } from '@confide/protocol';
export { applyServerEvent, type CacheContext } from './cache/apply-server-event.js';
export type { ConfideQueries, ConfideStores } from './client/client-context.js';
export {
  type Composer,
  type ComposerLocalState,
  type ComposerOptions,
  type ComposerSources,
  type ComposerState,
  type ComposerStatus,
  composerStateOf,
  wantsRecipients,
} from './client/composer.js';
export type { ComposerAttachment, UploadProgress } from './client/composer-attachments.js';
export {
  type ConversationIndex,
  type ConversationIndexState,
  type ConversationListResult,
  conversationIndexStateOf,
  listParamsOf,
  type PendingConversation,
} from './client/conversation-index.js';
export {
  type AttachmentsApi,
  type ConfideClient,
  type ConfideClientOptions,
  createConfideClient,
  type DownloadUrlOptions,
  type UnsentWork,
} from './client/create-confide-client.js';
export type { ContactsApi, SettingsApi, TemplatesApi, ViewerApi } from './client/directory.js';
export {
  hasNotificationFeed,
  type NotificationListResult,
  type Notifications,
  type NotificationsState,
  notificationsStateOf,
} from './client/notifications.js';
export type { Observable } from './client/observe.js';
export { type Thread, type ThreadSources, type ThreadState, threadStateOf } from './client/thread.js';
export { type MessageState, mergeThreadMessages, type ThreadMessage } from './client/thread-messages.js';
export {
  partitionRecipients,
  type RecipientOptions,
  type UnavailableReason,
  type UnavailableRecipient,
} from './composer/recipients.js';
export {
  type DraftField,
  type DraftValidation,
  type FieldError,
  validateDraft,
} from './composer/validate-draft.js';
export {
  CLIENT_ERROR_CODES,
  ConfideError,
  type ConfideErrorCode,
  type ConfideErrorContext,
  type ConfideErrorOptions,
  isConfideErrorCode,
} from './errors/confide-error.js';
export type { Clock } from './lib/clock.js';
export type { Logger } from './lib/logger.js';
export { browserNetworkStatus, type NetworkStatus } from './lib/network-status.js';
export type { OutboxOptions, SendResult } from './outbox/outbox-runner.js';
export { conversationQueries } from './queries/conversation-queries.js';
export { messageQueries } from './queries/message-queries.js';
export { notificationQueries } from './queries/notification-queries.js';
export { observeInfiniteQuery, observeQuery } from './queries/observe.js';
export { QUERY_RETRY_LIMIT, type QueryContext } from './queries/query-defaults.js';
export {
  type ConfideKeys,
  type ConversationListParams,
  createConfideKeys,
  type NotificationListParams,
} from './queries/query-keys.js';
export { templateQueries } from './queries/template-queries.js';
export { viewerQueries } from './queries/viewer-queries.js';
export {
  localStorageAdapter,
  memoryStorage,
  type SaveState,
  type StorageAdapter,
} from './storage/storage.js';
export {
  type ComposerStore,
  createComposerStore,
  type Draft,
  type DraftAttachment,
  type DraftInput,
} from './stores/composer/composer-store.js';
export {
  type ConnectionState,
  type ConnectionStore,
  createConnectionStore,
} from './stores/connection/connection-store.js';
export {
  createIndexStore,
  DEFAULT_INDEX_FILTERS,
  type IndexFilters,
  type IndexState,
  type IndexStore,
} from './stores/index-filters/index-store.js';
export {
  createOutboxStore,
  type OutboxEntry,
  type OutboxState,
  type OutboxStatus,
  type OutboxStore,
  type SendFailure,
} from './stores/outbox/outbox-store.js';
export { type PersonalDetails, retargetText } from './templates/personal-details.js';
export {
  type MergeContext,
  renderTemplate,
} from './templates/render-template.js';
export type { GetToken, TokenReason } from './transport/http-client.js';
export { type HttpTransportOptions, httpTransport } from './transport/http-transport.js';
export type {
  ConnectionStatus,
  CreateDownloadTicketOptions,
  RequestOptions,
  SubscribeOptions,
  Transport,
  Unsubscribe,
  UploadFile,
  UploadFileOptions,
} from './transport/transport.js';
