import type { AttachmentQueries } from './attachment-queries.js';
import type { AttachmentRow } from './attachment-rows.js';
import type {
  Audience,
  AuditRow,
  ContactRow,
  ConversationRow,
  EventRow,
  FirmRow,
  MailRow,
  MailWithheldReason,
  MemberRow,
  MessageRow,
  NewAuditEntry,
  NewConversation,
  NewEvent,
  NewMail,
  NewMessage,
  NewNotification,
  NotificationRow,
  NotificationSettingsRow,
  PartyRef,
  ReadStateRow,
  TemplateRow,
} from './rows.js';

/** A conversation as a viewer's index lists it: the row, the newest message the audience may see, unread count. */
export interface ConversationListItem {
  readonly conversation: ConversationRow;
  /** The conversation's client. */
  readonly contact: ContactRow;
  /** The client's read horizon (one-sided read receipts for members), or null when they never read it. */
  readonly clientRead: ReadStateRow | null;
  /** The newest message visible to the audience (`lastMessageId` or `clientLastMessageId`), or null. */
  readonly lastMessage: MessageRow | null;
  /** See `StoreQueries.countUnread`. */
  readonly unreadCount: number;
}

/** A notification with what the notifications page shows of its conversation. */
export interface NotificationListItem {
  readonly notification: NotificationRow;
  readonly conversation: ConversationRow;
  readonly contact: ContactRow;
}

/** Options of `StoreQueries.listNotifications`: a member's notifications, newest first. */
export interface ListNotificationsOptions {
  readonly memberId: string;
  /** Only notifications whose seq is below this (the previous page's last item). */
  readonly beforeSeq?: number | undefined;
  readonly limit: number;
  /** Only notifications with `readAt` null. */
  readonly unreadOnly?: boolean | undefined;
}

/** Whose unread messages to count: the reader and what they may see. */
export interface UnreadScope {
  readonly audience: Audience;
  readonly reader: PartyRef;
}

/** Options of `StoreQueries.listConversations`. */
export interface ListConversationsOptions extends UnreadScope {
  readonly firmId: string;
  /** Only this client's conversations (set it for client viewers). */
  readonly contactId?: string | undefined;
  /** Only conversations whose audience activity seq is below this (the previous page's last item). */
  readonly beforeActivitySeq?: number | undefined;
  readonly limit: number;
  /** Only conversations with an unread count above zero. */
  readonly unreadOnly?: boolean | undefined;
  /**
   * Case-insensitive substring of the subject, the matter label, or the contact's first name, last name or full
   * name ("first last"). The e-mail address is not searched here.
   */
  readonly query?: string | undefined;
  readonly matterId?: string | undefined;
}

/** Result of `StoreQueries.insertMessage`. */
export type InsertMessageResult =
  | {
      readonly created: true;
      readonly message: MessageRow;
      /** The highest seq of the events appended with the message (0 when none): what to notify after commit. */
      readonly lastEventSeq: number;
      /** The files attached with it, as attached (their state as of the write), in the message's order. */
      readonly attachments: readonly AttachmentRow[];
    }
  | {
      readonly created: false;
      readonly message: MessageRow;
      readonly lastEventSeq: 0;
      readonly attachments: readonly [];
    };

/** Uploads to attach to a new message in the same write (`MessageEffects.attachments`). */
export interface MessageAttachments {
  /** Upload ids in the message's order (each file's `position` is its index). */
  readonly ids: readonly string[];
  /** When they are attached; an upload whose `expiresAt` is at or before it can no longer be attached. */
  readonly attachedAt: string;
}

/**
 * What a new message causes, written with it (in SQL in the same statement) and only when the message is new:
 * its audit entry, notifications, outbox mails and, last, its events.
 */
export interface MessageEffects {
  readonly audit?: NewAuditEntry | undefined;
  readonly notifications?: readonly NewNotification[] | undefined;
  readonly mails?: readonly NewMail[] | undefined;
  /** Appended in this order, under the event ordering rule of `appendEvents`. */
  readonly events?: readonly NewEvent[] | undefined;
  /**
   * Uploads to attach to the new message: each must be the author's own (same firm), finished (not
   * `uploading`), unexpired and attached to nothing, at the moment of the write. They take the message's
   * conversation, id and `internal`. Unless every one of them can be attached, nothing at all is written (not the
   * message either) and `insertMessage` rejects with `AttachmentsUnavailableError`; so of two racing sends of one
   * upload exactly one succeeds. A replay attaches nothing.
   */
  readonly attachments?: MessageAttachments | undefined;
}

