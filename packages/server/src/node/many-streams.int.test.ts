import { getEventListeners } from 'node:events';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { seedDemo } from '../seed/demo.js';
import { readSse, type SseFrame } from '../testing/read-sse.js';
import { createTestApp, freshKey, type PersonName, TEST_START, type TestApp } from '../testing/test-app.js';
import { openPgliteStore } from './pglite-store.js';
import type { SqlStore } from './sql-store-handle.js';

/** Streams open at once: every demo person with an active portal, in many tabs each. */
const STREAM_COUNT = 200;
/** Streams opened and closed one batch at a time, to look for leaks. */
const CYCLE_COUNT = 1_000;
const CYCLE_BATCH = 50;
// A new PGlite takes a few seconds on an idle machine, far longer on a loaded two-core one.
const PGLITE_START_TIMEOUT_MS = 120_000;
const PEOPLE: readonly PersonName[] = [
  'owner',
  'admin',
  'member',
  'client',
  'otherClient',
  'otherFirmMember',
  'otherFirmClient',
];
const RIVERA_MEMBERS: readonly PersonName[] = ['owner', 'admin', 'member'];

// One seeded PGlite for the file: a new one costs seconds and hundreds of MiB.
let pglite: Promise<SqlStore> | undefined;
afterAll(async () => {
  await (await pglite)?.close();
});

const STORES = [
  ['memory', async (extra: Parameters<typeof createTestApp>[0] = {}) => createTestApp(extra, LIMITS)],
  [
    'PGlite',
    async (extra: Parameters<typeof createTestApp>[0] = {}) => {
      pglite ??= openPgliteStore().then(async (store) => {
        await seedDemo(store, { now: TEST_START });
        return store;
      });
      return createTestApp({ ...extra, store: await pglite }, LIMITS);
    },
  ],
] as const;
/** Every stream of the test belongs to one of seven people. */
const LIMITS = { eventHubLimits: { maxStreamsPerPerson: STREAM_COUNT } };

