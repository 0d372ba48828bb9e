/**
 * Streams: the reference server's event fan-out in this process (`createApp` over the memory store and over an
 * in-memory PGlite, requests through `app.fetch`: no sockets, so the figures are the server's own work).
 * - Fan-out: N streams open (the three Rivera & Cho members and their client Daniel, N/4 tabs each: every stream
 *   may see the message); a member sends one message to Daniel's conversation; the time from the send's start
 *   until every stream has read it, median over several sends, and that time per stream. Each stream counts the
 *   messages it reads: a miss or a second copy is printed.
 * - Heap per stream: `heapUsed` after a forced GC with N streams open, minus before they opened, over N. It
 *   includes this process's reading side (a reader and a closure per stream: well under 1 KiB).
 * - Open and close: heap and the hub's registrations after 1,000 streams opened and closed in batches, and after
 *   1,000 more (growth that stops after the first round is warm-up; a leak keeps growing).
 * Ratios between N = 1,000 and N = 100 are what to compare across machines; absolute times move with load.
 */
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  createApp,
  createEventHub,
  createInProcessNotifier,
  createMemoryStore,
  DEMO_IDS,
  type EventHub,
  type Store,
  seedDemo,
  signToken,
  systemClock,
} from '@confide/server';
import { openPgliteStore } from '@confide/server/node';
import { format, median, printTable } from './stats.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const SECRET = 'confide-bench-secret-with-enough-bytes-01';
const CONVERSATION = 'cnv_daniel_work_permit';
/** Everyone here may see a member's message in Daniel's conversation. */
const PEOPLE = [
  { sub: DEMO_IDS.ana, role: 'member', firm: DEMO_IDS.riveraCho },
  { sub: DEMO_IDS.ben, role: 'member', firm: DEMO_IDS.riveraCho },
  { sub: DEMO_IDS.carla, role: 'member', firm: DEMO_IDS.riveraCho },
  { sub: DEMO_IDS.daniel, role: 'client', firm: DEMO_IDS.riveraCho },
] as const;
const CYCLES = 1_000;
/** One decoder for every stream: a `TextDecoderStream` per stream would add ~9 KiB of this side's heap to each. */
const decoder = new TextDecoder();
const CYCLE_BATCH = 50;

interface Bench {
  readonly app: ReturnType<typeof createApp>;
  readonly hub: EventHub;
  readonly tokens: readonly string[];
  close(): Promise<void>;
}

async function openBench(kind: 'memory' | 'pglite'): Promise<Bench> {
  const sqlStore = kind === 'pglite' ? await openPgliteStore() : undefined;
  const store: Store = sqlStore ?? createMemoryStore();
  await seedDemo(store);
  const notifier = createInProcessNotifier();
  const hub = createEventHub({
    store,
    notifier,
    clock: systemClock,
    limits: { maxStreamsPerPerson: Number.MAX_SAFE_INTEGER },
  });
  const app = createApp({
    store,
    notifier,
    eventHub: hub,
    auth: { secret: SECRET },
    portalUrl: 'https://portal.example.test',
    firmAppUrl: 'https://firm.example.test',
    logger: false,
    rateLimits: { sends: { limit: Number.MAX_SAFE_INTEGER, windowMs: 60_000 } },
    // No heartbeats during a measurement: they would be work that is not the fan-out.
    heartbeatIntervalMs: 3_600_000,
  });
  const tokens = await Promise.all(
    PEOPLE.map((claims) => signToken(claims, { secret: SECRET, now: new Date(), expiresInSeconds: 3_600 })),
  );
  return {
    app,
    hub,
    tokens,
    async close() {
      hub.close();
      await sqlStore?.close();
    },
  };
}

interface OpenStream {
  /** How many times each marker has been read. */
  readonly seen: Map<string, number>;
  close(): Promise<void>;
}

/** Opens `GET /v1/events` and counts the markers it reads; `onMarker` runs on each first sighting. */
async function openStream(
  bench: Bench,
  token: string,
  onMarker: (marker: string) => void,
): Promise<OpenStream> {
  const response = await bench.app.fetch(
    new Request('http://bench.test/v1/events', { headers: { authorization: `Bearer ${token}` } }),
  );
  if (!response.ok || !response.body) throw new Error(`events answered ${response.status}`);
  const reader = response.body.getReader();
  const seen = new Map<string, number>();
  const done = (async () => {
    try {
      for (;;) {
        const { value, done: ended } = await reader.read();
        if (ended) return;
        // Each write of the server is whole frames, so a chunk never splits a marker.
        for (const match of decoder.decode(value).matchAll(/BENCH-\d+-\d+/g)) {
          const count = (seen.get(match[0]) ?? 0) + 1;
          seen.set(match[0], count);
          if (count === 1) onMarker(match[0]);
        }
      }
    } catch {
      // Cancelled at the end.
    }
  })();
  return {
    seen,
    async close() {
      await reader.cancel();
      await done;
    },
  };
}

async function send(bench: Bench, body: string): Promise<void> {
  const response = await bench.app.fetch(
    new Request(`http://bench.test/v1/conversations/${CONVERSATION}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bench.tokens[1]}`, 'content-type': 'application/json' },
      body: JSON.stringify({ body, idempotencyKey: `bench_${body.replace(/\W/g, '_')}` }),
    }),
  );
  if (response.status !== 201) throw new Error(`send answered ${response.status}: ${await response.text()}`);
}

async function untilNoSubscribers(hub: EventHub): Promise<void> {
  while (hub.stats().subscribers > 0) await new Promise((resolve) => setTimeout(resolve, 10));
}