/**
 * Thrown by `insertMessage` when not every upload of `MessageEffects.attachments` could be attached (one was
 * attached meanwhile, removed, or never qualified); nothing was written.
 */
export class AttachmentsUnavailableError extends Error {
  constructor() {
    super('Not every upload could be attached to the message');
    this.name = 'AttachmentsUnavailableError';
  }
}

/** The signed-in person as the store holds them, with their firm and the firm's members (for author names). */
export type ViewerRecord =
  | {
      readonly kind: 'member';
      readonly firm: FirmRow;
      readonly member: MemberRow;
      readonly members: readonly MemberRow[];
    }
  | {
      readonly kind: 'client';
      readonly firm: FirmRow;
      readonly contact: ContactRow;
      readonly members: readonly MemberRow[];
    };

/** The oldest and newest event seqs still stored (both 0 when there are none). */
export interface EventBounds {
  readonly oldestSeq: number;
  readonly latestSeq: number;
}

/**
 * Every typed query of the store. A `Store` runs each as its own autocommit statement; inside
 * `Store.transaction` the same queries run in that one transaction.
 *
 * Conventions: lookups of a missing row return `null` (never throw); lists return plain arrays in the order the
 * method states; `limit` is at most 100 and at least 1; unknown firm ids simply give empty results.
 */
export interface StoreQueries extends AttachmentQueries {
  // Firms, members, contacts, settings

  /** Creates the firm, or does nothing when a firm with that id exists. Returns whether it was created. */
  insertFirm(firm: FirmRow): Promise<boolean>;
  /** The firm, or null. */
  getFirm(id: string): Promise<FirmRow | null>;
  /** Creates the member, or does nothing when that id exists. Returns whether it was created. */
  insertMember(member: MemberRow): Promise<boolean>;
  /** The member, or null. */
  getMember(id: string): Promise<MemberRow | null>;
  /** The member with this e-mail address compared case-insensitively (the lowest id if several), or null. */
  findMemberByEmail(email: string): Promise<MemberRow | null>;
  /** The firm's members ordered by name, then id. */
  listMembers(firmId: string): Promise<MemberRow[]>;
  /** Creates the contact, or does nothing when that id exists. Returns whether it was created. */
  insertContact(contact: ContactRow): Promise<boolean>;
  /**
   * Changes a member's e-mail address (the host's directory moved them); returns the new row, or null when the
   * member does not exist.
   */
  updateMember(id: string, changes: Partial<Pick<MemberRow, 'email'>>): Promise<MemberRow | null>;
  /**
   * Changes a contact's e-mail address or portal status (the host's directory or its portal onboarding changed
   * them); returns the new row with its assignees, or null when the contact does not exist.
   */
  updateContact(
    id: string,
    changes: Partial<Pick<ContactRow, 'email' | 'portalStatus'>>,
  ): Promise<ContactRow | null>;
  /** The contact with its assignees, or null. */
  getContact(id: string): Promise<ContactRow | null>;
  /** The contact with this e-mail address compared case-insensitively (the lowest id if several), or null. */
  findContactByEmail(email: string): Promise<ContactRow | null>;
  /**
   * The firm's contacts ordered by last name, first name, then id; with `query`, only those whose first name,
   * last name, full name ("first last") or e-mail contains it case-insensitively.
   */
  listContacts(firmId: string, query?: string): Promise<ContactRow[]>;
  /**
   * The person `party` names in firm `firmId` (a member of it, or a contact of it), with the firm and the firm's
   * members ordered like `listMembers`; null when the firm or the person does not exist or they do not match.
   * One statement: every authenticated request starts with it.
   */
  loadViewer(firmId: string, party: PartyRef): Promise<ViewerRecord | null>;
  /** The firm's notification settings, or null when never set (callers then use the default). */
  getNotificationSettings(firmId: string): Promise<NotificationSettingsRow | null>;
  /** Creates or replaces the firm's notification settings. */
  putNotificationSettings(settings: NotificationSettingsRow): Promise<void>;

