import { afterEach, describe, expect, it } from 'vitest';
import type { Mailer } from '../mail/mailer.js';
import { createMemoryStore } from '../store/memory-store.js';
import type { Store } from '../store/store.js';
import { createTestClock } from '../testing/test-app.js';
import { createOutboxWorker, OUTBOX_RETRY_BASE_DELAY_MS } from './outbox-worker.js';
import { createSmtpMailer } from './smtp-mailer.js';
import { startSmtpTestServer } from './testing/smtp-test-server.js';

const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** Queues a "message waiting" mail to a client with an active portal at `to` (added when missing). */
async function enqueue(store: Store, id: string, to: string, createdAt: Date) {
  const contactId = `con_${to.replace(/\W/g, '_')}`;
  await store.insertContact({
    id: contactId,
    firmId: 'firm_1',
    firstName: 'Test',
    lastName: 'Client',
    email: to,
    portalStatus: 'active',
    assigneeIds: [],
    createdAt: createdAt.toISOString(),
  });
  await store.enqueueMail({
    id,
    firmId: 'firm_1',
    kind: 'client_message_waiting',
    recipient: { kind: 'client', id: contactId },
    to,
    subject: 'A secure message is waiting',
    text: 'Open your portal: https://portal.example.test',
    html: '<p>Open your portal</p>',
    createdAt: createdAt.toISOString(),
  });
}

/**
 * An SMTP test server and a mailer to it from `from` (both closed after the test), and a memory store with one
 * due mail `id` to `to`.
 */
async function smtpWithMail({
  id,
  to,
  from,
  smtpOptions,
}: {
  id: string;
  to: string;
  from?: string;
  smtpOptions?: Parameters<typeof startSmtpTestServer>[0];
}) {
  const smtp = await startSmtpTestServer(smtpOptions);
  const mailer = createSmtpMailer({ url: smtp.url, from });
  closers.push(smtp.close, mailer.close);
  const store = createMemoryStore();
  const clock = createTestClock();
  await enqueue(store, id, to, clock.now());
  return { smtp, mailer, store, clock };
}

describe('outbox worker with the SMTP mailer', () => {
  it('delivers due mail to a real SMTP server with a Message-ID from the outbox row, and marks it sent', async () => {
    const from = 'Confide <no-reply@confide.test>';
    const { smtp, mailer, store, clock } = await smtpWithMail({
      id: 'mail_one',
      to: 'daniel@client.test',
      from,
    });
    const worker = createOutboxWorker({ store, mailer, clock, onError: () => undefined });
    expect(await worker.runOnce()).toEqual({ sent: 1, failed: 0, withheld: 0, claimed: 1 });
    expect(smtp.received).toMatchObject([
      {
        recipients: ['daniel@client.test'],
        messageId: '<mail_one@confide.test>',
        subject: 'A secure message is waiting',
      },
    ]);
    const [row] = await store.listMail({ limit: 1 });
    expect(row).toMatchObject({ status: 'sent', attempts: 1, sentAt: clock.now().toISOString() });
    expect(await worker.runOnce()).toEqual({ sent: 0, failed: 0, withheld: 0, claimed: 0 });
  });

  it('retries a refused delivery after the backoff and gives up after the last attempt', async () => {
    let refusals = 1;
    const { smtp, mailer, store, clock } = await smtpWithMail({
      id: 'mail_retry',
      to: 'elena@client.test',
      smtpOptions: {
        beforeData: async () => {
          if (refusals > 0) {
            refusals -= 1;
            throw new Error('try again later');
          }
        },
      },
    });
    const worker = createOutboxWorker({ store, mailer, clock, maxAttempts: 2, onError: () => undefined });
    expect(await worker.runOnce()).toMatchObject({ sent: 0, failed: 1 });
    const [failed] = await store.listMail({ limit: 1 });
    expect(failed).toMatchObject({ status: 'pending', attempts: 1 });
    expect(failed?.lastError).toContain('SMTP delivery failed');
    expect(Date.parse(failed?.nextAttemptAt ?? '') - clock.now().getTime()).toBe(OUTBOX_RETRY_BASE_DELAY_MS);
    expect(await worker.runOnce()).toMatchObject({ claimed: 0 });
    clock.advance(OUTBOX_RETRY_BASE_DELAY_MS);
    expect(await worker.runOnce()).toMatchObject({ sent: 1 });
    expect(smtp.received.map((mail) => mail.recipients)).toEqual([['elena@client.test']]);

    const broken: Mailer = { deliver: async () => Promise.reject(new Error('SMTP delivery failed: down')) };
    await enqueue(store, 'mail_give_up', 'hiro@client.test', clock.now());
    const giving = createOutboxWorker({
      store,
      mailer: broken,
      clock,
      maxAttempts: 2,
      onError: () => undefined,
    });
    await giving.runOnce();
    clock.advance(OUTBOX_RETRY_BASE_DELAY_MS);
    await giving.runOnce();
    const [gaveUp] = await store.listMail({ limit: 1 });
    expect(gaveUp).toMatchObject({ id: 'mail_give_up', status: 'failed', attempts: 2 });
  });

  it('sends a mail again with the same Message-ID when a worker died between sending and marking it', async () => {
    const crashing = { id: 'mail_crash', to: 'daniel@client.test', from: 'no-reply@confide.test' };
    const { smtp, mailer, store, clock } = await smtpWithMail(crashing);
    // The first worker hands the mail to SMTP and then never comes back, as if its process had died there.
    const dying: Mailer = {
      deliver: async (mail) => {
        await mailer.deliver(mail);
        await new Promise(() => undefined);
      },
    };
    void createOutboxWorker({ store, mailer: dying, clock, leaseMs: 60_000 }).runOnce();
    await smtp.waitForCount(1);
    const restarted = createOutboxWorker({ store, mailer, clock, leaseMs: 60_000 });
    expect(await restarted.runOnce()).toMatchObject({ claimed: 0 });
    clock.advance(60_000);
    expect(await restarted.runOnce()).toMatchObject({ sent: 1 });
    // At least once: the copy sent again carries the same Message-ID, so mail systems see one message.
    expect(new Set(smtp.received.map((mail) => mail.messageId))).toEqual(
      new Set(['<mail_crash@confide.test>']),
    );
    const [row] = await store.listMail({ limit: 1 });
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
  });
});
