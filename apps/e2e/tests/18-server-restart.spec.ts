import { createHash, randomUUID } from 'node:crypto';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { pressUnlessGone } from '../src/checks.js';
import { pdfBytes } from '../src/documents.js';
import { readOutbox } from '../src/outbox.js';
import { people } from '../src/people.js';
import { type RestartableServer, routeAppsTo, startRestartableServer } from '../src/restartable-server.js';
import {
  createUpload,
  downloadAt,
  messagesAt,
  patchUpload,
  readEventsUntil,
  sendWithKey,
  tokenAt,
  uploadOffset,
} from '../src/server-api.js';
import { openPortalAs } from '../src/session.js';
import { startSmtpSink } from '../src/smtp-sink.js';
import { reply, threadMessage, threadMessages } from '../src/thread.js';

const DANIEL_CONVERSATION = 'cnv_daniel_work_permit';
const ELENA_CONVERSATION = 'cnv_elena_residence';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** When `page`'s next event stream opens (its `200`), in epoch milliseconds, or null when none does within a minute. */
function nextStreamOpen(page: Page): Promise<number | null> {
  return page
    .waitForResponse(
      (response) => new URL(response.url()).pathname.endsWith('/v1/events') && response.status() === 200,
      { timeout: 60_000 },
    )
    .then(
      () => Date.now(),
      () => null,
    );
}

/** `to - from` in milliseconds, or a word when `to` never came. */
const after = (to: number | null, from: number) => (to === null ? 'not within a minute' : `${to - from} ms`);

