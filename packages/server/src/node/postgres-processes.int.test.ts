import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { signToken } from '../auth/sign-token.js';
import type { Notifier } from '../events/notifier.js';
import { seedDemo } from '../seed/demo.js';
import { DEMO_IDS } from '../seed/demo-data.js';
import type { Store } from '../store/store.js';
import { readSse } from '../testing/read-sse.js';
import { createPostgresNotifier } from './postgres-notifier.js';
import { createPostgresRateLimiter, type PostgresRateLimiter } from './postgres-rate-limiter.js';
import { openPostgresStore } from './postgres-store.js';
import type { SqlStore } from './sql-store-handle.js';
import { describePostgres } from './testing/postgres-test-schema.js';

const SECRET = 'confide-processes-test-secret-0123456789';
const CONVERSATION = 'cnv_daniel_work_permit';
const STREAMS_PER_INSTANCE = 50;
const SEND_LIMIT = 3;
/** Long enough for a second (echo) wake-up to have been read, had there been one. */
const SETTLE_MS = 300;

type Person = { sub: string; role: 'member' | 'client'; firm: string };
const member = (sub: string): Person => ({ sub, role: 'member', firm: DEMO_IDS.riveraCho });
const client = (sub: string): Person => ({ sub, role: 'client', firm: DEMO_IDS.riveraCho });
/** Who opens streams: the first four may receive a reply in Daniel's conversation, the last two may not. */
const SUBSCRIBERS: readonly { person: Person; entitled: boolean }[] = [
  { person: member(DEMO_IDS.ana), entitled: true },
  { person: member(DEMO_IDS.ben), entitled: true },
  { person: member(DEMO_IDS.carla), entitled: true },
  { person: client(DEMO_IDS.daniel), entitled: true },
  { person: client(DEMO_IDS.elena), entitled: false },
  { person: { sub: DEMO_IDS.grace, role: 'member', firm: DEMO_IDS.northgate }, entitled: false },
];

interface Instance {
  readonly store: SqlStore;
  readonly notifier: Notifier;
  readonly limiter: PostgresRateLimiter;
  readonly app: ReturnType<typeof createApp>;
  /** Store reads of events since the last reset: the hub's (`readEvents`) and per-stream ones. */
  readonly reads: { hub: number; perStream: number };
}

/** The store with its event reads counted. */
function countingReads(store: Store, reads: Instance['reads']): Store {
  return {
    ...store,
    readEvents: (...parameters) => {
      reads.hub += 1;
      return store.readEvents(...parameters);
    },
    listEventsSince: (...parameters) => {
      reads.perStream += 1;
      return store.listEventsSince(...parameters);
    },
  };
}

const tokenOf = (person: Person) => signToken(person, { secret: SECRET, now: new Date() });

/** `person` replies in Daniel's conversation through `instance`. */
async function sendOn(instance: Instance, person: Person, body: string, idempotencyKey: string) {
  return instance.app.request(`/v1/conversations/${CONVERSATION}/messages`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${await tokenOf(person)}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ body, idempotencyKey }),
  });
}

