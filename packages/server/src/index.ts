export { createInProcessNotifier } from './events/in-process-notifier.js';
export type { Notifier, NotifierListener } from './events/notifier.js';
export type { Mailer, OutgoingMail } from './mail/mailer.js';
export { createOutboxMail, toOutgoingMail } from './mail/outbox-mail.js';
export type {
  ClientMessageWaitingInput,
  MemberClientStartedInput,
  RenderedMail,
} from './mail/render-mail.js';
export { renderClientMessageWaitingMail, renderMemberClientStartedMail } from './mail/render-mail.js';
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
  Store,
  StoreQueries,
  StoreTransaction,
  UnreadScope,
} from './store/store.js';
