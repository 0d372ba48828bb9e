import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createMockServer,
  seedConversation,
  transportFor,
  urlOf,
  wrappedTransport,
} from '../test/mock-clients.js';
import { createConfideClient } from './create-confide-client.js';

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
