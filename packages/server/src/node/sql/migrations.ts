/** One versioned schema change: statements run in order, in one transaction, exactly once per database. */
export interface Migration {
  /** Strictly increasing; never renumber or edit a migration that has shipped — add a new one. */
  readonly version: number;
  readonly name: string;
  /** One SQL statement per entry (PGlite's extended protocol runs one statement per query). */
  readonly statements: readonly string[];
}

// Embedded as strings so the migrations ship inside the bundle and need no files at run time.
const initialSchema: Migration = {
  version: 1,
  name: 'initial schema',
  statements: [
    `CREATE TABLE firms (
      id text PRIMARY KEY,
      name text NOT NULL,
      created_at timestamptz NOT NULL
    )`,
    `CREATE TABLE members (
      id text PRIMARY KEY,
      firm_id text NOT NULL,
      name text NOT NULL,
      email text NOT NULL,
      role text NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
      created_at timestamptz NOT NULL
    )`,
    'CREATE INDEX members_firm_idx ON members (firm_id)',
    'CREATE INDEX members_email_idx ON members (lower(email))',
    `CREATE TABLE contacts (
      id text PRIMARY KEY,
      firm_id text NOT NULL,
      first_name text NOT NULL,
      last_name text NOT NULL,
      email text NOT NULL,
      portal_status text NOT NULL CHECK (portal_status IN ('inactive', 'invited', 'active')),
      created_at timestamptz NOT NULL
    )`,
    'CREATE INDEX contacts_firm_idx ON contacts (firm_id)',
    'CREATE INDEX contacts_email_idx ON contacts (lower(email))',
    `CREATE TABLE contact_assignees (
      contact_id text NOT NULL,
      member_id text NOT NULL,
      position integer NOT NULL,
      PRIMARY KEY (contact_id, member_id)
    )`,
    `CREATE TABLE notification_settings (
      firm_id text PRIMARY KEY,
      client_started_thread text NOT NULL
        CHECK (client_started_thread IN ('assignees', 'assignees_and_owner', 'all_members', 'none')),
      updated_at timestamptz NOT NULL
    )`,
    `CREATE TABLE conversations (
      id text PRIMARY KEY,
      firm_id text NOT NULL,
      contact_id text NOT NULL,
      subject text NOT NULL,
      matter_id text,
      matter_label text,
      started_by_kind text NOT NULL CHECK (started_by_kind IN ('member', 'client')),
      started_by_id text NOT NULL,
      created_at timestamptz NOT NULL,
      last_activity_at timestamptz NOT NULL,
      last_activity_seq bigint NOT NULL,
      last_message_id text,
      client_last_activity_at timestamptz NOT NULL,
      client_last_activity_seq bigint NOT NULL,
      client_last_message_id text
    )`,
    'CREATE INDEX conversations_firm_activity_idx ON conversations (firm_id, last_activity_seq DESC)',
    'CREATE INDEX conversations_contact_activity_idx ON conversations (contact_id, client_last_activity_seq DESC)',
    `CREATE TABLE messages (
      id text PRIMARY KEY,
      seq bigserial NOT NULL UNIQUE,
      conversation_id text NOT NULL,
      firm_id text NOT NULL,
      author_kind text NOT NULL CHECK (author_kind IN ('member', 'client')),
      author_id text NOT NULL,
      body text NOT NULL,
      internal boolean NOT NULL,
      idempotency_key text NOT NULL,
      created_at timestamptz NOT NULL
    )`,
    // The idempotency key: racing identical sends meet here and `ON CONFLICT DO NOTHING` keeps one row.
    'CREATE UNIQUE INDEX messages_idempotency_idx ON messages (author_kind, author_id, idempotency_key)',
    'CREATE INDEX messages_conversation_idx ON messages (conversation_id, seq)',
    `CREATE TABLE read_states (
      conversation_id text NOT NULL,
      reader_kind text NOT NULL CHECK (reader_kind IN ('member', 'client')),
      reader_id text NOT NULL,
      up_to_message_id text NOT NULL,
      up_to_seq bigint NOT NULL,
      read_at timestamptz NOT NULL,
      PRIMARY KEY (conversation_id, reader_kind, reader_id)
    )`,
    `CREATE TABLE notifications (
      id text PRIMARY KEY,
      seq bigserial NOT NULL UNIQUE,
      firm_id text NOT NULL,
      member_id text NOT NULL,
      kind text NOT NULL,
      conversation_id text NOT NULL,
      message_id text NOT NULL,
      created_at timestamptz NOT NULL,
      read_at timestamptz
    )`,
    'CREATE INDEX notifications_member_idx ON notifications (member_id, seq DESC)',
    `CREATE TABLE templates (
      id text PRIMARY KEY,
      firm_id text NOT NULL,
      name text NOT NULL,
      subject text NOT NULL,
      body text NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    )`,
    'CREATE INDEX templates_firm_idx ON templates (firm_id)',
    `CREATE TABLE mail_outbox (
      id text PRIMARY KEY,
      seq bigserial NOT NULL UNIQUE,
      firm_id text NOT NULL,
      kind text NOT NULL,
      recipient text NOT NULL,
      subject text NOT NULL,
      text_body text NOT NULL,
      html_body text NOT NULL,
      created_at timestamptz NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
      attempts integer NOT NULL,
      next_attempt_at timestamptz NOT NULL,
      locked_until timestamptz,
      locked_by text,
      sent_at timestamptz,
      last_error text
    )`,
    `CREATE INDEX mail_outbox_due_idx ON mail_outbox (next_attempt_at, seq) WHERE status = 'pending'`,
    `CREATE TABLE audit_entries (
      id text PRIMARY KEY,
      seq bigserial NOT NULL UNIQUE,
      firm_id text NOT NULL,
      actor_kind text NOT NULL CHECK (actor_kind IN ('member', 'client')),
      actor_id text NOT NULL,
      action text NOT NULL,
      target_id text NOT NULL,
      request_id text NOT NULL,
      at timestamptz NOT NULL
    )`,
    'CREATE INDEX audit_entries_firm_idx ON audit_entries (firm_id, seq DESC)',
    `CREATE TABLE events (
      seq bigserial PRIMARY KEY,
      type text NOT NULL,
      payload jsonb NOT NULL,
      firm_id text NOT NULL,
      all_members boolean NOT NULL,
      member_ids text[] NOT NULL,
      contact_id text,
      created_at timestamptz NOT NULL
    )`,
    'CREATE INDEX events_firm_idx ON events (firm_id, seq)',
    // Messages are records and the audit log is append-only: the database refuses changes, whatever the code does.
    `CREATE FUNCTION confide_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% rows are never changed or deleted', TG_TABLE_NAME;
    END
    $$`,
    `CREATE TRIGGER messages_append_only BEFORE UPDATE OR DELETE ON messages
      FOR EACH ROW EXECUTE FUNCTION confide_reject_change()`,
    `CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
      FOR EACH ROW EXECUTE FUNCTION confide_reject_change()`,
  ],
};

