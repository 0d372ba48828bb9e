import { bigint, boolean, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// The attachment tables of the SQL stores; the DDL that creates them is migration 2 in `migrations.ts`.

const time = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Uploads and, once sent, message attachments. */
export const attachments = pgTable('attachments', {
  id: text('id').primaryKey(),
  firmId: text('firm_id').notNull(),
  uploaderKind: text('uploader_kind').notNull(),
  uploaderId: text('uploader_id').notNull(),
  name: text('name').notNull(),
  size: bigint('size', { mode: 'number' }).notNull(),
  mediaType: text('media_type'),
  sha256: text('sha256'),
  state: text('state').notNull(),
  blobKey: text('blob_key'),
  createdAt: time('created_at').notNull(),
  completedAt: time('completed_at'),
  expiresAt: time('expires_at').notNull(),
  conversationId: text('conversation_id'),
  messageId: text('message_id'),
  position: integer('position'),
  internal: boolean('internal').notNull(),
  attachedAt: time('attached_at'),
});

/** Single-use download tickets, by the SHA-256 of their token. */
export const downloadTickets = pgTable('download_tickets', {
  tokenHash: text('token_hash').primaryKey(),
  attachmentId: text('attachment_id').notNull(),
  personKind: text('person_kind').notNull(),
  personId: text('person_id').notNull(),
  firmId: text('firm_id').notNull(),
  purpose: text('purpose').notNull(),
  createdAt: time('created_at').notNull(),
  expiresAt: time('expires_at').notNull(),
  usedAt: time('used_at'),
});

/** Completed downloads: who fetched which file, when. */
export const attachmentDownloads = pgTable('attachment_downloads', {
  attachmentId: text('attachment_id').notNull(),
  downloaderKind: text('downloader_kind').notNull(),
  downloaderId: text('downloader_id').notNull(),
  at: time('at').notNull(),
});
