import {
  bigint,
  bigserial,
  boolean,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

// The tables of the SQL stores (PGlite and PostgreSQL share them). The DDL that creates them lives in
// `migrations.ts`; a test in `pglite-store.int.test.ts` checks that the two agree. Indexes exist only in the migrations because the
// queries never need drizzle to know about them.

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull();

/** Law firms. */
export const firms = pgTable('firms', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

/** Firm members. */
export const members = pgTable('members', {
  id: text('id').primaryKey(),
  firmId: text('firm_id').notNull(),
  name: text('name').notNull(),
  email: text('email').notNull(),
  role: text('role').notNull(),
  createdAt: createdAt(),
});

/** A firm's clients. */
export const contacts = pgTable('contacts', {
  id: text('id').primaryKey(),
  firmId: text('firm_id').notNull(),
  firstName: text('first_name').notNull(),
  lastName: text('last_name').notNull(),
  email: text('email').notNull(),
  portalStatus: text('portal_status').notNull(),
  createdAt: createdAt(),
});

/** Which members are assigned to a contact, in the order they were given. */
export const contactAssignees = pgTable(
  'contact_assignees',
  {
    contactId: text('contact_id').notNull(),
    memberId: text('member_id').notNull(),
    position: integer('position').notNull(),
  },
  (table) => [primaryKey({ columns: [table.contactId, table.memberId] })],
);

/** A firm's notification settings (absent until first set). */
export const notificationSettings = pgTable('notification_settings', {
  firmId: text('firm_id').primaryKey(),
  clientStartedThread: text('client_started_thread').notNull(),
  allowedMediaTypes: text('allowed_media_types').array(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/** Conversations with their activity kept for the firm and, separately, for the client. */
export const conversations = pgTable('conversations', {
  id: text('id').primaryKey(),
  firmId: text('firm_id').notNull(),
  contactId: text('contact_id').notNull(),
  subject: text('subject').notNull(),
  matterId: text('matter_id'),
  matterLabel: text('matter_label'),
  startedByKind: text('started_by_kind').notNull(),
  startedById: text('started_by_id').notNull(),
  createdAt: createdAt(),
  lastActivityAt: timestamp('last_activity_at', { withTimezone: true, mode: 'date' }).notNull(),
  lastActivitySeq: bigint('last_activity_seq', { mode: 'number' }).notNull(),
  lastMessageId: text('last_message_id'),
  clientLastActivityAt: timestamp('client_last_activity_at', { withTimezone: true, mode: 'date' }).notNull(),
  clientLastActivitySeq: bigint('client_last_activity_seq', { mode: 'number' }).notNull(),
  clientLastMessageId: text('client_last_message_id'),
});

/** Messages and internal notes; never updated or deleted. */
export const messages = pgTable('messages', {
  id: text('id').primaryKey(),
  seq: bigserial('seq', { mode: 'number' }).notNull(),
  conversationId: text('conversation_id').notNull(),
  firmId: text('firm_id').notNull(),
  authorKind: text('author_kind').notNull(),
  authorId: text('author_id').notNull(),
  body: text('body').notNull(),
  internal: boolean('internal').notNull(),
  idempotencyKey: text('idempotency_key').notNull(),
  createdAt: createdAt(),
  attachmentCount: integer('attachment_count').notNull().default(0),
});

/** How far each reader has read each conversation. */
export const readStates = pgTable(
  'read_states',
  {
    conversationId: text('conversation_id').notNull(),
    readerKind: text('reader_kind').notNull(),
    readerId: text('reader_id').notNull(),
    upToMessageId: text('up_to_message_id').notNull(),
    upToSeq: bigint('up_to_seq', { mode: 'number' }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.conversationId, table.readerKind, table.readerId] })],
);

/** Members' in-app notifications. */
export const notifications = pgTable('notifications', {
  id: text('id').primaryKey(),
  seq: bigserial('seq', { mode: 'number' }).notNull(),
  firmId: text('firm_id').notNull(),
  memberId: text('member_id').notNull(),
  kind: text('kind').notNull(),
  conversationId: text('conversation_id').notNull(),
  messageId: text('message_id').notNull(),
  createdAt: createdAt(),
  readAt: timestamp('read_at', { withTimezone: true, mode: 'date' }),
});

/** Message templates. */
export const templates = pgTable('templates', {
  id: text('id').primaryKey(),
  firmId: text('firm_id').notNull(),
  name: text('name').notNull(),
  subject: text('subject').notNull(),
  body: text('body').notNull(),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/** The transactional mail outbox. */
export const mailOutbox = pgTable('mail_outbox', {
  id: text('id').primaryKey(),
  seq: bigserial('seq', { mode: 'number' }).notNull(),
  firmId: text('firm_id').notNull(),
  kind: text('kind').notNull(),
  /** The recipient's address (see `recipientKind`/`recipientId` for the person). */
  recipient: text('recipient').notNull(),
  recipientKind: text('recipient_kind'),
  recipientId: text('recipient_id'),
  subject: text('subject').notNull(),
  textBody: text('text_body').notNull(),
  htmlBody: text('html_body').notNull(),
  createdAt: createdAt(),
  status: text('status').notNull(),
  attempts: integer('attempts').notNull(),
  nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }).notNull(),
  lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
  lockedBy: text('locked_by'),
  sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
  lastError: text('last_error'),
});

/** The append-only audit log. */
export const auditEntries = pgTable('audit_entries', {
  id: text('id').primaryKey(),
  seq: bigserial('seq', { mode: 'number' }).notNull(),
  firmId: text('firm_id').notNull(),
  actorKind: text('actor_kind').notNull(),
  actorId: text('actor_id').notNull(),
  action: text('action').notNull(),
  targetId: text('target_id').notNull(),
  requestId: text('request_id').notNull(),
  at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
});

/** Persisted server events with their audience, read by every Server-Sent Events subscriber. */
export const events = pgTable('events', {
  seq: bigserial('seq', { mode: 'number' }).primaryKey(),
  type: text('type').notNull(),
  payload: jsonb('payload').notNull(),
  firmId: text('firm_id').notNull(),
  allMembers: boolean('all_members').notNull(),
  memberIds: text('member_ids').array().notNull(),
  contactId: text('contact_id'),
  createdAt: createdAt(),
});

export { attachmentDownloads, attachments, downloadTickets } from './attachment-schema.js';