  // Conversations and messages

  /**
   * Creates a conversation with empty activity (seqs 0, message ids null, activity times = `createdAt`) and
   * returns the row. A duplicate id is an error (it throws).
   */
  insertConversation(conversation: NewConversation): Promise<ConversationRow>;
  /** The conversation, or null. */
  getConversation(id: string): Promise<ConversationRow | null>;
  /** The conversation with its contact (and the contact's assignees) in one statement, or null. */
  getConversationWithContact(
    id: string,
  ): Promise<{ readonly conversation: ConversationRow; readonly contact: ContactRow } | null>;
  /**
   * The firm's conversations (or one client's, with `contactId`) ordered by the audience's activity seq,
   * newest first: `lastActivitySeq` for `firm`, `clientLastActivitySeq` for `client`. Cursor pages continue with
   * `beforeActivitySeq` = the last item's activity seq for the same audience. Filters combine with AND.
   */
  listConversations(options: ListConversationsOptions): Promise<ConversationListItem[]>;
  /**
   * Inserts a message, assigning the next store-wide `seq`, and in the same statement (or transaction) moves the
   * conversation's firm activity to it and, unless `internal`, its client activity too.
   *
   * Idempotency is enforced by a unique key on (author kind, author id, idempotencyKey): when that key exists,
   * nothing is written and `{ created: false, message: <the existing row> }` comes back, never an error. If a
   * concurrent transaction holds the key uncommitted, wait for it (Postgres `ON CONFLICT DO NOTHING` does) and
   * then read the winner's row, so two racing identical sends end with one row.
   *
   * With `effects`, a new message is written together with them, all or nothing (SQL: one statement, so even
   * outside a transaction it is atomic); a replay writes none of them. Concurrent sends to one conversation may
   * commit in any order: activity only ever moves to a higher seq.
   */
  insertMessage(message: NewMessage, effects?: MessageEffects): Promise<InsertMessageResult>;
  /** The message, or null. */
  getMessage(id: string): Promise<MessageRow | null>;
  /** The message this author sent with this idempotency key, or null. */
  findMessageByIdempotencyKey(author: PartyRef, idempotencyKey: string): Promise<MessageRow | null>;
  /**
   * One page of a conversation's messages the audience may see (`client`: `internal` false only), ordered by
   * `seq` DESCENDING (newest first); with `beforeSeq`, only messages whose seq is below it.
   */
  listMessages(options: {
    readonly conversationId: string;
    readonly audience: Audience;
    readonly beforeSeq?: number | undefined;
    readonly limit: number;
  }): Promise<MessageRow[]>;

  // Read state

  /** The reader's horizon in the conversation, or null when they never read it. */
  getReadState(conversationId: string, reader: PartyRef): Promise<ReadStateRow | null>;
  /**
   * Moves the reader's horizon forward: writes the row when none exists or `upToSeq` is above the stored one;
   * otherwise keeps the stored row. Returns the row as stored afterwards.
   */
  advanceReadState(state: ReadStateRow): Promise<ReadStateRow>;
  /** Every reader's horizon in the conversation, clients and members, ordered by reader kind then id. */
  listReadStates(conversationId: string): Promise<ReadStateRow[]>;
  /**
   * Unread messages of one conversation for the reader: messages the audience may see, whose seq is above the
   * reader's horizon (0 when none) and whose author is not the reader.
   */
  countUnread(conversationId: string, scope: UnreadScope): Promise<number>;
  /** `countUnread` summed over the firm's conversations (or one client's, with `contactId`); one grouped query. */
  countUnreadTotal(
    options: UnreadScope & { readonly firmId: string; readonly contactId?: string | undefined },
  ): Promise<number>;

  // Notifications

