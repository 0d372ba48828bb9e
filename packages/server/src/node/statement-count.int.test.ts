import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { signToken } from '../auth/sign-token.js';
import { seedDemo } from '../seed/demo.js';
import { DEMO_IDS } from '../seed/demo-data.js';
import type { Store } from '../store/store.js';
import { openPgliteDatabase } from './pglite-store.js';
import { eventChannelName, openPostgresDatabase } from './postgres-store.js';
import { createSqlStore } from './sql/sql-store.js';
import {
  countPgliteStatements,
  countPoolStatements,
  type StatementCounter,
} from './testing/count-statements.js';
import { describePostgres } from './testing/postgres-test-schema.js';

const SECRET = 'confide-statement-count-secret-0123456789';
const CONVERSATION = 'cnv_daniel_work_permit';

const PEOPLE = {
  member: { sub: DEMO_IDS.ben, role: 'member', firm: DEMO_IDS.riveraCho },
  client: { sub: DEMO_IDS.daniel, role: 'client', firm: DEMO_IDS.riveraCho },
} as const;

let keyCounter = 0;
const send = (extra: Record<string, unknown> = {}) => {
  keyCounter += 1;
  return { body: 'Counting statements.', idempotencyKey: `count_${Date.now()}_${keyCounter}`, ...extra };
};

interface Case {
  readonly name: string;
  readonly as: keyof typeof PEOPLE;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body?: () => unknown;
  /** The most statements (round trips) the request may take, auth included: the budgets in docs/benchmarks.md. */
  readonly budget: number;
}

/** Every request of the data path with its statement budget. */
const CASES: readonly Case[] = [
  {
    name: 'a member reply',
    as: 'member',
    method: 'POST',
    path: `/v1/conversations/${CONVERSATION}/messages`,
    body: () => send(),
    budget: 3,
  },
  {
    name: 'an internal note',
    as: 'member',
    method: 'POST',
    path: `/v1/conversations/${CONVERSATION}/messages`,
    body: () => send({ internal: true }),
    budget: 3,
  },
  {
    name: 'a client reply (notifying three members)',
    as: 'client',
    method: 'POST',
    path: `/v1/conversations/${CONVERSATION}/messages`,
    body: () => send(),
    budget: 3,
  },
  { name: "a member's index page", as: 'member', method: 'GET', path: '/v1/conversations', budget: 3 },
  { name: "a client's index page", as: 'client', method: 'GET', path: '/v1/conversations', budget: 3 },
  {
    name: 'an index page searched and filtered to unread',
    as: 'member',
    method: 'GET',
    path: '/v1/conversations?query=a&unread=true',
    budget: 3,
  },
  {
    name: "a member's thread page",
    as: 'member',
    method: 'GET',
    path: `/v1/conversations/${CONVERSATION}/messages`,
    budget: 3,
  },
  {
    name: "a client's thread page",
    as: 'client',
    method: 'GET',
    path: `/v1/conversations/${CONVERSATION}/messages`,
    budget: 3,
  },
  { name: 'the notifications page', as: 'member', method: 'GET', path: '/v1/notifications', budget: 3 },
  // Files cost one read each way, whatever their number: the uploads before a send, the files of a page.
  {
    name: 'a member reply with two files (one more read: the uploads)',
    as: 'member',
    method: 'POST',
    path: `/v1/conversations/${CONVERSATION}/messages`,
    body: () => send({ attachmentIds: [...UPLOAD_IDS] }),
    budget: 4,
  },
  {
    name: "a member's thread page with files (one more read: the page's files with the client's downloads)",
    as: 'member',
    method: 'GET',
    path: `/v1/conversations/${CONVERSATION}/messages`,
    budget: 4,
  },
  {
    name: "a client's thread page with files (one more read: the page's files)",
    as: 'client',
    method: 'GET',
    path: `/v1/conversations/${CONVERSATION}/messages`,
    budget: 4,
  },
];

/** Ben's finished uploads, sent by the reply with files (the cases run in order). */
const UPLOAD_IDS = ['att_count_statements_1', 'att_count_statements_2'] as const;

async function seedUploads(store: Store) {
  const now = new Date();
  const later = new Date(now.getTime() + 3_600_000).toISOString();
  for (const id of UPLOAD_IDS) {
    await store.insertAttachment({
      id,
      firmId: DEMO_IDS.riveraCho,
      uploader: { kind: 'member', id: DEMO_IDS.ben },
      name: `${id}.pdf`,
      size: 4,
      createdAt: now.toISOString(),
      expiresAt: later,
    });
    await store.completeAttachment(id, {
      size: 4,
      mediaType: 'application/pdf',
      sha256: '0'.repeat(64),
      state: 'not_scanned',
      blobKey: id,
      completedAt: now.toISOString(),
      expiresAt: later,
    });
  }
}

function describeBudgets(
  name: string,
  open: () => Promise<{ store: Store; counter: StatementCounter; close(): Promise<void> }>,
) {
  describe(name, () => {
    let opened: Awaited<ReturnType<typeof open>> | undefined;
    let app: ReturnType<typeof createApp> | undefined;

    beforeAll(async () => {
      opened = await open();
      await seedDemo(opened.store);
      await seedUploads(opened.store);
      app = createApp({
        store: opened.store,
        auth: { secret: SECRET },
        portalUrl: 'https://portal.example.test',
        firmAppUrl: 'https://firm.example.test',
        logger: false,
        rateLimits: { sends: { limit: 1_000_000, windowMs: 60_000 } },
      });
    }, 60_000);

    afterAll(async () => {
      await opened?.close();
    });

    it.each(CASES)('$name takes at most $budget statements', async (testCase) => {
      if (!opened || !app) throw new Error('The database did not open');
      const token = await signToken(PEOPLE[testCase.as], { secret: SECRET, now: new Date() });
      const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
      const body = testCase.body?.();
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      opened.counter.reset();
      const response = await app.request(testCase.path, {
        method: testCase.method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      expect(response.status).toBeLessThan(300);
      const { statements } = opened.counter;
      expect(statements.length, statements.join('\n---\n')).toBeLessThanOrEqual(testCase.budget);
    });
  });
}

describeBudgets('statements per request on PGlite', async () => {
  const { db, client } = await openPgliteDatabase();
  return { store: createSqlStore(db), counter: countPgliteStatements(client), close: () => client.close() };
});

describePostgres('on PostgreSQL', 'confide_statements', ({ url, schema }) => {
  describeBudgets('statements per request on PostgreSQL', async () => {
    const { db, pool } = await openPostgresDatabase({ url, schema });
    return {
      store: createSqlStore(db, { eventChannel: eventChannelName(schema) }),
      counter: countPoolStatements(pool),
      close: () => pool.end(),
    };
  });
});
