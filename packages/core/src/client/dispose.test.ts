import type { AttachmentId, ConversationId } from '@confide/protocol';
import { QueryClient } from '@tanstack/query-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryStorage } from '../storage/storage.js';
import { deferred } from '../test/deferred.js';
import { pdfFile } from '../test/files.js';
import {
  clientFor,
  createMockServer,
  type MockServer,
  recordedTransport,
  seedConversation,
  seedMessage,
  transportFor,
  urlOf,
  wrappedTransport,
} from '../test/mock-clients.js';
import { until } from '../test/until.js';
import {
  type ConfideClient,
  type ConfideClientOptions,
  createConfideClient,
} from './create-confide-client.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('dispose', () => {
  it('closes the event stream and leaves no timers or listeners behind', async () => {
    // Sends fail as a server error would, so the outbox keeps a retry timer.
    const mock = createMockServer({ scenario: { failures: { sendMessage: { status: 503 } } } });
    const id = await seedConversation(mock);
    let openStreams = 0;
    const transport = wrappedTransport(mock, 'ben', (fetch) => (input, init) => {
      if (urlOf(input).endsWith('/v1/events')) {
        openStreams += 1;
        init?.signal?.addEventListener('abort', () => {
          openStreams -= 1;
        });
      }
      return fetch(input, init);
    });
    await mock.as('ben').getToken();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const client = createConfideClient({ transport, outbox: { baseDelayMs: 60_000, maxDelayMs: 60_000 } });
    client.mount();
    await vi.advanceTimersByTimeAsync(5);
    await client.ready;
    const listener = vi.fn();
    const parts = [client.conversations, client.thread(id), client.notifications, client.composer()];
    const stops = parts.map((part) => part.observe(listener));
    // The thread handles the send's rejection itself, so the promise may be left alone.
    void client.thread(id).send('Waits for a retry');
    await vi.advanceTimersByTimeAsync(5);
    expect(openStreams).toBe(1);
    expect(client.stores.connection.getState().status).toBe('open');
    expect(client.stores.outbox.getState().entries[0]?.status).toBe('queued');
    expect(vi.getTimerCount()).toBeGreaterThan(0);

    client.dispose();
    expect(openStreams).toBe(0);
    expect(client.stores.connection.getState().status).toBe('closed');
    // The in-process server notices the closed stream at its next heartbeat (15 s); the client's own timers
    // (the outbox's 60 s retry, observers' 30 s staleness) would still be pending then.
    await vi.advanceTimersByTimeAsync(20_000);
    expect(vi.getTimerCount()).toBe(0);
    listener.mockClear();
    mock.setScenario({});
    await transportFor(mock, 'daniel').sendMessage(id, {
      body: 'After dispose',
      idempotencyKey: 'key_after_001',
    });
    await vi.advanceTimersByTimeAsync(10);
    expect(listener).not.toHaveBeenCalled();
    expect(client.queryClient.getQueryCache().getAll()).toEqual([]);
    for (const stop of stops) stop();
  });
});

/** A conversation with a reply for Ben, and more conversations than a page holds. */
async function seedSignOut(mock: MockServer) {
  const id = await seedConversation(mock, 'Sign out', 'Hello Daniel');
  await seedMessage(mock, 'daniel', id, 'A reply for the firm');
  await mock.addConversations({ count: 60 });
  return id;
}

/** Ben's client with its conversations, the thread `id` and notifications loaded. */
async function signedInBen(mock: MockServer, id: ConversationId, options: Partial<ConfideClientOptions>) {
  const ben = await clientFor(mock, 'ben', options);
  await until(ben.conversations, (state) => state.status === 'success');
  await until(ben.thread(id), (state) => state.status === 'success');
  await until(ben.notifications, (state) => state.status === 'success');
  return ben;
}

/** What the last answers may still set off (a next upload chunk, a cache write) has its turn. */
async function settleTurns() {
  for (let turn = 0; turn < 20; turn += 1) await new Promise((resolve) => setTimeout(resolve, 1));
}