  /** Inserts a notification, assigning the next `seq`. */
  insertNotification(notification: NewNotification): Promise<NotificationRow>;
  /** The member's notifications by seq, newest first; `beforeSeq` continues a page; `unreadOnly` keeps unread ones. */
  listNotifications(options: ListNotificationsOptions): Promise<NotificationRow[]>;
  /**
   * `listNotifications` with each notification's conversation and contact joined (one statement), for the
   * notifications page; notifications of conversations outside `firmId` are left out.
   */
  listNotificationsWithContext(
    options: ListNotificationsOptions & { readonly firmId: string },
  ): Promise<NotificationListItem[]>;
  /** How many of the member's notifications have `readAt` null. */
  countUnreadNotifications(memberId: string): Promise<number>;
  /**
   * Sets `readAt` on the member's unread notifications: those in `ids` (ids of other members are ignored), or all
   * with `'all'`. Already-read ones keep their time. Returns how many changed.
   */
  markNotificationsRead(memberId: string, ids: readonly string[] | 'all', readAt: string): Promise<number>;
  /**
   * Sets `readAt` on the member's unread notifications about messages of the conversation up to `upToSeq` (a
   * message's `seq`): reading the conversation that far has answered them. Returns the ids that changed, oldest
   * first.
   */
  markConversationNotificationsRead(
    memberId: string,
    conversationId: string,
    upToSeq: number,
    readAt: string,
  ): Promise<string[]>;

  // Templates

  /** The firm's templates ordered by name then id; with `query`, those whose name contains it case-insensitively. */
  listTemplates(firmId: string, query?: string): Promise<TemplateRow[]>;
  /** The template, or null. */
  getTemplate(id: string): Promise<TemplateRow | null>;
  /** Creates the template, or does nothing when that id exists. Returns whether it was created. */
  insertTemplate(template: TemplateRow): Promise<boolean>;
  /** Changes the given fields and `updatedAt`; returns the new row, or null when the template does not exist. */
  updateTemplate(
    id: string,
    changes: Partial<Pick<TemplateRow, 'name' | 'subject' | 'body'>> & { readonly updatedAt: string },
  ): Promise<TemplateRow | null>;
  /** Deletes the template; returns whether it existed. */
  deleteTemplate(id: string): Promise<boolean>;

  // Mail outbox

  /** Adds a `pending` mail with `attempts` 0, `nextAttemptAt` = `createdAt`, unlocked; assigns the next `seq`. */
  enqueueMail(mail: NewMail): Promise<MailRow>;
  /**
   * Leases up to `limit` due mails to one worker, oldest seq first: `pending`, `nextAttemptAt` <= `now`, and not
   * locked (or their lease ended: `lockedUntil` <= `now`). Each claimed row gets `lockedBy` = `workerId`,
   * `lockedUntil` = `now` + `leaseMs`, `attempts` + 1, atomically, so two workers never claim the same row at
   * once (SQL: `FOR UPDATE SKIP LOCKED`). Returns the claimed rows as updated.
   */
  claimMail(options: {
    readonly workerId: string;
    readonly now: string;
    readonly leaseMs: number;
    readonly limit: number;
  }): Promise<MailRow[]>;
  /**
   * Marks a claimed mail `sent` at `sentAt` and unlocks it, only while `workerId` still holds it and it is
   * `pending`; with `to`, records that address as the one it went to. Returns whether it changed.
   */
  markMailSent(
    id: string,
    options: { readonly workerId: string; readonly sentAt: string; readonly to?: string | undefined },
  ): Promise<boolean>;
  /**
   * Marks a claimed mail `withheld` (never to be sent) with `reason` as its `lastError` and unlocks it, only while
   * `workerId` still holds it and it is `pending`. Returns whether it changed.
   */
  markMailWithheld(
    id: string,
    options: { readonly workerId: string; readonly reason: MailWithheldReason },
  ): Promise<boolean>;
  /**
   * Records a failed attempt while `workerId` holds the mail: unlocks it, stores `error`, and either sets
   * `nextAttemptAt` (stays `pending`) or, when `nextAttemptAt` is null, gives up (`failed`). Returns whether it changed.
   */
  markMailFailed(
    id: string,
    options: { readonly workerId: string; readonly error: string; readonly nextAttemptAt: string | null },
  ): Promise<boolean>;
  /** The newest mails by seq, newest first (for the dev mail page), optionally of one firm. */
  listMail(options: { readonly limit: number; readonly firmId?: string | undefined }): Promise<MailRow[]>;

