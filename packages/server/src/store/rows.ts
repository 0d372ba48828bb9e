/**
 * Plain row types the `Store` reads and writes. They hold no zod and no behaviour: ids are strings, times are
 * ISO-8601 strings in UTC (`2026-01-31T09:30:00.000Z`), and every list-ordering key is a `seq` number that the
 * store assigns on insert, strictly increasing per table (an identity/bigserial column in SQL).
 */

/** A member's role within their firm. */
export type MemberRoleValue = 'owner' | 'admin' | 'member';

/** Whether a contact can use the client portal. */
export type PortalStatusValue = 'inactive' | 'invited' | 'active';

/** Whom to notify when a client starts a conversation. */
export type ClientStartedThreadValue = 'assignees' | 'assignees_and_owner' | 'all_members' | 'none';

/** A person: a firm member or a client (contact). Used for authors, readers and actors. */
export interface PartyRef {
  readonly kind: 'member' | 'client';
  readonly id: string;
}

/**
 * Who a query is for. `firm` sees everything of the firm, internal notes included; `client` sees only what is
 * visible to a client: messages with `internal: false`, and conversation activity caused by such messages.
 */
export type Audience = 'firm' | 'client';

/** A law firm. */
export interface FirmRow {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
}

/** A person who works at a firm. */
export interface MemberRow {
  readonly id: string;
  readonly firmId: string;
  readonly name: string;
  readonly email: string;
  readonly role: MemberRoleValue;
  readonly createdAt: string;
}

/** A firm's client. */
export interface ContactRow {
  readonly id: string;
  readonly firmId: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly portalStatus: PortalStatusValue;
  /** Member ids of the contact's assignees, in the order they were given. */
  readonly assigneeIds: readonly string[];
  readonly createdAt: string;
}

/** A firm's notification settings. */
export interface NotificationSettingsRow {
  readonly firmId: string;
  readonly clientStartedThread: ClientStartedThreadValue;
  /**
   * The firm's own allow-list of file media types (it only narrows the server's); null or absent when the firm
   * takes the server's list. Stores give it back as null when unset.
   */
  readonly allowedMediaTypes?: readonly string[] | null | undefined;
  readonly updatedAt: string;
}

/** The fields a caller gives to create a conversation; the activity fields start empty. */
export interface NewConversation {
  readonly id: string;
  readonly firmId: string;
  readonly contactId: string;
  readonly subject: string;
  readonly matterId: string | null;
  readonly matterLabel: string | null;
  readonly startedBy: PartyRef;
  readonly createdAt: string;
}

/**
 * A conversation with its denormalised activity, kept twice: once for the firm (every message, internal notes
 * included) and once for the client (client-visible messages only), so that an internal note never moves or
 * previews a conversation for the client.
 */
export interface ConversationRow extends NewConversation {
  /** Time of the newest message of any kind (or `createdAt` before the first message). */
  readonly lastActivityAt: string;
  /** `seq` of the newest message of any kind (0 before the first message). */
  readonly lastActivitySeq: number;
  readonly lastMessageId: string | null;
  /** Time of the newest client-visible message (or `createdAt` before the first one). */
  readonly clientLastActivityAt: string;
  /** `seq` of the newest client-visible message (0 before the first one). */
  readonly clientLastActivitySeq: number;
  readonly clientLastMessageId: string | null;
}

/** A message (or, with `internal`, a firm-only note). Never updated or deleted. */
export interface MessageRow {
  readonly id: string;
  /** Store-wide, strictly increasing: orders messages and backs message cursors. */
  readonly seq: number;
  readonly conversationId: string;
  readonly firmId: string;
  readonly author: PartyRef;
  readonly body: string;
  readonly internal: boolean;
  readonly idempotencyKey: string;
  readonly createdAt: string;
  /** How many files were sent with it (0–20); set by the store from the files attached in the same write. */
  readonly attachmentCount: number;
}

/** A message to insert; the store assigns `seq` and counts the files attached with it. */
export type NewMessage = Omit<MessageRow, 'seq' | 'attachmentCount'>;

/** How far one reader has read one conversation. Horizons only move forward. */
export interface ReadStateRow {
  readonly conversationId: string;
  readonly reader: PartyRef;
  readonly upToMessageId: string;
  readonly upToSeq: number;
  readonly readAt: string;
}

/** What an in-app notification is about. */
export type NotificationKindValue = 'client_replied' | 'client_started_conversation' | 'attachment_blocked';