describePostgres('two server instances on one PostgreSQL', 'confide_processes', ({ url, schema }) => {
  const instances: Instance[] = [];

  beforeAll(async () => {
    // Two instances as two processes have them: each its own pool, listening connection, limiter and hub.
    for (let index = 0; index < 2; index += 1) {
      const store = await openPostgresStore({ url, schema, poolSize: 3 });
      const notifier = await createPostgresNotifier({
        url,
        schema,
        isOwnBackend: store.isOwnBackend,
      });
      const rule = { limit: SEND_LIMIT, windowMs: 60_000 };
      const limiter = await createPostgresRateLimiter({ url, schema, rule });
      const reads = { hub: 0, perStream: 0 };
      const app = createApp({
        store: countingReads(store, reads),
        notifier,
        sendLimiter: limiter,
        auth: { secret: SECRET },
        // Far beyond the test timeout: streams may only wake on notifications, never by polling.
        heartbeatIntervalMs: 600_000,
        portalUrl: 'https://portal.example.test',
        firmAppUrl: 'https://firm.example.test',
        logger: false,
      });
      instances.push({ store, notifier, limiter, app, reads });
    }
    await seedDemo(instances[0]?.store ?? raise());
  }, 60_000);

  afterAll(async () => {
    for (const instance of instances) {
      await instance.notifier.close?.();
      await instance.limiter.close();
      await instance.store.close();
    }
  });

  it('delivers an event of a send on instance A to a subscriber connected to instance B', async () => {
    const [first, second] = instances;
    if (!first || !second) throw new Error('The instances did not start');
    const response = await second.app.request('/v1/events', {
      headers: { Authorization: `Bearer ${await tokenOf(client(DEMO_IDS.daniel))}` },
    });
    const stream = readSse(response);
    expect(await stream.nextComment()).toBe('connected');
    const sent = await sendOn(first, member(DEMO_IDS.ben), 'Your permit was approved.', 'notify-across-1');
    expect(sent.status).toBe(201);
    const message = (await sent.json()) as { id: string };
    const event = await stream.nextEvent();
    expect(event.event).toBe('message.created');
    expect(event.data).toMatchObject({ type: 'message.created', data: { message: { id: message.id } } });
    await stream.cancel();
  });

  it('reads each commit once per process for 100 open streams, and ignores its own NOTIFY echo', async () => {
    const [first, second] = instances;
    if (!first || !second) throw new Error('The instances did not start');
    const streams = [];
    for (const instance of instances) {
      for (let index = 0; index < STREAMS_PER_INSTANCE; index += 1) {
        const subscriber = SUBSCRIBERS[index % SUBSCRIBERS.length] ?? raise();
        const response = await instance.app.request('/v1/events', {
          headers: { Authorization: `Bearer ${await tokenOf(subscriber.person)}` },
        });
        const stream = readSse(response);
        expect(await stream.nextComment()).toBe('connected');
        await stream.nextPosition();
        streams.push({ stream, entitled: subscriber.entitled });
      }
    }
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    for (const instance of instances) Object.assign(instance.reads, { hub: 0, perStream: 0 });

    const sent = await sendOn(first, member(DEMO_IDS.ben), 'One read per process.', 'processes-fan-out-1');
    expect(sent.status).toBe(201);
    const message = (await sent.json()) as { id: string };
    const entitled = streams.filter((entry) => entry.entitled);
    const received = await Promise.all(entitled.map((entry) => entry.stream.nextEvent()));
    for (const event of received) {
      expect(event.data).toMatchObject({ type: 'message.created', data: { message: { id: message.id } } });
    }
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    expect(first.reads).toEqual({ hub: 1, perStream: 0 });
    expect(second.reads).toEqual({ hub: 1, perStream: 0 });
    await Promise.all(streams.map((entry) => entry.stream.cancel()));
  }, 60_000);

  it('shares the send rate limit across processes, and answers retries of delivered sends over it', async () => {
    const [first, second] = instances;
    if (!first || !second) throw new Error('The instances did not start');
    const carlaSendsOn = (instance: Instance, idempotencyKey: string) =>
      sendOn(instance, member(DEMO_IDS.carla), 'Counting towards the limit.', idempotencyKey);
    const statuses = [];
    const firstSend = await carlaSendsOn(first, 'processes-limit-1');
    statuses.push(firstSend.status);
    // A retry of a delivered send is answered and uses no quota, on either process.
    expect((await carlaSendsOn(second, 'processes-limit-1')).status).toBe(201);
    statuses.push((await carlaSendsOn(second, 'processes-limit-2')).status);
    statuses.push((await carlaSendsOn(first, 'processes-limit-3')).status);
    const refused = await carlaSendsOn(second, 'processes-limit-4');
    statuses.push(refused.status);
    expect(statuses).toEqual([201, 201, 201, 429]);
    expect(await refused.json()).toMatchObject({ error: { code: 'rate_limited' } });
    const retried = await carlaSendsOn(first, 'processes-limit-1');
    expect(retried.status).toBe(201);
    expect(await retried.json()).toMatchObject({ id: ((await firstSend.json()) as { id: string }).id });
  }, 60_000);
});

function raise(): never {
  throw new Error('The test setup is incomplete');
}
