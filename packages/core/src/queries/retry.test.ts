import { QueryClient } from '@tanstack/query-core';
import { describe, expect, it } from 'vitest';
import { clientFor, createMockServer, urlOf, wrappedTransport } from '../test/mock-clients.js';
import { until } from '../test/until.js';
import { QUERY_RETRY_LIMIT } from './query-defaults.js';

describe('query retries', () => {
  it.each([
    ['a server error', { status: 503 as const }, 1 + QUERY_RETRY_LIMIT],
    ['a refusal', { code: 'forbidden' as const }, 1],
  ])(
    "retry %s in one place, whatever the host QueryClient's defaults say",
    async (_name, failure, expected) => {
      const mock = createMockServer({ scenario: { failures: { listConversations: failure } } });
      let requests = 0;
      const client = await clientFor(mock, 'ben', {
        transport: wrappedTransport(mock, 'ben', (fetch) => (input, init) => {
          if (urlOf(input).includes('/v1/conversations')) requests += 1;
          return fetch(input, init);
        }),
        queryClient: new QueryClient({ defaultOptions: { queries: { retry: 5, retryDelay: 1 } } }),
        live: false,
      });
      await until(client.conversations, (state) => state.status === 'error');
      expect(requests).toBe(expected);
    },
  );
});

describe('query retry delays', () => {
  it.each([
    ['a 429 with Retry-After: 7', { code: 'rate_limited' as const, retryAfterSeconds: 7 }, 7_000],
    ['a 503 with Retry-After: 5', { status: 503 as const, retryAfterSeconds: 5 }, 5_000],
    ['a bare 429', { code: 'rate_limited' as const }, 2_000],
    ['a 502', { status: 502 as const }, 2_000],
    ['a 504', { status: 504 as const }, 2_000],
  ])('after %s, retry and wait at least %d ms', async (_name, failure, atLeast) => {
    const mock = createMockServer({ scenario: { failures: { listConversations: failure } } });
    const client = await clientFor(mock, 'ben', { live: false });
    const error = await client.transport.listConversations({}).catch((thrown: unknown) => thrown);
    const options = client.queries.conversations.list();
    expect(options.retry(0, error)).toBe(true);
    // The wait query-core asks for before the second attempt (its first retry).
    expect(options.retryDelay(1, error)).toBeGreaterThanOrEqual(atLeast);
  });
});