  // Audit

  /** Appends an audit entry (never updated or deleted), assigning the next `seq`. */
  appendAudit(entry: NewAuditEntry): Promise<AuditRow>;
  /** The firm's audit entries by seq, newest first; `beforeSeq` continues a page. */
  listAudit(options: {
    readonly firmId: string;
    readonly beforeSeq?: number | undefined;
    readonly limit: number;
  }): Promise<AuditRow[]>;

  // Events

  /**
   * Persists events in the given order and returns the highest `seq` (0 for none): store-wide, strictly
   * increasing, and visible in order, meaning no reader may ever see seq N+1 committed while seq N of a
   * still-open transaction is not (otherwise a subscriber resuming after N+1 would skip N). SQL: one statement
   * that takes a transaction-scoped lock (`pg_advisory_xact_lock`) before allocating the seqs, so appends
   * serialise until commit; callers append last in their transaction so the lock is held briefly. On PostgreSQL
   * the same statement issues the `NOTIFY` (delivered at commit). Call `Notifier.notify(seq)` after the commit.
   */
  appendEvents(events: readonly NewEvent[]): Promise<number>;
  /**
   * Events with seq above `afterSeq` that `viewer` may receive (see `EventAudience`), ascending by seq, at most
   * `limit`. A member viewer must belong to `firmId`; a client viewer must be that firm's contact.
   */
  listEventsSince(
    afterSeq: number,
    options: { readonly firmId: string; readonly viewer: PartyRef; readonly limit: number },
  ): Promise<EventRow[]>;
  /** Every event with seq above `afterSeq`, whatever its audience, ascending, at most `limit` (the event hub's read). */
  readEvents(afterSeq: number, limit: number): Promise<EventRow[]>;
  /** The oldest and newest stored event seqs: where a new subscriber starts, and how far back one may resume. */
  eventBounds(): Promise<EventBounds>;
  /**
   * Deletes events created before `before`, except the newest event (so `eventBounds` keeps the position).
   * Returns how many went.
   */
  pruneEvents(before: string): Promise<number>;
}

/** The store's queries on firms, members, contacts, viewers and notification settings. */
export type PeopleQueryName =
  | 'insertFirm'
  | 'getFirm'
  | 'insertMember'
  | 'getMember'
  | 'findMemberByEmail'
  | 'listMembers'
  | 'updateMember'
  | 'updateContact'
  | 'insertContact'
  | 'getContact'
  | 'findContactByEmail'
  | 'listContacts'
  | 'loadViewer'
  | 'getNotificationSettings'
  | 'putNotificationSettings';

/** The store's queries on message templates. */
export type TemplateQueryName =
  | 'listTemplates'
  | 'getTemplate'
  | 'insertTemplate'
  | 'updateTemplate'
  | 'deleteTemplate';

/** The store's queries on conversations, messages, read state and unread counts. */
export type ConversationQueryName =
  | 'insertConversation'
  | 'getConversation'
  | 'getConversationWithContact'
  | 'listConversations'
  | 'insertMessage'
  | 'getMessage'
  | 'findMessageByIdempotencyKey'
  | 'listMessages'
  | 'getReadState'
  | 'advanceReadState'
  | 'listReadStates'
  | 'countUnread'
  | 'countUnreadTotal';

/** The store's queries on notifications, the mail outbox, the audit log and events: all the others. */
export type RecordQueryName = Exclude<
  keyof StoreQueries,
  PeopleQueryName | TemplateQueryName | ConversationQueryName | keyof AttachmentQueries
>;

/** The queries available inside one transaction. */
export type StoreTransaction = StoreQueries;

/**
 * Confide's storage. Every domain operation (a send with its notifications, mails, audit entry and events) runs
 * inside one `transaction`, so it is written completely or not at all.
 */
export interface Store extends StoreQueries {
  /**
   * Runs `work` in one transaction (SQL: READ COMMITTED or stronger) and commits when it resolves. When it
   * throws, everything it wrote is rolled back and the error is rethrown unchanged. Transactions do not nest:
   * use `tx`, never the outer store, inside `work`.
   */
  transaction<Result>(work: (tx: StoreTransaction) => Promise<Result>): Promise<Result>;
}