// One server of these tests' own on its own PGlite folder, killed with SIGKILL and started again on it: every row
// is "the process dies at this moment; after the restart, is anything lost or doubled?".
test.describe('18. The server process dies (SIGKILL) and comes back', () => {
  test.describe.configure({ mode: 'serial', timeout: 240_000 });
  let server: RestartableServer;

  /** Elena's portal, routed to the test's own server, showing her conversation. */
  async function elenaOnHerThread(browser: Browser) {
    const context = await browser.newContext();
    await routeAppsTo(context, server);
    const elena = await context.newPage();
    await openPortalAs(elena, people.elena, `/messages/${ELENA_CONVERSATION}`);
    await expect(threadMessages(elena).first()).toBeVisible();
    return { context, elena };
  }

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    server = await startRestartableServer();
  });
  test.afterAll(async () => {
    await server?.dispose();
  });

  async function restart(): Promise<void> {
    await server.kill();
    await server.start();
  }

  // When the process dies relative to the send: after the answer left (the answer then lost on the way), or while
  // the request is in flight. The retry carries the same idempotency key, as the SDK's outbox does.
  const killMoments = [
    { moment: 'after it answered', delayMs: null },
    { moment: 'as the request leaves', delayMs: 0 },
    { moment: '20 ms into the request', delayMs: 20 },
    { moment: '80 ms into the request', delayMs: 80 },
  ] as const;
  for (const { moment, delayMs } of killMoments) {
    test(`a send killed ${moment} is retried with its key after the restart and exists once`, async () => {
      const token = await tokenAt(server.url, people.daniel);
      const key = `e2e_${randomUUID()}`;
      const body = `Sent as the server died ${moment} (${key.slice(4, 12)}).`;
      let firstId: string | null = null;
      if (delayMs === null) {
        firstId = (await sendWithKey(server.url, token, DANIEL_CONVERSATION, body, key)).id;
      } else {
        const lost = sendWithKey(server.url, token, DANIEL_CONVERSATION, body, key).catch(() => null);
        await pause(delayMs);
        await server.kill();
        await lost;
        await server.start();
      }
      if (delayMs === null) await restart();

      const retried = await sendWithKey(
        server.url,
        await tokenAt(server.url, people.daniel),
        DANIEL_CONVERSATION,
        body,
        key,
      );
      if (firstId !== null) expect(retried.id).toBe(firstId);
      const thread = await messagesAt(server.url, await tokenAt(server.url, people.ben), DANIEL_CONVERSATION);
      expect(thread.filter((message) => message.body === body).map((message) => message.id)).toEqual([
        retried.id,
      ]);
    });
  }

  test('every send that was answered before a SIGKILL is there after the restart (no lost commits)', async () => {
    const token = await tokenAt(server.url, people.elena);
    const run = randomUUID().slice(0, 8);
    const answered: string[] = [];
    for (let index = 0; index < 25; index += 1) {
      answered.push(
        (
          await sendWithKey(
            server.url,
            token,
            ELENA_CONVERSATION,
            `Commit ${index} of ${run}.`,
            `e2e_${randomUUID()}`,
          )
        ).id,
      );
    }
    await restart();
    const thread = await messagesAt(server.url, await tokenAt(server.url, people.carla), ELENA_CONVERSATION);
    const kept = thread.filter((message) => message.body.endsWith(`of ${run}.`)).map((message) => message.id);
    expect(kept).toEqual(answered);
  });

  // Where the process dies during a tus upload: between two PATCHes, or while a PATCH is streaming its bytes.
  const uploadCuts = [
    { cut: 'between two PATCH requests', streaming: false },
    { cut: 'while a PATCH is streaming', streaming: true },
  ] as const;
  for (const { cut, streaming } of uploadCuts) {
    test(`an upload killed ${cut} resumes after the restart from what the server kept, and downloads unchanged`, async () => {
      const bytes = new Uint8Array(pdfBytes(`Scan ${cut}`, 2 * 1024 * 1024));
      const half = Math.floor(bytes.length / 2);
      const name = `scan-${randomUUID().slice(0, 8)}.pdf`;
      let token = await tokenAt(server.url, people.daniel);
      const upload = await createUpload(server.url, token, name, bytes.length);
      if (streaming) {
        // Half the bytes, then the stream stays open: the server has them while the request is still running.
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(bytes.subarray(0, half));
          },
        });
        const patching = patchUpload(upload, token, 0, body).catch(() => null);
        await pause(1_000);
        await server.kill();
        await patching;
      } else {
        const first = await patchUpload(upload, token, 0, bytes.slice(0, half));
        expect(first.status).toBe(204);
        await server.kill();
      }
      await server.start();

      token = await tokenAt(server.url, people.daniel);
      const kept = await uploadOffset(upload, token);
      expect(kept.status).toBe(200);
      const offset = kept.offset ?? -1;
      expect(offset).toBeGreaterThanOrEqual(streaming ? 0 : half);
      expect(offset).toBeLessThanOrEqual(half);
      const rest = await patchUpload(upload, token, offset, bytes.slice(offset));
      expect(rest.status).toBe(204);

      const attachmentId = decodeURIComponent(new URL(upload).pathname.split('/').at(-1) ?? '');
      await sendWithKey(
        server.url,
        token,
        DANIEL_CONVERSATION,
        `The scan (${name}).`,
        `e2e_${randomUUID()}`,
        [attachmentId],
      );
      const downloaded = await downloadAt(server.url, await tokenAt(server.url, people.ben), attachmentId);
      expect(sha256(downloaded)).toBe(sha256(bytes));
    });
  }

  test('a stream resumed with Last-Event-ID after the restart gets what was sent meanwhile, once', async () => {
    const elena = await tokenAt(server.url, people.elena);
    const carla = await tokenAt(server.url, people.carla);
    const marker = `Before the crash (${randomUUID().slice(0, 8)}).`;
    const reading = readEventsUntil(server.url, elena, {
      until: (events) => events.some((event) => event.data.includes(marker)),
      timeoutMs: 30_000,
    });
    await pause(500);
    await sendWithKey(server.url, carla, ELENA_CONVERSATION, marker, `e2e_${randomUUID()}`);
    const before = await reading;
    const lastEventId = before.findLast((event) => event.data.includes(marker))?.id;
    expect(lastEventId).toBeDefined();

    await restart();
    const run = randomUUID().slice(0, 8);
    const meanwhile = [`Meanwhile one (${run}).`, `Meanwhile two (${run}).`];
    const carlaAgain = await tokenAt(server.url, people.carla);
    for (const body of meanwhile)
      await sendWithKey(server.url, carlaAgain, ELENA_CONVERSATION, body, `e2e_${randomUUID()}`);

    const resumed = await readEventsUntil(server.url, await tokenAt(server.url, people.elena), {
      ...(lastEventId === undefined ? {} : { lastEventId }),
      until: (events) => meanwhile.every((body) => events.some((event) => event.data.includes(body))),
      timeoutMs: 30_000,
    });
    for (const body of [marker, ...meanwhile]) {
      expect(
        resumed.filter((event) => event.type === 'message.created' && event.data.includes(body)),
      ).toHaveLength(body === marker ? 0 : 1);
    }
  });

  test('the portal, open on a thread when the server dies, shows what the firm sent after the restart without a reload', async ({
    browser,
  }) => {
    const { context, elena } = await elenaOnHerThread(browser);

    const streamOpen = nextStreamOpen(elena);
    await restart();
    const upAt = Date.now();
    const text = `Sent after the restart (${randomUUID().slice(0, 8)}).`;
    await sendWithKey(
      server.url,
      await tokenAt(server.url, people.carla),
      ELENA_CONVERSATION,
      text,
      `e2e_${randomUUID()}`,
    );
    const sentAt = Date.now();
    // The SDK's reconnect backoff after a dropped stream is at most 30 s.
    await expect(threadMessage(elena, text)).toHaveCount(1, { timeout: 45_000 });
    test.info().annotations.push({
      type: 'shown after the send',
      description: `${Date.now() - sentAt} ms (the stream's reconnect backoff, not asserted)`,
    });
    // Nothing else of the page asks the server meanwhile, so the stream's own backoff decides (not asserted).
    test.info().annotations.push({
      type: 'stream back after the server',
      description: after(await streamOpen, upAt),
    });
    await context.close();
  });

  test('a reply sent in the portal while the server is down waits as pending and is delivered once when it is back', async ({
    browser,
  }) => {
    const { context, elena } = await elenaOnHerThread(browser);

    await server.kill();
    const text = `Sent while the server was down (${randomUUID().slice(0, 8)}).`;
    await reply(elena, text);
    const pending = threadMessage(elena, text);
    await expect(pending).toHaveAttribute('data-state', /sending|failed/);
    const streamOpen = nextStreamOpen(elena);
    const replyThrough = elena
      .waitForResponse(
        (response) =>
          response.request().method() === 'POST' &&
          /\/v1\/conversations\/[^/]+\/messages$/.test(new URL(response.url()).pathname) &&
          response.ok(),
        { timeout: 60_000 },
      )
      .then(
        () => Date.now(),
        () => null,
      );
    await server.start();
    const upAt = Date.now();
    const retry = pending.getByRole('button', { name: 'Retry' });
    await expect(retry.or(pending.and(elena.locator('[data-state="sent"]')))).toBeVisible({
      timeout: 45_000,
    });
    await pressUnlessGone(retry);
    await expect(pending).toHaveAttribute('data-state', 'sent', { timeout: 45_000 });
    await expect(threadMessage(elena, text)).toHaveCount(1);
    const thread = await messagesAt(server.url, await tokenAt(server.url, people.carla), ELENA_CONVERSATION);
    expect(thread.filter((message) => message.body === text)).toHaveLength(1);
    // The reply getting through shows the server is back: the stream need not wait out its backoff (not asserted).
    const [opened, through] = await Promise.all([streamOpen, replyThrough]);
    test.info().annotations.push({
      type: 'stream back after the reply got through',
      description: `${through === null ? 'the reply was not seen' : after(opened, through)} (${after(opened, upAt)} after the server was up)`,
    });
    await context.close();
  });

  test('mail queued when the server dies is delivered after the restart, exactly once, and not again after another', async () => {
    // Until now the server ran without SMTP: every mail so far waits in its outbox.
    const ben = await tokenAt(server.url, people.ben);
    await sendWithKey(
      server.url,
      ben,
      DANIEL_CONVERSATION,
      `A new message for Daniel (${randomUUID().slice(0, 8)}).`,
      `e2e_${randomUUID()}`,
    );
    const queued = (await readOutbox(`${server.url}/dev/mail`)).filter(
      (mail) => mail.to === people.daniel.email,
    );
    expect(queued.length).toBeGreaterThan(0);

    const smtp = await startSmtpSink();
    try {
      await server.kill();
      await server.start({ smtpUrl: smtp.url });
      const toDaniel = () =>
        smtp.received.filter((recipients) => recipients.includes(people.daniel.email)).length;
      await expect.poll(toDaniel, { timeout: 60_000 }).toBe(queued.length);

      await server.kill();
      await server.start({ smtpUrl: smtp.url });
      // A new send after the second restart is delivered too: once it is, the worker has been round the outbox.
      await sendWithKey(
        server.url,
        await tokenAt(server.url, people.ben),
        DANIEL_CONVERSATION,
        `One more (${randomUUID().slice(0, 8)}).`,
        `e2e_${randomUUID()}`,
      );
      await expect.poll(toDaniel, { timeout: 60_000 }).toBe(queued.length + 1);
    } finally {
      await smtp.close();
    }
  });
});