const attachmentTables: Migration = {
  version: 2,
  name: 'attachments',
  statements: [
    `CREATE TABLE attachments (
      id text PRIMARY KEY,
      firm_id text NOT NULL,
      uploader_kind text NOT NULL CHECK (uploader_kind IN ('member', 'client')),
      uploader_id text NOT NULL,
      name text NOT NULL,
      size bigint NOT NULL CHECK (size >= 0),
      media_type text,
      sha256 text,
      state text NOT NULL CHECK (state IN ('uploading', 'scanning', 'available', 'blocked', 'not_scanned')),
      blob_key text,
      created_at timestamptz NOT NULL,
      completed_at timestamptz,
      expires_at timestamptz NOT NULL,
      conversation_id text,
      message_id text,
      position integer,
      internal boolean NOT NULL,
      attached_at timestamptz
    )`,
    'CREATE INDEX attachments_message_idx ON attachments (message_id, position) WHERE message_id IS NOT NULL',
    'CREATE INDEX attachments_abandoned_idx ON attachments (expires_at) WHERE message_id IS NULL',
    `CREATE INDEX attachments_scanning_idx ON attachments (completed_at) WHERE state = 'scanning'`,
    `CREATE TABLE download_tickets (
      token_hash text PRIMARY KEY,
      attachment_id text NOT NULL,
      person_kind text NOT NULL CHECK (person_kind IN ('member', 'client')),
      person_id text NOT NULL,
      firm_id text NOT NULL,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      used_at timestamptz
    )`,
    `CREATE TABLE attachment_downloads (
      attachment_id text NOT NULL,
      downloader_kind text NOT NULL CHECK (downloader_kind IN ('member', 'client')),
      downloader_id text NOT NULL,
      at timestamptz NOT NULL
    )`,
    'CREATE INDEX attachment_downloads_idx ON attachment_downloads (attachment_id, downloader_kind, at)',
  ],
};

