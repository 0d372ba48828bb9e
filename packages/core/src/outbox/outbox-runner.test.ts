import { QueryClient } from '@tanstack/query-core';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { createConfideClient } from '../client/create-confide-client.js';
import { memoryStorage } from '../storage/storage.js';
import {
  clientFor,
  createMockServer,
  type MockServer,
  queueOffline,
  seedConversation,
  serverBodies,
  transportFor,
  urlOf,
  wrappedTransport,
} from '../test/mock-clients.js';
import { stateOf, untilState } from '../test/until.js';

/** What the network does to a send: answer with a status, fail before any answer, or never answer. */
type Fault = 'network' | 'timeout' | { status: number; retryAfter?: string };

/** Ben's transport on `mock` whose first `failures` message POSTs meet `fault`; `posts.count` counts them all. */
function failingSends(mock: MockServer, fault: Fault, failures: number, timeoutMs?: number) {
  const posts = { count: 0 };
  const faulty = (fetch: typeof globalThis.fetch) => async (input: RequestInfo | URL, init?: RequestInit) => {
    const method = input instanceof Request ? input.method : init?.method;
    if (method !== 'POST' || !urlOf(input).endsWith('/messages')) return fetch(input, init);
    posts.count += 1;
    if (posts.count > failures) return fetch(input, init);
    if (fault === 'network') throw new TypeError('fetch failed');
    if (fault === 'timeout') {
      const signal = input instanceof Request ? input.signal : init?.signal;
      return new Promise<Response>((_resolve, reject) =>
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true }),
      );
    }
    const headers: Record<string, string> = fault.retryAfter ? { 'retry-after': fault.retryAfter } : {};
    return new Response('', { status: fault.status, headers });
  };
  return { transport: wrappedTransport(mock, 'ben', faulty, timeoutMs ? { timeoutMs } : {}), posts };
}

describe('outbox', () => {
  it('holds sends while offline and sends them in order when the network returns', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock, 'Offline', 'First');
    const client = await clientFor(mock, 'ben');
    client.setOnline(false);
    const thread = client.thread(id);
    const sends = ['one', 'two', 'three'].map((body) => thread.send(body));
    expect(stateOf(thread).messages.map((message) => message.state)).toEqual([
      'sending',
      'sending',
      'sending',
    ]);
    expect(await serverBodies(mock, id)).toEqual(['First']);

    client.setOnline(true);
    await Promise.all(sends);
    expect(await serverBodies(mock, id)).toEqual(['First', 'one', 'two', 'three']);
  });

  it('gives up on a server error after the attempt limit and reports it as failed', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock);
    const { transport, posts } = failingSends(mock, { status: 503 }, Number.POSITIVE_INFINITY);
    const client = await clientFor(mock, 'ben', {
      transport,
      outbox: { baseDelayMs: 1, maxDelayMs: 2, maxServerAttempts: 3 },
    });
    await expect(client.thread(id).send('Doomed')).rejects.toMatchObject({ code: 'internal' });
    expect(posts.count).toBe(3);
    expect(client.stores.outbox.getState().entries[0]).toMatchObject({
      status: 'failed',
      failure: { code: 'internal', retryable: true },
    });
  });

  it("waits as long as the server's Retry-After asks before sending again", async () => {
    vi.useFakeTimers();
    onTestFinished(() => void vi.useRealTimers());
    const mock = createMockServer();
    const id = await seedConversation(mock);
    const { transport, posts } = failingSends(mock, { status: 429, retryAfter: '60' }, 1);
    const client = createConfideClient({ transport, outbox: { baseDelayMs: 1, maxDelayMs: 2 } });
    client.mount();
    await vi.advanceTimersByTimeAsync(5);
    await client.ready;
    const sent = client.thread(id).send('After the pause');
    await vi.advanceTimersByTimeAsync(59_000);
    expect(posts.count).toBe(1);
    await vi.advanceTimersByTimeAsync(1_100);
    await sent;
    expect(posts.count).toBe(2);
    client.dispose();
  });

  it('sends restored messages before one written during start-up', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock, 'Start-up', 'First');
    const storage = memoryStorage();
    const before = await clientFor(mock, 'ben', { storage });
    queueOffline(before, id, 'Queued on the last page');
    before.dispose();

    const after = createConfideClient({ transport: transportFor(mock, 'ben'), storage });
    after.mount();
    const sent = after.thread(id).send('Written during start-up');
    after.mount();
    await after.ready;
    await sent;
    await untilState(after.stores.outbox, (state) => state.entries.length === 0);
    expect(await serverBodies(mock, id)).toEqual([
      'First',
      'Queued on the last page',
      'Written during start-up',
    ]);
    after.dispose();
  });

  it('never restores one person’s queued sends for another', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock, 'Shared device', 'First');
    const storage = memoryStorage();
    const ben = await clientFor(mock, 'ben', { storage });
    queueOffline(ben, id, 'Ben only');
    ben.dispose();
    const carla = await clientFor(mock, 'carla', { storage });
    expect(carla.stores.outbox.getState().entries).toEqual([]);
  });
});

// A host whose QueryClient retries everything three times: the outbox alone decides how often a send is tried.
const hostQueryClient = () =>
  new QueryClient({ defaultOptions: { queries: { retry: 3 }, mutations: { retry: 3 } } });

describe('the cost of a failing send', () => {
  it.each<[string, Fault, number, number, string[]]>([
    // [fault, failures before the network heals, POSTs, messages on the server]
    ['a 500 every time', { status: 500 }, Number.POSITIVE_INFINITY, 5, []],
    ['a bare 503 every time', { status: 503 }, Number.POSITIVE_INFINITY, 5, []],
    ['a 429 every time', { status: 429 }, Number.POSITIVE_INFINITY, 5, []],
    ['a 429 with Retry-After: 0, twice', { status: 429, retryAfter: '0' }, 2, 3, ['Costly']],
    ['a network error, three times', 'network', 3, 4, ['Costly']],
    ['a timeout, twice', 'timeout', 2, 3, ['Costly']],
  ])(
    '%s: the outbox alone decides how many POSTs (host QueryClient retry: 3)',
    async (_name, fault, failures, expectedPosts, arrived) => {
      const mock = createMockServer();
      const id = await seedConversation(mock, 'Cost', 'First');
      const { transport, posts } = failingSends(mock, fault, failures, 50);
      const client = await clientFor(mock, 'ben', {
        transport,
        queryClient: hostQueryClient(),
        outbox: { baseDelayMs: 1, maxDelayMs: 2 },
      });
      const outcome = await client
        .thread(id)
        .send('Costly')
        .then(
          () => 'sent',
          () => 'failed',
        );
      expect([outcome, posts.count]).toEqual([arrived.length ? 'sent' : 'failed', expectedPosts]);
      expect(await serverBodies(mock, id)).toEqual(['First', ...arrived]);
    },
  );
});
