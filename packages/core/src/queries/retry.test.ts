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