async function post(
  call: TestApp['call'],
  as: PersonName,
  conversation: string,
  extra = {},
): Promise<string> {
  const response = await call('POST', `/v1/conversations/${conversation}/messages`, {
    as,
    body: { body: `From ${as}`, idempotencyKey: freshKey(), ...extra },
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

interface Received {
  readonly messages: string[];
  readonly notifications: number;
  readonly heartbeats: number;
}

/** Sorts a stream's frames into what the test checks. */
function tally(frames: readonly SseFrame[]): Received {
  const received: Received = { messages: [], notifications: 0, heartbeats: 0 };
  for (const frame of frames) {
    if (frame.kind === 'comment' && frame.text === 'heartbeat')
      Object.assign(received, { heartbeats: received.heartbeats + 1 });
    if (frame.kind !== 'event') continue;
    const data = JSON.parse(frame.data) as { data: { message?: { id: string } } };
    if (frame.event === 'message.created' && data.data.message) received.messages.push(data.data.message.id);
    if (frame.event === 'notification.created')
      Object.assign(received, { notifications: received.notifications + 1 });
  }
  return received;
}

describe.each(STORES)('%s: many open event streams', (_, open) => {
  it(
    `delivers each event exactly once to each of ${STREAM_COUNT} streams that may see it, and to no other`,
    async () => {
      const shutdown = new AbortController();
      const { call, eventHub } = await open({ heartbeatIntervalMs: 50, shutdownSignal: shutdown.signal });
      const streams = [];
      for (let index = 0; index < STREAM_COUNT; index += 1) {
        const person = PEOPLE[index % PEOPLE.length] ?? 'owner';
        const stream = readSse(await call('GET', '/v1/events', { as: person }));
        await stream.nextPosition();
        streams.push({ person, stream, frames: [] as SseFrame[] });
      }
      expect(eventHub.stats()).toMatchObject({ subscribers: STREAM_COUNT, people: 7, firms: 2 });

      const toDaniel = await post(call, 'admin', 'cnv_daniel_work_permit');
      const note = await post(call, 'owner', 'cnv_daniel_work_permit', { internal: true });
      const fromDaniel = await post(call, 'client', 'cnv_daniel_work_permit');
      const toHiro = await post(call, 'otherFirmMember', 'cnv_hiro_contract');
      const toElena = await post(call, 'member', 'cnv_elena_residence');
      // The last message each person may see, sent last of all: what a stream has read up to it is all it gets.
      const last = await post(call, 'admin', 'cnv_daniel_work_permit');
      const expected: Record<PersonName, string[]> = {
        owner: [toDaniel, note, fromDaniel, toElena, last],
        admin: [toDaniel, note, fromDaniel, toElena, last],
        member: [toDaniel, note, fromDaniel, toElena, last],
        client: [toDaniel, fromDaniel, last],
        otherClient: [toElena],
        otherFirmMember: [toHiro],
        otherFirmClient: [toHiro],
      };
      // Each stream reads up to its person's last message, then until a heartbeat: the streams stay alive.
      await Promise.all(
        streams.map(async (entry) => {
          const final = expected[entry.person].at(-1);
          let seenFinal = false;
          for (;;) {
            const frame = await entry.stream.nextFrame();
            entry.frames.push(frame);
            if (frame.kind === 'event' && frame.data.includes(`"id":"${final}"`)) seenFinal = true;
            if (seenFinal && frame.kind === 'comment' && frame.text === 'heartbeat') return;
          }
        }),
      );
      expect(eventHub.stats().queuedFrames).toBe(0);
      // Ending every stream from the server hands over anything still on its way, a stray event included.
      shutdown.abort();
      await Promise.all(streams.map(async (entry) => entry.frames.push(...(await entry.stream.untilEnd()))));

      for (const { person, frames } of streams) {
        const received = tally(frames);
        expect(received.messages, person).toEqual(expected[person]);
        expect(received.notifications, person).toBe(RIVERA_MEMBERS.includes(person) ? 1 : 0);
        expect(received.heartbeats, person).toBeGreaterThan(0);
      }
      await vi.waitFor(() =>
        expect(eventHub.stats()).toMatchObject({ subscribers: 0, people: 0, firms: 0, queuedFrames: 0 }),
      );
      expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(0);
    },
    PGLITE_START_TIMEOUT_MS,
  );

  it(
    `holds no registration or listener after ${CYCLE_COUNT} streams opened and closed`,
    async () => {
      const shutdown = new AbortController();
      const { call, eventHub } = await open({
        heartbeatIntervalMs: 600_000,
        shutdownSignal: shutdown.signal,
      });
      const keeper = readSse(await call('GET', '/v1/events', { as: 'owner' }));
      await keeper.nextPosition();
      for (let cycle = 0; cycle < CYCLE_COUNT; cycle += CYCLE_BATCH) {
        await Promise.all(
          Array.from({ length: CYCLE_BATCH }, async (__, offset) => {
            const person = PEOPLE[(cycle + offset) % PEOPLE.length] ?? 'owner';
            const stream = readSse(await call('GET', '/v1/events', { as: person }));
            await stream.nextPosition();
            await stream.cancel();
          }),
        );
        await vi.waitFor(() => expect(eventHub.stats().subscribers).toBe(1));
      }
      expect(eventHub.stats()).toMatchObject({ subscribers: 1, people: 1, firms: 1, queuedFrames: 0 });
      expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(1);
      // The stream that stayed open through all of it still gets events.
      const id = await post(call, 'admin', 'cnv_daniel_work_permit');
      expect((await keeper.nextEvent()).data).toMatchObject({ data: { message: { id } } });
      await keeper.cancel();
      await vi.waitFor(() => expect(eventHub.stats()).toMatchObject({ subscribers: 0, people: 0, firms: 0 }));
      expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(0);
    },
    PGLITE_START_TIMEOUT_MS,
  );
});