/** Ben's fetch: records when each request starts, and holds the ones `held` matches until `release()`. */
function gatedFetch(fetch: typeof globalThis.fetch, held: (method: string, url: string) => boolean) {
  const started: { method: string; url: string; at: 'before' | 'after' }[] = [];
  let phase: 'before' | 'after' = 'before';
  const releases: (() => void)[] = [];
  const holding = deferred<void>();
  const gated: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const url = urlOf(input);
    started.push({ method: request.method, url, at: phase });
    if (held(request.method, url)) {
      holding.resolve();
      await new Promise<void>((resolve) => releases.push(resolve));
    }
    return fetch(request);
  };
  return {
    gated,
    started,
    holding: holding.promise,
    signedOut() {
      phase = 'after';
    },
    release() {
      for (const release of releases.splice(0)) release();
    },
  };
}

type Action = (ben: ConfideClient, id: ConversationId) => unknown;

describe('Ben signs out while a request is on its way', () => {
  it.each<[string, (method: string, url: string) => boolean, Action]>([
    [
      'an upload',
      (method, url) => method === 'PATCH' && url.includes('/uploads/'),
      (ben, id) => ben.composer({ conversationId: id }).attachFiles([pdfFile('Ben passport.pdf', 20_000)]),
    ],
    [
      'marking a thread read',
      (method, url) => method === 'POST' && url.endsWith('/read') && url.includes('/conversations/'),
      (ben, id) => ben.thread(id).markRead(),
    ],
    [
      'marking notifications read',
      (method, url) => method === 'POST' && url.endsWith('/notifications/read'),
      (ben) => ben.notifications.markAllRead(),
    ],
    [
      'a send',
      (method, url) => method === 'POST' && url.endsWith('/messages'),
      (ben, id) => ben.thread(id).send('Sent as Ben signs out'),
    ],
    [
      'loading more conversations',
      (method, url) => method === 'GET' && url.includes('/v1/conversations?') && url.includes('cursor='),
      (ben) => ben.conversations.loadMore(),
    ],
  ])(
    "after %s, the shared QueryClient keeps nothing of Ben's and nothing more is asked with his token",
    async (_name, held, action) => {
      const mock = createMockServer();
      const id = await seedSignOut(mock);
      const queryClient = new QueryClient();
      const gate = gatedFetch(mock.as('ben').fetch, held);
      const transport = wrappedTransport(mock, 'ben', () => gate.gated, {
        uploads: { chunkSizeBytes: 4096 },
      });
      const ben = await signedInBen(mock, id, { transport, queryClient, storage: memoryStorage() });
      const settled = Promise.resolve()
        .then(() => action(ben, id))
        .catch(() => {});
      await gate.holding;
      ben.dispose();
      gate.signedOut();
      gate.release();
      await settled;
      await settleTurns();
      expect(queryClient.getQueryCache().findAll({ queryKey: ['confide'] })).toEqual([]);
      expect(gate.started.filter((request) => request.at === 'after')).toEqual([]);
    },
  );
});

type Late = (ben: ConfideClient, id: ConversationId, file: AttachmentId) => unknown;

describe('a client after dispose (Ben signed out, a stale reference remains)', () => {
  it.each<[string, Late]>([
    ['attachments.downloadUrl', (ben, _id, file) => ben.attachments.downloadUrl(file)],
    ['thread.markRead', (ben, id) => ben.thread(id).markRead()],
    ['notifications.markAllRead', (ben) => ben.notifications.markAllRead()],
    ['conversations.loadMore', (ben) => ben.conversations.loadMore()],
    ['thread.send', (ben, id) => ben.thread(id).send('After signing out')],
    [
      'composer.attachFiles',
      (ben, id) => ben.composer({ conversationId: id }).attachFiles([pdfFile('Ben notes.pdf')]),
    ],
  ])('%s asks nothing with his token', async (_name, late) => {
    const mock = createMockServer();
    const id = await seedSignOut(mock);
    const { transport, requests } = recordedTransport(mock, 'ben');
    const ben = await signedInBen(mock, id, { transport });
    const composer = ben.composer({ conversationId: id });
    composer.attachFiles([pdfFile('Ben notes.pdf')]);
    const uploaded = await until(composer, (state) =>
      state.attachments.every((file) => file.status === 'uploaded'),
    );
    ben.dispose();
    const before = requests.length;
    await Promise.resolve(late(ben, id, uploaded.attachments[0]?.attachmentId as AttachmentId)).catch(
      () => {},
    );
    await settleTurns();
    expect(requests.slice(before)).toEqual([]);
  });
});