function heapUsed(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

export interface FanOutResult {
  readonly streams: number;
  readonly sends: number;
  /** From a send's start until every stream has read it; median. */
  readonly fanOutMedianMs: number;
  /** The send alone, from its start to its 201, with the streams open; median. */
  readonly sendMedianMs: number;
  readonly heapPerStreamBytes: number;
  readonly missed: number;
  readonly duplicated: number;
}

async function fanOut(bench: Bench, count: number, sends: number, run: number): Promise<FanOutResult> {
  const before = heapUsed();
  const waiting = new Map<string, { remaining: number; resolve: (at: number) => void }>();
  const onMarker = (marker: string) => {
    const entry = waiting.get(marker);
    if (!entry) return;
    entry.remaining -= 1;
    if (entry.remaining === 0) entry.resolve(performance.now());
  };
  const streams: OpenStream[] = [];
  for (let index = 0; index < count; index += 1)
    streams.push(await openStream(bench, bench.tokens[index % PEOPLE.length] as string, onMarker));
  const heapPerStreamBytes = (heapUsed() - before) / count;
  const fanOutMs: number[] = [];
  const sendMs: number[] = [];
  const markers: string[] = [];
  for (let index = 0; index < sends; index += 1) {
    const marker = `BENCH-${run}-${index}`;
    markers.push(marker);
    const everyone = new Promise<number>((resolve) => waiting.set(marker, { remaining: count, resolve }));
    const start = performance.now();
    await send(bench, `Fan-out ${marker}`);
    sendMs.push(performance.now() - start);
    fanOutMs.push((await everyone) - start);
  }
  let missed = 0;
  let duplicated = 0;
  for (const stream of streams)
    for (const marker of markers) {
      const times = stream.seen.get(marker) ?? 0;
      if (times === 0) missed += 1;
      if (times > 1) duplicated += times - 1;
    }
  await Promise.all(streams.map((stream) => stream.close()));
  await untilNoSubscribers(bench.hub);
  return {
    streams: count,
    sends,
    fanOutMedianMs: median(fanOutMs),
    sendMedianMs: median(sendMs),
    heapPerStreamBytes,
    missed,
    duplicated,
  };
}

export interface CyclesResult {
  readonly cycles: number;
  /** Heap after each round of `cycles` streams opened and closed, minus before the first. */
  readonly heapGrowthBytes: readonly number[];
  readonly subscribersAfter: number;
  readonly peopleAfter: number;
}

/** Opens and closes `CYCLES` streams in batches, twice: growth in the first round can be warm-up, not a leak. */
async function openAndClose(bench: Bench): Promise<CyclesResult> {
  const before = heapUsed();
  const heapGrowthBytes: number[] = [];
  for (let round = 0; round < 2; round += 1) {
    for (let cycle = 0; cycle < CYCLES; cycle += CYCLE_BATCH) {
      const batch = await Promise.all(
        Array.from({ length: CYCLE_BATCH }, (_, offset) =>
          openStream(bench, bench.tokens[(cycle + offset) % PEOPLE.length] as string, () => undefined),
        ),
      );
      await Promise.all(batch.map((stream) => stream.close()));
    }
    await untilNoSubscribers(bench.hub);
    heapGrowthBytes.push(heapUsed() - before);
  }
  const stats = bench.hub.stats();
  return { cycles: CYCLES, heapGrowthBytes, subscribersAfter: stats.subscribers, peopleAfter: stats.people };
}

export interface StreamsResult {
  readonly store: 'memory' | 'pglite';
  readonly fanOut: readonly FanOutResult[];
  readonly cycles: CyclesResult;
}

export async function measureStreams(options: { quick: boolean }): Promise<StreamsResult[]> {
  const sends = options.quick ? 5 : 15;
  const results: StreamsResult[] = [];
  for (const store of ['memory', 'pglite'] as const) {
    const bench = await openBench(store);
    try {
      // Warm-up (JIT, the store's first queries), not measured.
      await fanOut(bench, 20, 3, 0);
      const rows: FanOutResult[] = [];
      for (const [run, count] of [100, 1_000].entries())
        rows.push(await fanOut(bench, count, sends, run + 1));
      results.push({ store, fanOut: rows, cycles: await openAndClose(bench) });
    } finally {
      await bench.close();
    }
  }
  return results;
}

export function printStreams(results: readonly StreamsResult[]) {
  for (const result of results) {
    const [small, large] = result.fanOut;
    printTable(
      `Streams on ${result.store === 'pglite' ? 'PGlite' : 'the memory store'} (in process; every stream may see each message)`,
      [
        'streams',
        'send start -> all have it',
        'per stream',
        'send alone',
        'heap per stream',
        'missed',
        'twice',
      ],
      result.fanOut.map((row) => [
        String(row.streams),
        format(row.fanOutMedianMs, 'ms'),
        format((row.fanOutMedianMs / row.streams) * 1_000, 'µs'),
        format(row.sendMedianMs, 'ms'),
        format(row.heapPerStreamBytes / 1024, 'KiB'),
        String(row.missed),
        String(row.duplicated),
      ]),
    );
    if (small && large) {
      console.log(
        `1,000 vs 100 streams: fan-out ${(large.fanOutMedianMs / small.fanOutMedianMs).toFixed(1)}x the time (10x streams), heap per stream ${(large.heapPerStreamBytes / small.heapPerStreamBytes).toFixed(2)}x`,
      );
    }
    const { cycles } = result;
    console.log(
      `${cycles.cycles} streams opened and closed, twice: heap ${cycles.heapGrowthBytes.map((bytes) => format(bytes / 1024, 'KiB')).join(' then ')} above before, hub registrations left ${cycles.subscribersAfter} (people ${cycles.peopleAfter})`,
    );
  }
}
