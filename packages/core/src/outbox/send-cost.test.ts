import { QueryClient } from '@tanstack/query-core';
import { describe, expect, it } from 'vitest';
import {
  clientFor,
  createMockServer,
  seedConversation,
  serverBodies,
  urlOf,
  wrappedTransport,
} from '../test/mock-clients.js';

/** What the network does to a send: answer with a status, fail before any answer, or never answer. */
type Fault = 'network' | 'timeout' | { status: number; retryAfter?: string };

function faultyFetch(
  fetch: typeof globalThis.fetch,
  fault: Fault,
  failures: number,
  posts: { count: number },
) {
  return async (input: RequestInfo | URL, init?: RequestInit) => {
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
}

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
    '%s costs %d POSTs (host QueryClient retry: 3)',
    async (_name, fault, failures, expectedPosts, arrived) => {
      const mock = createMockServer();
      const id = await seedConversation(mock, 'Cost', 'First');
      const posts = { count: 0 };
      const transport = wrappedTransport(mock, 'ben', (fetch) => faultyFetch(fetch, fault, failures, posts), {
        timeoutMs: 50,
      });
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