/** An in-app notification for one member. */
export interface NotificationRow {
  readonly id: string;
  readonly seq: number;
  readonly firmId: string;
  readonly memberId: string;
  readonly kind: NotificationKindValue;
  readonly conversationId: string;
  readonly messageId: string;
  readonly createdAt: string;
  readonly readAt: string | null;
}

/** A notification to insert; the store assigns `seq`. */
export type NewNotification = Omit<NotificationRow, 'seq'>;

/** A message template of a firm. */
export interface TemplateRow {
  readonly id: string;
  readonly firmId: string;
  readonly name: string;
  readonly subject: string;
  readonly body: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What kind of e-mail an outbox row is. */
export type MailKind = 'client_message_waiting' | 'member_client_started';

/**
 * Where an outbox row is in its life: `pending` until sent, given up (`failed`), or `withheld`: when it was due,
 * its recipient no longer qualified for it (see `MailWithheldReason`), so it was never sent.
 */
export type MailStatus = 'pending' | 'sent' | 'failed' | 'withheld';

/**
 * Why a mail was withheld at delivery: `portal_not_active` (the client's portal was closed or is only invited),
 * `recipient_unknown` (the person is gone, belongs to another firm, is not the kind the mail is for, or the row
 * was queued before recipients were recorded).
 */
export type MailWithheldReason = 'portal_not_active' | 'recipient_unknown';

/** One e-mail in the transactional outbox, already rendered (it never contains message text). */
export interface MailRow {
  /** Stable across retries: delivery uses it as the Message-ID so a resend can be recognised. */
  readonly id: string;
  readonly seq: number;
  readonly firmId: string;
  readonly kind: MailKind;
  /**
   * Whom the mail is for: the client of a `client_message_waiting` mail, the member of a `member_client_started`
   * one. Delivery checks them again and sends to their address then. Null only for rows queued before recipients
   * were recorded (such rows are withheld).
   */
  readonly recipient: PartyRef | null;
  /** The recipient's address when queued; once sent, the address it went to. */
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly createdAt: string;
  readonly status: MailStatus;
  /** Delivery attempts started so far (incremented by every claim). */
  readonly attempts: number;
  /** Not to be claimed before this time. */
  readonly nextAttemptAt: string;
  /** While a worker holds the row: until when its lease lasts, and which worker it is. */
  readonly lockedUntil: string | null;
  readonly lockedBy: string | null;
  readonly sentAt: string | null;
  /** The last delivery error (a short reason, never message text); for a `withheld` mail its `MailWithheldReason`. */
  readonly lastError: string | null;
}

/** A mail to enqueue: `pending`, no attempts, not locked; the store assigns `seq`. */
export type NewMail = Pick<
  MailRow,
  'id' | 'firmId' | 'kind' | 'to' | 'subject' | 'text' | 'html' | 'createdAt'
> & { readonly recipient: PartyRef };

/** What an audit entry records. */
export type AuditActionValue =
  | 'conversation.started'
  | 'message.sent'
  | 'note.added'
  | 'conversation.read'
  | 'settings.updated'
  | 'template.created'
  | 'template.updated'
  | 'template.deleted'
  | 'attachment.uploaded'
  | 'attachment.blocked'
  | 'attachment.downloaded'
  | 'attachment.previewed';

/** One append-only audit record. */
export interface AuditRow {
  readonly id: string;
  readonly seq: number;
  readonly firmId: string;
  readonly actor: PartyRef;
  readonly action: AuditActionValue;
  readonly targetId: string;
  readonly requestId: string;
  readonly at: string;
}

/** An audit entry to append; the store assigns `seq`. */
export type NewAuditEntry = Omit<AuditRow, 'seq'>;

/**
 * Who may receive a persisted event. A member of `firmId` receives it when `allMembers` is true or their id is in
 * `memberIds`; the client `contactId` receives it when it is not null. Nobody outside `firmId` ever does.
 */
export interface EventAudience {
  readonly firmId: string;
  readonly allMembers: boolean;
  readonly memberIds: readonly string[];
  readonly contactId: string | null;
}

/** The event types the server persists (the protocol's `ServerEvent` types). */
export type EventTypeValue =
  | 'message.created'
  | 'conversation.created'
  | 'conversation.read'
  | 'notification.created'
  | 'notification.read'
  | 'attachment.updated';

/** A persisted server event; `payload` is the protocol event's `data`, stored as JSON. */
export interface EventRow {
  /** Store-wide, strictly increasing, and visible in order (see `Store.appendEvent`). */
  readonly seq: number;
  readonly type: EventTypeValue;
  readonly payload: unknown;
  readonly audience: EventAudience;
  readonly createdAt: string;
}

/** An event to append. */
export type NewEvent = Omit<EventRow, 'seq'>;
