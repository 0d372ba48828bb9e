import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgliteStore } from './pglite-store.js';
import { startSmtpTestServer } from './testing/smtp-test-server.js';
import { type CliProcess, devToken, spawnCli } from './testing/spawn-cli.js';

// Each start of a child process on PGlite takes seconds on a busy two-core machine, so this file starts the
// command line twice in all: once, then again after killing it, on the same data folder.
const CLI_TEST_TIMEOUT_MS = 120_000;
const cleanups: (() => Promise<unknown>)[] = [];

async function conversationsOf(url: string, email: string) {
  const token = await devToken(url, email);
  const response = await fetch(`${url}/v1/conversations?limit=100`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: { subject: string }[] }).items;
}

async function send(url: string, token: string, conversationId: string, body: string) {
  const response = await fetch(`${url}/v1/conversations/${conversationId}/messages`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ body, idempotencyKey: `cli-${conversationId}` }),
  });
  expect(response.status).toBe(201);
}

describe('confide-server, a child process on PGlite with SMTP_URL', () => {
  // The first delivery to Elena is held mid-DATA (never accepted); the process is killed while it waits.
  let held = false;
  let signalHeld: () => void = () => undefined;
  const holding = new Promise<void>((resolve) => {
    signalHeld = resolve;
  });
  let smtp: Awaited<ReturnType<typeof startSmtpTestServer>>;
  let data: string;
  let first: CliProcess;
  let environment: Record<string, string>;
  let args: string[];

  beforeAll(async () => {
    smtp = await startSmtpTestServer({
      beforeData: async (recipients) => {
        if (held || !recipients.includes('elena.petrova@client.test')) return;
        held = true;
        signalHeld();
        await new Promise(() => undefined);
      },
    });
    data = await mkdtemp(join(tmpdir(), 'confide-cli-'));
    cleanups.push(smtp.close, () => rm(data, { recursive: true, force: true }));
    // Request lines are opt-in; this test reads one.
    environment = {
      CONFIDE_DEV: '1',
      SMTP_URL: smtp.url,
      CONFIDE_OUTBOX_LEASE_MS: '1000',
      CONFIDE_LOG_REQUESTS: '1',
    };
    args = ['--port', '0', '--seed', 'demo', '--data', data];
    first = await spawnCli(args, environment);
    cleanups.push(() => first.stop('SIGKILL'));
  }, CLI_TEST_TIMEOUT_MS);

  afterAll(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('starts with --port 0 --seed demo, prints its URL once and serves Daniel Okafor his conversations', async () => {
    // Both loopbacks by default (127.0.0.1 alone where the machine has no IPv6 loopback).
    expect(first.url).toMatch(/^http:\/\/(localhost|127\.0\.0\.1):\d+$/);
    expect(first.stdout.filter((line) => line.startsWith('confide-server listening on'))).toHaveLength(1);
    expect(await (await fetch(`${first.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const conversations = await conversationsOf(first.url, 'daniel.okafor@client.test');
    expect(conversations.map((item) => item.subject)).toContain('Work permit renewal');
    const requestLine = first.stdout.find((line) => line.includes('"path":"/healthz"'));
    expect(JSON.parse(requestLine ?? '{}')).toMatchObject({ event: 'request', method: 'GET', status: 200 });
  });

  it(
    'delivers exactly one e-mail per recipient after being killed mid-delivery and restarted; seeding again changes nothing',
    async () => {
      const ben = await devToken(first.url, 'ben.cho@rivera-cho.test');
      const grace = await devToken(first.url, 'grace.lin@northgate.test');
      await send(first.url, ben, 'cnv_daniel_work_permit', 'The permit is ready.');
      await smtp.waitForCount(1);
      await send(first.url, ben, 'cnv_elena_residence', 'Please sign the form.');
      await holding;
      await send(first.url, grace, 'cnv_hiro_contract', 'The contract is attached in the portal.');
      const danielBefore = await conversationsOf(first.url, 'daniel.okafor@client.test');
      const firmBefore = await conversationsOf(first.url, 'ana.rivera@rivera-cho.test');
      expect(await first.stop('SIGKILL')).toBeNull();

      const second = await spawnCli(args, environment);
      cleanups.push(() => second.stop('SIGKILL'));
      expect(second.stderr.some((line) => /"event":"seed".*"changed":false/.test(line))).toBe(true);
      expect(await conversationsOf(second.url, 'daniel.okafor@client.test')).toEqual(danielBefore);
      expect(await conversationsOf(second.url, 'ana.rivera@rivera-cho.test')).toEqual(firmBefore);
      await smtp.waitForCount(3);
      const devMail = await (await fetch(`${second.url}/dev/mail`)).text();
      expect(devMail).toContain('Outbox (3)');
      expect(devMail).toContain('SMTP is configured (SMTP_URL)');
      expect(devMail).toContain('daniel.okafor@client.test');
      // A graceful stop finishes the batch in flight; afterwards nothing is pending that could be sent again.
      expect(await second.stop('SIGTERM')).toBe(0);
      const store = await openPgliteStore({ dataDir: data });
      const mails = await store.listMail({ limit: 10 });
      await store.close();
      expect(mails.map((mail) => mail.status)).toEqual(['sent', 'sent', 'sent']);

      const recipients = smtp.received.flatMap((mail) => mail.recipients).sort();
      expect(recipients).toEqual([
        'daniel.okafor@client.test',
        'elena.petrova@client.test',
        'hiro.tanaka@client.test',
      ]);
      expect(smtp.received.map((mail) => mail.messageId).sort()).toEqual(
        mails.map((mail) => `<${mail.id}@confide.localhost>`).sort(),
      );
      for (const mail of smtp.received) {
        expect(mail.text).not.toMatch(/permit is ready|sign the form|contract is attached/);
      }
    },
    CLI_TEST_TIMEOUT_MS,
  );
});
