import { beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../auth/sign-token.js';
import type { OutgoingMail } from '../mail/mailer.js';
import { DEMO_IDS } from '../seed/demo-data.js';
import type { ContactRow, MailKind, MailRow, MemberRow } from '../store/rows.js';
import { freshKey, TEST_SECRET, type TestApp } from '../testing/test-app.js';
import { createOutboxWorker } from './outbox-worker.js';

// Opening a store (a new PGlite) takes seconds on an idle machine, minutes on a loaded two-core one.
const SLOW_MACHINE_TIMEOUT_MS = 300_000;
/** The body of every message here: no e-mail may ever carry it. */
const SECRET_BODY = 'The asylum interview notes are attached';

const uniqueSuffix = () => crypto.randomUUID().replace(/-/g, '').slice(0, 12);

/**
 * A client of Rivera & Cho with an active portal and a member of their own assigned to them, fresh for each case
 * so that changing them touches no other case.
 */
interface MailWorld {
  readonly contact: ContactRow;
  readonly assignee: MemberRow;
}

async function mailWorld(test: TestApp): Promise<MailWorld> {
  const suffix = uniqueSuffix();
  const createdAt = test.clock.now().toISOString();
  const assignee: MemberRow = {
    id: `mem_mail_${suffix}`,
    firmId: DEMO_IDS.riveraCho,
    name: 'Mia Assignee',
    email: `mia.${suffix}@rivera-cho.test`,
    role: 'member',
    createdAt,
  };
  const contact: ContactRow = {
    id: `con_mail_${suffix}`,
    firmId: DEMO_IDS.riveraCho,
    firstName: 'Ines',
    lastName: `Mail-${suffix}`,
    email: `ines.${suffix}@client.test`,
    portalStatus: 'active',
    assigneeIds: [assignee.id],
    createdAt,
  };
  await test.store.insertMember(assignee);
  await test.store.insertContact(contact);
  return { contact, assignee };
}

/** Queues a mail of `kind` through the routes, by the real rules: the mail's id and whom it went to. */
async function queueMail(test: TestApp, world: MailWorld, kind: MailKind): Promise<MailRow> {
  const before = new Set((await test.store.listMail({ limit: 100 })).map((mail) => mail.id));
  const body = { subject: 'Asylum interview', body: SECRET_BODY, idempotencyKey: freshKey() };
  const response =
    kind === 'client_message_waiting'
      ? await test.call('POST', '/v1/conversations', {
          as: 'owner',
          body: { ...body, contactId: world.contact.id },
        })
      : await test.call('POST', '/v1/conversations', {
          token: await signToken(
            { sub: world.contact.id, role: 'client', firm: DEMO_IDS.riveraCho },
            { secret: TEST_SECRET, now: test.clock.now() },
          ),
          body,
        });
  expect(response.status).toBe(201);
  const queued = (await test.store.listMail({ limit: 100 })).filter(
    (mail) => !before.has(mail.id) && mail.kind === kind,
  );
  // A client-started conversation mails the assignees and the owner (the demo firm's setting): take the assignee's.
  const mail = queued.find((row) => row.kind === 'client_message_waiting' || row.to === world.assignee.email);
  if (!mail) throw new Error(`No ${kind} mail was queued`);
  expect(mail.status).toBe('pending');
  return mail;
}

/** Runs outbox rounds until nothing is due, recording what the mailer was handed. */
async function deliverAll(test: TestApp, delivered: OutgoingMail[], fail = false): Promise<void> {
  const worker = createOutboxWorker({
    store: test.store,
    clock: test.clock,
    onError: () => undefined,
    mailer: {
      async deliver(mail) {
        if (fail) throw new Error('SMTP delivery failed: 421 try again later');
        delivered.push(mail);
      },
    },
  });
  while ((await worker.runOnce()).claimed > 0);
}

async function mailRow(test: TestApp, id: string): Promise<MailRow | undefined> {
  return (await test.store.listMail({ limit: 100 })).find((mail) => mail.id === id);
}

/** What happens to the mail at delivery. */
type Outcome =
  | { readonly sent: 'to the address it was queued for' | 'to the new address' }
  | { readonly withheld: 'portal_not_active' };

interface ChangeCase {
  readonly change: string;
  readonly apply: (test: TestApp, world: MailWorld) => Promise<unknown>;
  readonly outcomes: Readonly<Record<MailKind, Outcome>>;
}

const NEW_ADDRESS = (world: MailWorld) => `moved.${world.contact.id}@elsewhere.test`;
const NEW_MEMBER_ADDRESS = (world: MailWorld) => `moved.${world.assignee.id}@rivera-cho.test`;

/** Every change of a recipient between queueing and delivery, for every kind of mail. */
const CHANGES: readonly ChangeCase[] = [
  {
    change: 'nothing changed',
    apply: async () => undefined,
    outcomes: {
      client_message_waiting: { sent: 'to the address it was queued for' },
      member_client_started: { sent: 'to the address it was queued for' },
    },
  },
  {
    change: "the client's portal was closed",
    apply: (test, world) => test.store.updateContact(world.contact.id, { portalStatus: 'inactive' }),
    outcomes: {
      client_message_waiting: { withheld: 'portal_not_active' },
      // The firm's own mail: the client did start the conversation, and members see it whatever the portal.
      member_client_started: { sent: 'to the address it was queued for' },
    },
  },
  {
    change: "the client's portal was suspended back to invited",
    apply: (test, world) => test.store.updateContact(world.contact.id, { portalStatus: 'invited' }),
    outcomes: {
      client_message_waiting: { withheld: 'portal_not_active' },
      member_client_started: { sent: 'to the address it was queued for' },
    },
  },
  {
    change: "the client's e-mail address changed",
    apply: (test, world) => test.store.updateContact(world.contact.id, { email: NEW_ADDRESS(world) }),
    outcomes: {
      client_message_waiting: { sent: 'to the new address' },
      member_client_started: { sent: 'to the address it was queued for' },
    },
  },
  {
    change: "the member's e-mail address changed",
    apply: (test, world) => test.store.updateMember(world.assignee.id, { email: NEW_MEMBER_ADDRESS(world) }),
    outcomes: {
      client_message_waiting: { sent: 'to the address it was queued for' },
      member_client_started: { sent: 'to the new address' },
    },
  },
];

const MAIL_KINDS: readonly MailKind[] = ['client_message_waiting', 'member_client_started'];

const ROWS = CHANGES.flatMap((change) =>
  MAIL_KINDS.map((kind) => ({ ...change, kind, outcome: change.outcomes[kind] })),
);

function newAddressOf(kind: MailKind, world: MailWorld): string {
  return kind === 'client_message_waiting' ? NEW_ADDRESS(world) : NEW_MEMBER_ADDRESS(world);
}

/**
 * The outbox checks a mail's recipient when the mail is due, not only when it is queued: for every kind of mail
 * and every change of its recipient in between, over the store `open` gives (memory, PGlite, PostgreSQL).
 */
export function describeMailAtDelivery(title: string, open: () => Promise<TestApp>): void {
  describe(title, () => {
    let test: TestApp;
    beforeAll(async () => {
      test = await open();
    }, SLOW_MACHINE_TIMEOUT_MS);

    it.each(ROWS)('$kind when $change', async ({ kind, apply, outcome }) => {
      const world = await mailWorld(test);
      const queued = await queueMail(test, world, kind);
      await apply(test, world);
      const delivered: OutgoingMail[] = [];
      await deliverAll(test, delivered);
      const mine = delivered.filter((mail) => mail.id === queued.id);
      const row = await mailRow(test, queued.id);
      if ('withheld' in outcome) {
        expect(mine).toEqual([]);
        expect(row).toMatchObject({ status: 'withheld', lastError: outcome.withheld, sentAt: null });
        return;
      }
      const to = outcome.sent === 'to the new address' ? newAddressOf(kind, world) : queued.to;
      expect(mine.map((mail) => mail.to)).toEqual([to]);
      expect(row).toMatchObject({ status: 'sent', to });
      for (const mail of mine) expect(`${mail.subject}${mail.text}${mail.html}`).not.toContain(SECRET_BODY);
    });

    it('withholds a mail whose first attempt failed when the portal closed before the retry', async () => {
      const world = await mailWorld(test);
      const queued = await queueMail(test, world, 'client_message_waiting');
      const delivered: OutgoingMail[] = [];
      await deliverAll(test, delivered, true);
      expect(await mailRow(test, queued.id)).toMatchObject({ status: 'pending', attempts: 1 });
      await test.store.updateContact(world.contact.id, { portalStatus: 'inactive' });
      test.clock.advance(60 * 60_000);
      await deliverAll(test, delivered);
      expect(delivered.filter((mail) => mail.id === queued.id)).toEqual([]);
      expect(await mailRow(test, queued.id)).toMatchObject({
        status: 'withheld',
        lastError: 'portal_not_active',
        attempts: 2,
      });
    });
  });
}
