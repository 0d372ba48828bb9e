import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { createConfideClient } from '../client/create-confide-client.js';
import { ConfideError } from '../errors/confide-error.js';
import { memoryStorage } from '../storage/storage.js';
import {
  clientFor,
  createMockServer,
  type MockServer,
  queueOffline,
  seedConversation,
  serverBodies,
  transportFor,
} from '../test/mock-clients.js';
import { stateOf, untilState } from '../test/until.js';
import type { Transport } from '../transport/transport.js';

/** Ben's transport on `mock` whose sends throw what `failure(attempt)` returns (attempts count from 1). */
function failingSends(mock: MockServer, failure: (attempt: number) => ConfideError | undefined) {
  const inner = transportFor(mock, 'ben');
  const counter = { attempts: 0 };
  const transport: Transport = {
    ...inner,
    async sendMessage(...args) {
      counter.attempts += 1;
      const error = failure(counter.attempts);
      if (error) throw error;
      return inner.sendMessage(...args);
    },
  };
  return { transport, counter };
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
    const { transport, counter } = failingSends(
      mock,
      () => new ConfideError('internal', 'Database unavailable', { status: 503 }),
    );
    const client = await clientFor(mock, 'ben', {
      transport,
      outbox: { baseDelayMs: 1, maxDelayMs: 2, maxServerAttempts: 3 },
    });
    await expect(client.thread(id).send('Doomed')).rejects.toMatchObject({ code: 'internal' });
    expect(counter.attempts).toBe(3);
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
    const slowDown = new ConfideError('rate_limited', 'Slow down', { status: 429, retryAfterSeconds: 60 });
    const { transport, counter } = failingSends(mock, (attempt) => (attempt === 1 ? slowDown : undefined));
    const client = createConfideClient({ transport, outbox: { baseDelayMs: 1, maxDelayMs: 2 } });
    client.mount();
    await vi.advanceTimersByTimeAsync(5);
    await client.ready;
    const sent = client.thread(id).send('After the pause');
    await vi.advanceTimersByTimeAsync(59_000);
    expect(counter.attempts).toBe(1);
    await vi.advanceTimersByTimeAsync(1_100);
    await sent;
    expect(counter.attempts).toBe(2);
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
