import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfideError } from '../errors/confide-error.js';
import { createMockServer, seedConversation, transportFor } from '../test/mock-clients.js';
import { untilState } from '../test/until.js';
import { viewerJson } from '../test/wire-fixtures.js';
import { httpTransport } from '../transport/http-transport.js';
import type { Transport } from '../transport/transport.js';
import { createConfideClient } from './create-confide-client.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('dispose', () => {
  it('leaves no timers, event streams or listeners behind', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock);
    let openStreams = 0;
    const { baseUrl, fetch, getToken } = mock.as('ben');
    const countingFetch: typeof globalThis.fetch = (input, init) => {
      if (String(input instanceof Request ? input.url : input).endsWith('/v1/events')) {
        openStreams += 1;
        init?.signal?.addEventListener('abort', () => {
          openStreams -= 1;
        });
      }
      return fetch(input, init);
    };
    const inner = httpTransport({ baseUrl, getToken, fetch: countingFetch });
    const transport: Transport = {
      ...inner,
      sendMessage: async () => {
        throw new ConfideError('network', 'Offline');
      },
    };
    await getToken();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const client = createConfideClient({ transport, outbox: { baseDelayMs: 60_000, maxDelayMs: 60_000 } });
    client.mount();
    await vi.advanceTimersByTimeAsync(5);
    await client.ready;
    const listener = vi.fn();
    const parts = [client.conversations, client.thread(id), client.notifications, client.composer()];
    const stops = parts.map((part) => part.observe(listener));
    client
      .thread(id)
      .send('Waits for a retry')
      .catch(() => {});
    await vi.advanceTimersByTimeAsync(5);
    expect(openStreams).toBe(1);
    expect(client.stores.outbox.getState().entries[0]?.status).toBe('queued');
    expect(vi.getTimerCount()).toBeGreaterThan(0);

    client.dispose();
    expect(openStreams).toBe(0);
    // The in-process server notices the closed stream at its next heartbeat (15 s); the client's own timers
    // (the outbox's 60 s retry, observers' 30 s staleness) would still be pending then.
    await vi.advanceTimersByTimeAsync(20_000);
    expect(vi.getTimerCount()).toBe(0);
    listener.mockClear();
    await transportFor(mock, 'daniel').sendMessage(id, {
      body: 'After dispose',
      idempotencyKey: 'key_after_001',
    });
    await vi.advanceTimersByTimeAsync(10);
    expect(listener).not.toHaveBeenCalled();
    expect(client.queryClient.getQueryCache().getAll()).toEqual([]);
    for (const stop of stops) stop();
  });

  it('closes the HTTP event stream', async () => {
    const base = 'https://confide.test';
    let streamSignal: AbortSignal | undefined;
    const server = setupServer(
      http.get(`${base}/v1/me`, () => HttpResponse.json(viewerJson)),
      http.get(`${base}/v1/events`, ({ request }) => {
        streamSignal = request.signal;
        const body = new ReadableStream({
          start: (controller) => controller.enqueue(new TextEncoder().encode(': open\n\n')),
        });
        return new HttpResponse(body, { headers: { 'content-type': 'text/event-stream' } });
      }),
    );
    server.listen({ onUnhandledFrame: 'error' });
    const client = createConfideClient({
      transport: httpTransport({ baseUrl: base, getToken: () => 'token' }),
    });
    client.mount();
    await client.ready;
    await untilState(client.stores.connection, (state) => state.status === 'open');
    client.dispose();
    await untilState(client.stores.connection, (state) => state.status === 'closed');
    expect(streamSignal?.aborted).toBe(true);
    server.close();
  });
});
