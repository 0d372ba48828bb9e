import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfideError } from '../errors/confide-error.js';
import { BEN, createMemoryBackend, seedConversation } from '../test/memory-clients.js';
import { untilState } from '../test/until.js';
import { viewerJson } from '../test/wire-fixtures.js';
import { httpTransport } from '../transport/http-transport.js';
import { memoryTransport } from '../transport/memory/memory-transport.js';
import type { Transport } from '../transport/transport.js';
import { createConfideClient } from './create-confide-client.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('dispose', () => {
  it('leaves no timers, event subscriptions or listeners behind', async () => {
    vi.useFakeTimers();
    const backend = createMemoryBackend();
    const id = seedConversation(backend);
    const inner = memoryTransport({ backend, as: BEN });
    const transport: Transport = {
      ...inner,
      sendMessage: async () => {
        throw new ConfideError('network', 'Offline');
      },
    };
    const client = createConfideClient({ transport, outbox: { baseDelayMs: 60_000, maxDelayMs: 60_000 } });
    const ready = client.ready;
    await vi.advanceTimersByTimeAsync(5);
    await ready;
    const listener = vi.fn();
    const readables = [client.conversations, client.thread(id), client.notifications, client.composer()];
    for (const readable of readables) readable.subscribe(listener);
    client
      .thread(id)
      .send('Waits for a retry')
      .catch(() => {});
    await vi.advanceTimersByTimeAsync(5);
    expect(backend.subscriberCount).toBe(1);
    expect(client.stores.outbox.getState().entries[0]?.status).toBe('queued');
    expect(vi.getTimerCount()).toBeGreaterThan(0);

    client.dispose();
    // Let already-due zero-delay callbacks run; nothing may be scheduled after them.
    await vi.advanceTimersByTimeAsync(1);
    expect(vi.getTimerCount()).toBe(0);
    expect(backend.subscriberCount).toBe(0);
    listener.mockClear();
    backend
      .as({ kind: 'client', id: 'con_daniel' })
      .sendMessage(id, { body: 'After dispose', idempotencyKey: 'key_after_001' });
    await vi.advanceTimersByTimeAsync(10);
    expect(listener).not.toHaveBeenCalled();
    expect(client.queryClient.getQueryCache().getAll()).toEqual([]);
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
    await client.ready;
    await untilState(client.stores.connection, (state) => state.status === 'open');
    client.dispose();
    await untilState(client.stores.connection, (state) => state.status === 'closed');
    expect(streamSignal?.aborted).toBe(true);
    server.close();
  });
});