/** SQLSTATE of `confide_require_attached`'s refusal (class `CF`: Confide's own). */
export const ATTACHMENTS_UNAVAILABLE_SQLSTATE = 'CF409';

const filesWithMessages: Migration = {
  version: 3,
  name: 'files sent with messages, firm allow-lists',
  statements: [
    // Set once when the message is written (messages are never updated): lets pages skip the file query.
    'ALTER TABLE messages ADD COLUMN attachment_count integer NOT NULL DEFAULT 0 CHECK (attachment_count >= 0)',
    // A firm's own allow-list of file types (null: the server's list).
    'ALTER TABLE notification_settings ADD COLUMN allowed_media_types text[]',
    // A send's single statement calls this after attaching its files: when fewer than asked could be attached
    // (a racing send took one), the error rolls the whole statement back, the message included.
    `CREATE FUNCTION confide_require_attached(attached bigint, wanted integer) RETURNS boolean
      LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        IF attached <> wanted THEN
          RAISE EXCEPTION 'Not every upload could be attached' USING ERRCODE = '${ATTACHMENTS_UNAVAILABLE_SQLSTATE}';
        END IF;
        RETURN true;
      END $$`,
  ],
};

const eventRetentionIndex: Migration = {
  version: 4,
  name: 'events by age',
  statements: [
    // The retention prune deletes by `created_at`: without it each hourly prune reads the whole table.
    'CREATE INDEX events_created_at_idx ON events (created_at)',
  ],
};

const ticketPurposes: Migration = {
  version: 5,
  name: 'download ticket purposes',
  statements: [
    // Tickets issued before this version were all downloads.
    `ALTER TABLE download_tickets ADD COLUMN purpose text NOT NULL DEFAULT 'download'
      CHECK (purpose IN ('download', 'preview'))`,
  ],
};

const mailRecipients: Migration = {
  version: 6,
  name: 'mail recipients checked at delivery',
  statements: [
    // Who a mail is for, so delivery can check them again (portal still active, still there) and use their
    // address of that moment. Null only for rows queued before this version that no person matches below.
    `ALTER TABLE mail_outbox ADD COLUMN recipient_kind text CHECK (recipient_kind IN ('member', 'client'))`,
    'ALTER TABLE mail_outbox ADD COLUMN recipient_id text',
    `UPDATE mail_outbox SET recipient_id = (
      SELECT contact.id FROM contacts AS contact
      WHERE contact.firm_id = mail_outbox.firm_id AND lower(contact.email) = lower(mail_outbox.recipient)
      ORDER BY contact.id LIMIT 1)
    WHERE kind = 'client_message_waiting'`,
    `UPDATE mail_outbox SET recipient_id = (
      SELECT member.id FROM members AS member
      WHERE member.firm_id = mail_outbox.firm_id AND lower(member.email) = lower(mail_outbox.recipient)
      ORDER BY member.id LIMIT 1)
    WHERE kind = 'member_client_started'`,
    `UPDATE mail_outbox
    SET recipient_kind = CASE kind WHEN 'client_message_waiting' THEN 'client' ELSE 'member' END
    WHERE recipient_id IS NOT NULL`,
    `ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_recipient_whole
      CHECK ((recipient_kind IS NULL) = (recipient_id IS NULL))`,
    'ALTER TABLE mail_outbox DROP CONSTRAINT mail_outbox_status_check',
    `ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_status_check
      CHECK (status IN ('pending', 'sent', 'failed', 'withheld'))`,
  ],
};

/** Every migration, oldest first. */
export const MIGRATIONS: readonly Migration[] = [
  initialSchema,
  attachmentTables,
  filesWithMessages,
  eventRetentionIndex,
  ticketPurposes,
  mailRecipients,
];
