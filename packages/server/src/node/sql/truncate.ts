import { sql } from 'drizzle-orm';
import type { SqlDatabase } from './database.js';

/** Every table the migrations create, except the migration bookkeeping. */
const DATA_TABLES = [
  'firms',
  'members',
  'contacts',
  'contact_assignees',
  'notification_settings',
  'conversations',
  'messages',
  'read_states',
  'notifications',
  'templates',
  'mail_outbox',
  'audit_entries',
  'events',
  'attachments',
  'download_tickets',
  'attachment_downloads',
] as const;

/** Empties every data table and restarts the seqs: a fresh database for the next test, in milliseconds. */
export async function truncateAllTables(db: SqlDatabase): Promise<void> {
  await db.execute(sql.raw(`TRUNCATE ${DATA_TABLES.join(', ')} RESTART IDENTITY`));
}
