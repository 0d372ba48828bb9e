import { getEventListeners } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { readSse } from '../testing/read-sse.js';
import { createTestApp, freshKey, type PersonName, type TestApp } from '../testing/test-app.js';
import type { EventHubLimits } from './event-hub-limits.js';

const CONVERSATION = 'cnv_daniel_work_permit';
const UNLIMITED = 1_000_000_000;

async function sendAsAdmin(call: TestApp['call'], body: string): Promise<string> {
  const response = await call('POST', `/v1/conversations/${CONVERSATION}/messages`, {
    as: 'admin',
    body: { body, idempotencyKey: freshKey() },
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

describe('GET /v1/events with a reader that stops reading', () => {
  it.each([
    ['frames', { maxBacklogFrames: 5, maxBacklogBytes: UNLIMITED }, 'queuedFrames', 5],
    ['bytes', { maxBacklogFrames: UNLIMITED, maxBacklogBytes: 6_000 }, 'queuedBytes', 6_000],
  ] as const)(
    'ends the stream once its backlog passes the %s limit, holding no more than the limit meanwhile',
    async (_, limits, counted, bound) => {
      const closeConnection = vi.fn();
      // Each open stream listens to the shutdown signal until its loop ends: the count shows which loops still run.
      const shutdown = new AbortController();
      const { call, eventHub } = await createTestApp(
        { heartbeatIntervalMs: 600_000, closeConnection, shutdownSignal: shutdown.signal },
        { eventHubLimits: limits },
      );
      // The body of this response is never read until the end: Hono's stream write waits for a reader that never
      // comes, the way a socket whose TCP window is full makes it wait.
      const stalled = await call('GET', '/v1/events', { as: 'owner' });
      const reading = readSse(await call('GET', '/v1/events', { as: 'member' }));
      await reading.nextPosition();
      expect(eventHub.stats().subscribers).toBe(2);
      const sent: string[] = [];
      const received: string[] = [];
      while (eventHub.stats().lagged === 0 && sent.length < 50) {
        sent.push(await sendAsAdmin(call, `Message ${sent.length} ${'x'.repeat(400)}`));
        const event = await reading.nextEvent();
        received.push((event.data.data as { message: { id: string } }).message.id);
        expect(eventHub.stats()[counted]).toBeLessThanOrEqual(bound);
      }
      expect(eventHub.stats()).toMatchObject({ lagged: 1, subscribers: 1, queuedFrames: 0, people: 1 });
      expect(closeConnection).toHaveBeenCalledTimes(1);
      // The stalled stream's loop has ended although nothing read its body: only the reading stream's is left.
      await vi.waitFor(() => expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(1));
      // The reader that kept reading got every message, in order, while the other stalled.
      expect(received).toEqual(sent);
      const stalledStream = readSse(stalled);
      const frames = await stalledStream.untilEnd();
      expect(frames.filter((frame) => frame.kind === 'event')).toEqual([]);
      const position = frames.find((frame) => frame.kind === 'position');
      if (position?.kind !== 'position') throw new Error('The stalled stream sent no position');
      // Ending it lost nothing: resuming from the last id it got brings every message.
      const resumed = readSse(
        await call('GET', '/v1/events', { as: 'owner', headers: { 'Last-Event-ID': position.id } }),
      );
      const caughtUp: string[] = [];
      while (caughtUp.length < sent.length) {
        const event = await resumed.nextEvent();
        if (event.event === 'message.created')
          caughtUp.push((event.data.data as { message: { id: string } }).message.id);
      }
      expect(caughtUp).toEqual(sent);
      await Promise.all([resumed.cancel(), reading.cancel()]);
      await vi.waitFor(() => expect(eventHub.stats().subscribers).toBe(0));
    },
  );

  it('keeps a stream whose reader reads, however many events pass through it', async () => {
    const { call, eventHub } = await createTestApp(
      { heartbeatIntervalMs: 600_000 },
      { eventHubLimits: { maxBacklogFrames: 2 } },
    );
    const stream = readSse(await call('GET', '/v1/events', { as: 'member' }));
    await stream.nextPosition();
    for (let index = 0; index < 10; index += 1) {
      const id = await sendAsAdmin(call, `Message ${index}`);
      expect((await stream.nextEvent()).data).toMatchObject({ data: { message: { id } } });
    }
    expect(eventHub.stats()).toMatchObject({ lagged: 0, subscribers: 1 });
    await stream.cancel();
  });
});

describe('GET /v1/events per person', () => {
  const limits: EventHubLimits = { maxStreamsPerPerson: 3 };

  it.each([
    ['a member', 'owner', 'admin'],
    ['a client', 'client', 'otherClient'],
  ] as const satisfies readonly (readonly [string, PersonName, PersonName])[])(
    'refuses %s a stream past the limit with a typed 429 and Retry-After, and frees the slot when one closes',
    async (_, person, other) => {
      const { call, eventHub } = await createTestApp(
        { heartbeatIntervalMs: 600_000 },
        { eventHubLimits: limits },
      );
      const open = [];
      for (let index = 0; index < 3; index += 1) {
        const response = await call('GET', '/v1/events', { as: person });
        expect(response.status).toBe(200);
        open.push(readSse(response));
      }
      const refused = await call('GET', '/v1/events', { as: person });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
      expect(await refused.json()).toMatchObject({ error: { code: 'rate_limited' } });
      const someoneElse = await call('GET', '/v1/events', { as: other });
      expect(someoneElse.status).toBe(200);
      await someoneElse.body?.cancel();
      await open.pop()?.cancel();
      await vi.waitFor(() => expect(eventHub.stats().subscribers).toBe(2));
      const again = await call('GET', '/v1/events', { as: person });
      expect(again.status).toBe(200);
      expect(eventHub.stats()).toMatchObject({ subscribers: 3, people: 1, refused: 1 });
      await Promise.all([again.body?.cancel(), ...open.map((stream) => stream.cancel())]);
    },
  );
});
