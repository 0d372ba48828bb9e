import { beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../auth/sign-token.js';
import { DEMO_IDS } from '../seed/demo-data.js';
import type { ContactRow, PortalStatusValue } from '../store/rows.js';
import { seedAttachment } from '../testing/attachment-fixtures.js';
import { freshKey, TEST_SECRET, type TestApp } from '../testing/test-app.js';

// Opening a store (a new PGlite) takes seconds on an idle machine, minutes on a loaded two-core one.
const SLOW_MACHINE_TIMEOUT_MS = 300_000;

/** An app over a seeded demo store whose `store` is the one the app runs on. */
export type PortalSubject = TestApp;

/**
 * A client of Rivera & Cho with a portal in `status` and a conversation Ana (the owner) started with them while it
 * was active: its first message and one reply of hers went through, under keys a retry can use again.
 */
interface PortalWorld {
  readonly contact: ContactRow;
  readonly conversationId: string;
  readonly startKey: string;
  readonly replyKey: string;
  readonly replyId: string;
}

const uniqueSuffix = () => crypto.randomUUID().replace(/-/g, '').slice(0, 12);

/** The client in `status`: the demo's invited Farid, or a client put into the store with that status. */
async function clientWith(test: PortalSubject, status: PortalStatusValue): Promise<ContactRow> {
  if (status === 'invited') {
    const farid = await test.store.getContact(DEMO_IDS.farid);
    if (farid?.portalStatus !== 'invited') throw new Error('The demo has no invited Farid');
    return farid;
  }
  const suffix = uniqueSuffix();
  const contact: ContactRow = {
    id: `con_${status}_${suffix}`,
    firmId: DEMO_IDS.riveraCho,
    firstName: 'Ines',
    lastName: `Portal-${status}`,
    email: `ines.${suffix}@client.test`,
    portalStatus: status,
    assigneeIds: [DEMO_IDS.ana],
    createdAt: test.clock.now().toISOString(),
  };
  await test.store.insertContact(contact);
  return contact;
}

/**
 * Builds the world through the store: no route sends to a client whose portal is not active (that is the rule
 * under test), and no route changes a portal's status, so the messages "sent while it was active" are written
 * the way the seed writes them.
 */
async function portalWorld(test: PortalSubject, status: PortalStatusValue): Promise<PortalWorld> {
  const contact = await clientWith(test, status);
  const startedAt = test.clock.now().toISOString();
  const ana = { kind: 'member', id: DEMO_IDS.ana } as const;
  const conversation = await test.store.insertConversation({
    id: `cnv_portal_${uniqueSuffix()}`,
    firmId: DEMO_IDS.riveraCho,
    contactId: contact.id,
    subject: 'Residence permit',
    matterId: null,
    matterLabel: null,
    startedBy: ana,
    createdAt: startedAt,
  });
  const [startKey, replyKey] = [freshKey(), freshKey()];
  const written = {
    conversationId: conversation.id,
    firmId: DEMO_IDS.riveraCho,
    author: ana,
    internal: false,
  };
  await test.store.insertMessage({
    ...written,
    id: `msg_${uniqueSuffix()}`,
    body: 'Welcome',
    idempotencyKey: startKey,
    createdAt: startedAt,
  });
  const reply = await test.store.insertMessage({
    ...written,
    id: `msg_${uniqueSuffix()}`,
    body: 'Please send your passport',
    idempotencyKey: replyKey,
    createdAt: new Date(Date.parse(startedAt) + 60_000).toISOString(),
  });
  return { contact, conversationId: conversation.id, startKey, replyKey, replyId: reply.message.id };
}

/** What a path does when the portal is not active. */
type WhenNotActive =
  /** `409 portal_inactive` with the status as `details.reason`; nothing written. */
  | 'refused'
  /** Sent as usual (it never reaches the client, or nothing new is sent). */
  | 'sent'
  /** The client cannot sign in: `403 forbidden`, `details.reason: portal_inactive`. */
  | 'sign-in refused';

interface PathCase {
  readonly name: string;
  readonly send: (test: PortalSubject, world: PortalWorld) => Promise<Response>;
  readonly whenNotActive: WhenNotActive;
  /** Whether the client gets the "a secure message awaits you" e-mail when the portal is active. */
  readonly mailsTheClient: boolean;
  /** More checks on a 201 answer. */
  readonly checkSent?: (answer: Record<string, unknown>, world: PortalWorld) => void;
}

const messagesOf = (world: PortalWorld) => `/v1/conversations/${world.conversationId}/messages`;

async function sendWithFile(test: PortalSubject, world: PortalWorld, internal: boolean) {
  const file = await seedAttachment(test, { uploader: 'owner', name: 'checklist.txt' });
  const response = await test.call('POST', messagesOf(world), {
    as: 'owner',
    body: { body: 'The checklist', idempotencyKey: freshKey(), internal, attachmentIds: [file.id] },
  });
  const answer = (await response.clone().json()) as { id?: string };
  // A refused send leaves the upload free for another message; a sent one carries it.
  const after = await test.store.getAttachment(file.id);
  expect(after?.messageId ?? null).toBe(response.status === 201 ? answer.id : null);
  return response;
}

const PATHS: readonly PathCase[] = [
  {
    name: 'a reply by a member',
    send: (test, world) =>
      test.call('POST', messagesOf(world), {
        as: 'owner',
        body: { body: 'Any news?', idempotencyKey: freshKey() },
      }),
    whenNotActive: 'refused',
    mailsTheClient: true,
  },
  {
    name: 'a reply with a file',
    send: (test, world) => sendWithFile(test, world, false),
    whenNotActive: 'refused',
    mailsTheClient: true,
  },
  {
    name: 'an internal note',
    send: (test, world) =>
      test.call('POST', messagesOf(world), {
        as: 'owner',
        body: { body: 'Called them instead', idempotencyKey: freshKey(), internal: true },
      }),
    whenNotActive: 'sent',
    mailsTheClient: false,
    checkSent: (answer) => expect(answer).toMatchObject({ internal: true }),
  },
  {
    name: 'an internal note with a file',
    send: (test, world) => sendWithFile(test, world, true),
    whenNotActive: 'sent',
    mailsTheClient: false,
  },
  {
    name: 'a retry of a reply that went through',
    send: (test, world) =>
      test.call('POST', messagesOf(world), {
        as: 'owner',
        body: { body: 'Please send your passport', idempotencyKey: world.replyKey },
      }),
    whenNotActive: 'sent',
    mailsTheClient: false,
    checkSent: (answer, world) => expect(answer).toMatchObject({ id: world.replyId }),
  },
  {
    name: 'a new conversation',
    send: (test, world) =>
      test.call('POST', '/v1/conversations', {
        as: 'owner',
        body: {
          contactId: world.contact.id,
          subject: 'Next steps',
          body: 'Hello',
          idempotencyKey: freshKey(),
        },
      }),
    whenNotActive: 'refused',
    mailsTheClient: true,
  },
  {
    name: 'a retry of a new conversation that went through',
    send: (test, world) =>
      test.call('POST', '/v1/conversations', {
        as: 'owner',
        body: {
          contactId: world.contact.id,
          subject: 'Residence permit',
          body: 'Welcome',
          idempotencyKey: world.startKey,
        },
      }),
    whenNotActive: 'sent',
    mailsTheClient: false,
    checkSent: (answer, world) =>
      expect(answer).toMatchObject({ conversation: { id: world.conversationId } }),
  },
  {
    name: "the client's own reply",
    send: async (test, world) =>
      test.call('POST', messagesOf(world), {
        token: await signToken(
          { sub: world.contact.id, role: 'client', firm: DEMO_IDS.riveraCho },
          { secret: TEST_SECRET, now: test.clock.now() },
        ),
        body: { body: 'Here it is', idempotencyKey: freshKey() },
      }),
    whenNotActive: 'sign-in refused',
    mailsTheClient: false,
  },
];

const STATUSES: readonly PortalStatusValue[] = ['active', 'invited', 'inactive'];

async function mailCount(test: PortalSubject, to: string): Promise<number> {
  const mails = await test.store.listMail({ firmId: DEMO_IDS.riveraCho, limit: 1_000 });
  return mails.filter((mail) => mail.to === to).length;
}

async function newestAudit(test: PortalSubject): Promise<string | undefined> {
  const [entry] = await test.store.listAudit({ firmId: DEMO_IDS.riveraCho, limit: 1 });
  return entry?.id;
}

/**
 * DESIGN: "A client whose portal is not active cannot be sent a message: the API refuses with a typed error."
 * Every path that writes into a client's conversation, for every portal status: what reaches the client is
 * refused with `portal_inactive` and writes nothing; internal notes (firm-only) and retries of sends that went
 * through while the portal was active (nothing new is sent) still work.
 */
export function describePortalInactiveRefusals(name: string, open: () => Promise<PortalSubject>): void {
  describe(name, () => {
    let subject: PortalSubject | undefined;
    beforeAll(async () => {
      subject = await open();
    }, SLOW_MACHINE_TIMEOUT_MS);

    const cases = PATHS.flatMap((path) => STATUSES.map((status) => ({ path, status })));
    it.each(cases)('$path.name to a client whose portal is $status', async ({ path, status }) => {
      if (!subject) throw new Error('The app did not open');
      const test = subject;
      const world = await portalWorld(test, status);
      const mailsBefore = await mailCount(test, world.contact.email);
      const auditBefore = await newestAudit(test);
      const response = await path.send(test, world);
      const answer = (await response.json()) as Record<string, unknown>;
      const outcome = status === 'active' ? 'sent' : path.whenNotActive;
      if (outcome === 'sent') {
        expect(response.status, JSON.stringify(answer)).toBe(201);
        path.checkSent?.(answer, world);
        const mailed = status === 'active' && path.mailsTheClient ? 1 : 0;
        expect(await mailCount(test, world.contact.email)).toBe(mailsBefore + mailed);
        return;
      }
      if (outcome === 'refused') {
        expect(response.status).toBe(409);
        expect(answer).toEqual({
          error: { code: 'portal_inactive', message: expect.any(String), details: { reason: status } },
        });
      } else {
        expect(response.status).toBe(403);
        expect(answer).toMatchObject({
          error: { code: 'forbidden', details: { reason: 'portal_inactive' } },
        });
      }
      expect(await mailCount(test, world.contact.email)).toBe(mailsBefore);
      expect(await newestAudit(test)).toBe(auditBefore);
    });
  });
}
