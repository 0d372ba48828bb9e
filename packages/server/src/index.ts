export type { CreateAppOptions } from './app.js';
export {
  createApp,
  DEFAULT_DEV_TOKEN_RATE_LIMIT,
  DEFAULT_HEARTBEAT_INTERVAL_MS,
  DEFAULT_SEND_RATE_LIMIT,
} from './app.js';
export type { AttachmentSettings } from './attachments/attachment-settings.js';
export {
  ATTACH_WINDOW_MS,
  DEFAULT_ALLOWED_MEDIA_TYPES,
  DOWNLOAD_TICKET_TTL_MS,
  NEVER_ALLOWED_MEDIA_TYPES,
  resolveAttachmentSettings,
  UPLOAD_EXPIRY_MS,
} from './attachments/attachment-settings.js';
export type { BlobStore } from './attachments/blob-store.js';
export type { MalwareScanner } from './attachments/malware-scanner.js';
export { createMemoryBlobStore } from './attachments/memory-blob-store.js';
export type { MemoryUploadsOptions } from './attachments/memory-uploads.js';
export { createMemoryUploads } from './attachments/memory-uploads.js';
export type { WireAttachment } from './attachments/present-attachment.js';
export { loadMessageAttachments } from './attachments/present-attachment.js';
export type { ScanVerdict } from './attachments/record-scan-result.js';
export { recordScanResult } from './attachments/record-scan-result.js';
export type { UploadHandler } from './attachments/upload-handler.js';
export { DEV_TOKEN_TTL_SECONDS, signToken } from './auth/sign-token.js';
export type { AuthOptions, TokenClaims, TokenVerifier, VerifiedToken } from './auth/token-verifier.js';
export { createTokenVerifier, DEFAULT_CLOCK_TOLERANCE_SECONDS } from './auth/token-verifier.js';
export type { DomainContext } from './domain/context.js';
export { DEFAULT_CLIENT_STARTED_THREAD } from './domain/notification-recipients.js';
export type { ViewerIdentity } from './domain/viewer.js';
export type { ApiErrorDetails } from './errors/api-error.js';
export { ApiError } from './errors/api-error.js';
export type { EventFrame } from './events/event-frame.js';
export type {
  EventHub,
  EventHubOptions,
  EventHubSubscriber,
  EventHubSubscription,
} from './events/event-hub.js';
export { createEventHub, DEFAULT_EVENT_RETENTION_MS } from './events/event-hub.js';
export type { EventHubLimits, EventHubStats } from './events/event-hub-limits.js';
export {
  DEFAULT_MAX_BACKLOG_BYTES,
  DEFAULT_MAX_BACKLOG_FRAMES,
  DEFAULT_MAX_STREAMS_PER_PERSON,
} from './events/event-hub-limits.js';
export type { ConnectionCloser } from './events/event-stream.js';
export { createInProcessNotifier } from './events/in-process-notifier.js';
export type { Notifier, NotifierListener } from './events/notifier.js';
export type { ClientAddressReader } from './http/client-address.js';
export type { RateLimiter, RateLimitRule } from './http/rate-limiter.js';
export type { RequestLogEntry, RequestLogger } from './http/request-log.js';
export { consoleRequestLogger } from './http/request-log.js';
export type { Clock } from './lib/clock.js';
export { systemClock } from './lib/clock.js';
export type { IdGenerator } from './lib/ids.js';
export { randomId } from './lib/ids.js';
export type { MailDelivery } from './mail/mail-recipient.js';
export { checkMailRecipient } from './mail/mail-recipient.js';
export type { Mailer, OutgoingMail } from './mail/mailer.js';
export { createOutboxMail, toOutgoingMail } from './mail/outbox-mail.js';
export type {
  ClientMessageWaitingInput,
  MemberClientStartedInput,
  RenderedMail,
} from './mail/render-mail.js';
export { renderClientMessageWaitingMail, renderMemberClientStartedMail } from './mail/render-mail.js';
export type { AppEnv } from './routes/register-routes.js';
export { seedDemo } from './seed/demo.js';
export { DEMO_IDS } from './seed/demo-data.js';
export type { AttachmentQueries } from './store/attachment-queries.js';
export type {
  AttachmentCompletion,
  AttachmentDownloadRow,
  AttachmentRow,
  AttachmentStateValue,
  DownloadTicketRow,
  MessageAttachmentRow,
  NewAttachment,
  TicketRedemption,
} from './store/attachment-rows.js';
export { createMemoryStore } from './store/memory-store.js';
export type {
  Audience,
  AuditActionValue,
  AuditRow,
  ClientStartedThreadValue,
  ContactRow,
  ConversationRow,
  EventAudience,
  EventRow,
  EventTypeValue,
  FirmRow,
  MailKind,
  MailRow,
  MailStatus,
  MailWithheldReason,
  MemberRoleValue,
  MemberRow,
  MessageRow,
  NewAuditEntry,
  NewConversation,
  NewEvent,
  NewMail,
  NewMessage,
  NewNotification,
  NotificationKindValue,
  NotificationRow,
  NotificationSettingsRow,
  PartyRef,
  PortalStatusValue,
  ReadStateRow,
  TemplateRow,
} from './store/rows.js';
export type {
  ConversationListItem,
  InsertMessageResult,
  ListConversationsOptions,
  ListNotificationsOptions,
  MessageAttachments,
  MessageEffects,
  Store,
  StoreQueries,
  StoreTransaction,
  UnreadScope,
} from './store/store.js';
export { AttachmentsUnavailableError } from './store/store.js';
