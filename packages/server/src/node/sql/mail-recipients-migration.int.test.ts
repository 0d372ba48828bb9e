import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type SqlDatabase } from './database.js';
import { runMigrations } from './migrate.js';
import { MIGRATIONS } from './migrations.js';

// A new PGlite takes a few seconds on an idle machine, far longer on a loaded two-core one.
const PGLITE_START_TIMEOUT_MS = 120_000;
/** The migration that records mail recipients. */
const MAIL_RECIPIENTS_VERSION = 6;

let client: PGlite;
let db: SqlDatabase;

/** A mail row as the outbox held it before recipients were recorded. */
const legacyMail = (id: string, kind: string, firmId: string, to: string) =>
  `INSERT INTO mail_outbox (id, firm_id, kind, recipient, subject, text_body, html_body, created_at, status,
    attempts, next_attempt_at) VALUES ('${id}', '${firmId}', '${kind}', '${to}', 'S', 'T', 'H', now(), 'pending',
    0, now())`;

beforeAll(async () => {
  client = await PGlite.create();
  db = drizzle({ client }) as unknown as SqlDatabase;
  await runMigrations(
    db,
    MIGRATIONS.filter((migration) => migration.version < MAIL_RECIPIENTS_VERSION),
  );
  for (const statement of [
    `INSERT INTO firms (id, name, created_at) VALUES ('firm_a', 'A', now()), ('firm_b', 'B', now())`,
    `INSERT INTO members (id, firm_id, name, email, role, created_at)
      VALUES ('mem_ana', 'firm_a', 'Ana', 'ana@a.test', 'owner', now())`,
    `INSERT INTO contacts (id, firm_id, first_name, last_name, email, portal_status, created_at)
      VALUES ('con_dan', 'firm_a', 'Dan', 'O', 'Dan@Client.test', 'active', now()),
        ('con_dan_b', 'firm_b', 'Dan', 'O', 'dan@client.test', 'active', now())`,
    legacyMail('mail_client', 'client_message_waiting', 'firm_a', 'dan@client.test'),
    legacyMail('mail_member', 'member_client_started', 'firm_a', 'ANA@a.test'),
    legacyMail('mail_gone', 'client_message_waiting', 'firm_a', 'left@client.test'),
    // The member's address in a client mail: it must not be read as that member.
    legacyMail('mail_crossed', 'client_message_waiting', 'firm_a', 'ana@a.test'),
  ])
    await db.execute(statement);
  await runMigrations(db);
}, PGLITE_START_TIMEOUT_MS);

afterAll(async () => {
  await client?.close();
});

describe('the mail recipients migration', () => {
  it.each([
    [
      'a client mail: the firm’s contact with that address, ignoring case',
      'mail_client',
      'client',
      'con_dan',
    ],
    ['a member mail: the firm’s member with that address', 'mail_member', 'member', 'mem_ana'],
    ['a mail to an address nobody has now: no recipient (withheld when due)', 'mail_gone', null, null],
    ['a client mail to a member’s address: no recipient', 'mail_crossed', null, null],
  ])('records %s', async (_case, id, kind, recipientId) => {
    const [row] = await queryRows<{ recipient_kind: string | null; recipient_id: string | null }>(
      db,
      `SELECT recipient_kind, recipient_id FROM mail_outbox WHERE id = '${id}'`,
    );
    expect(row).toEqual({ recipient_kind: kind, recipient_id: recipientId });
  });

  it('allows the withheld status, and no half-recorded recipient', async () => {
    await db.execute(`UPDATE mail_outbox SET status = 'withheld' WHERE id = 'mail_gone'`);
    await expect(
      db.execute(`UPDATE mail_outbox SET recipient_kind = 'client' WHERE id = 'mail_gone'`),
    ).rejects.toThrow();
    await expect(
      db.execute(`UPDATE mail_outbox SET status = 'lost' WHERE id = 'mail_gone'`),
    ).rejects.toThrow();
  });
});
