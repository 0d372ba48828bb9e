/**
 * Server: a real `confide-server` process on 127.0.0.1 (PGlite in a fresh data folder, and PostgreSQL: the one at
 * DATABASE_URL, or else a throwaway one started with the script CI uses, when the machine has PostgreSQL),
 * driven over HTTP by bounded load generators in this process.
 * - Sends per second at 1, 8 and 32 concurrent clients, p50/p99 latency; senders alternate between a firm
 *   member (message + e-mail outbox row + audit entry) and the client (message + a notification per member +
 *   audit entry). Compared with the database's raw rate for one equal-sized row per transaction.
 * - Real-time: N open SSE subscriptions; the time from a send's 201 to each entitled subscriber receiving the
 *   event, and the server's memory per open connection.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { format, median, percentile, printTable } from './stats.js';

const root = join(import.meta.dirname, '..', '..');
const serverPackage = join(root, 'packages', 'server');

const EMAIL = {
  ana: 'ana.rivera@rivera-cho.test',
  ben: 'ben.cho@rivera-cho.test',
  carla: 'carla.diaz@rivera-cho.test',
  grace: 'grace.lin@northgate.test',
  daniel: 'daniel.okafor@client.test',
  hiro: 'hiro.tanaka@client.test',
} as const;

/** A message body of realistic length (about two sentences), the same size for the raw-insert comparison. */
const BODY =
  'Thank you, the signed copy of the lease is attached. Could you confirm the hearing date before Friday?';

/** A hang guard, not a budget: a fresh PGlite folder took over 60 s on a shared two-core machine at load 20. */
const SERVER_START_TIMEOUT_MS = 180_000;

/** A `confide-server` child process. */
export interface RunningServer {
  readonly url: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

/** The goal for sends/s at 8 clients, as a share of the same database's raw single-row insert rate. */
const THROUGHPUT_GOAL_SHARE = 0.2;

/** A PostgreSQL to measure: DATABASE_URL, or a throwaway one from the test script, or none. */
async function openPostgres(): Promise<{ url: string; stop(): Promise<void> } | null> {
  const given = process.env.DATABASE_URL;
  if (given) return { url: given, stop: async () => undefined };
  const script = join(serverPackage, 'scripts', 'test-postgres.sh');
  const env = {
    ...process.env,
    CONFIDE_TEST_POSTGRES_STATE: join(tmpdir(), `confide-bench-postgres-${process.pid}.state`),
  };
  try {
    const { stdout } = await promisify(execFile)('bash', [script, 'start'], { env });
    const url = /DATABASE_URL='([^']+)'/.exec(stdout)?.[1];
    if (!url) throw new Error(`no DATABASE_URL in: ${stdout}`);
    return {
      url,
      async stop() {
        await promisify(execFile)('bash', [script, 'stop'], { env });
      },
    };
  } catch (error) {
    console.error(
      `bench: no PostgreSQL to measure (${error instanceof Error ? error.message.split('\n')[0] : error})`,
    );
    return null;
  }
}

/** Starts `confide-server` on 127.0.0.1 with the demo data; `environment` adds or overrides variables. */
export async function startServer(
  database: 'pglite' | 'postgres',
  databaseUrl = '',
  environment: Record<string, string> = {},
): Promise<RunningServer> {
  const data = await mkdtemp(join(tmpdir(), 'confide-bench-data-'));
  const child = spawn(
    process.execPath,
    [
      // With CONFIDE_BENCH_PROFILE_DIR the server writes a V8 CPU profile there (see profile-summary.ts).
      ...(process.env.CONFIDE_BENCH_PROFILE_DIR
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.CONFIDE_BENCH_PROFILE_DIR}`]
        : []),
      '--conditions=@confide/source',
      '--import',
      'tsx',
      'src/node/cli.ts',
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--seed',
      'demo',
      '--data',
      data,
    ],
    {
      cwd: serverPackage,
      env: {
        ...process.env,
        CONFIDE_DEV: '1',
        // The default limit (60 sends a minute per person) protects a real deployment; a load test needs more.
        CONFIDE_SEND_RATE_LIMIT: '1000000',
        // The real-time part opens about 170 streams per demo person; the default allows 32 per person.
        CONFIDE_MAX_STREAMS_PER_PERSON: '1000000',
        DATABASE_URL: database === 'pglite' ? '' : databaseUrl,

        SMTP_URL: '',
        ...environment,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`confide-server did not start:\n${output}`)),
      SERVER_START_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /https?:\/\/[\w.:[\]-]+/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[0].replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('exit', (code) => reject(new Error(`confide-server exited (${code}):\n${output}`)));
  });
  // Keep draining the server's output so its pipes never fill.
  child.stdout?.resume();
  child.stderr?.resume();
  return {
    url,
    process: child,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      child.kill('SIGKILL');
      await rm(data, { recursive: true, force: true });
    },
  };
}

/** The JSON body of a successful answer; throws with the body otherwise. */
export async function json<Result>(response: Response): Promise<Result> {
  if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
  return (await response.json()) as Result;
}

/** A dev token for a demo person. */
export async function token(url: string, email: string): Promise<string> {
  const answer = await json<{ token: string }>(
    await fetch(`${url}/v1/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email }),
    }),
  );
  return answer.token;
}

async function danielsConversation(url: string, bearer: string): Promise<string> {
  const page = await json<{ items: { id: string }[] }>(
    await fetch(`${url}/v1/conversations`, { headers: { authorization: `Bearer ${bearer}` } }),
  );
  const id = page.items[0]?.id;
  if (!id) throw new Error('The demo data has no conversation for Daniel');
  return id;
}

let keyCounter = 0;
async function send(url: string, bearer: string, conversationId: string, body: string): Promise<number> {
  keyCounter += 1;
  const response = await fetch(`${url}/v1/conversations/${conversationId}/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: JSON.stringify({ body, idempotencyKey: `bench_${process.pid}_${keyCounter}` }),
  });
  await response.arrayBuffer();
  if (response.status !== 201) throw new Error(`send answered ${response.status}`);
  return performance.now();
}

export interface ThroughputRow {
  readonly concurrency: number;
  readonly sends: number;
  readonly sendsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

async function throughput(
  url: string,
  bearers: readonly string[],
  conversationId: string,
  concurrency: number,
  durationMs: number,
): Promise<ThroughputRow> {
  const latencies: number[] = [];
  const deadline = performance.now() + durationMs;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      let turn = worker;
      while (performance.now() < deadline) {
        const bearer = bearers[turn % bearers.length] as string;
        turn += 1;
        const sentAt = performance.now();
        latencies.push((await send(url, bearer, conversationId, BODY)) - sentAt);
      }
    }),
  );
  const elapsed = performance.now() - start;
  return {
    concurrency,
    sends: latencies.length,
    sendsPerSecond: latencies.length / (elapsed / 1000),
    p50Ms: median(latencies),
    p99Ms: percentile(latencies, 0.99),
  };
}

/** The storage's own limit: one row of the same size per transaction, sequentially, for `durationMs`. */
async function rawInsertRate(
  database: 'pglite' | 'postgres',
  databaseUrl: string,
  durationMs: number,
): Promise<number> {
  const table = 'bench_rows (id bigserial primary key, body text not null, created_at timestamptz)';
  const statement = 'insert into bench_rows (body, created_at) values ($1, now())';
  if (database === 'pglite') {
    const { PGlite } = await import('@electric-sql/pglite');
    const folder = await mkdtemp(join(tmpdir(), 'confide-bench-raw-'));
    const db = await PGlite.create(folder);
    try {
      await db.exec(`create table ${table}`);
      return await repeatedPerSecond(() => db.query(statement, [BODY]), durationMs);
    } finally {
      await db.close();
      await rm(folder, { recursive: true, force: true });
    }
  }
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`create temporary table ${table}`);
    return await repeatedPerSecond(() => client.query(statement, [BODY]), durationMs);
  } finally {
    await client.end();
  }
}

/** Runs `work` again and again, one at a time, for `durationMs`: how many times per second it completed. */
async function repeatedPerSecond(work: () => Promise<unknown>, durationMs: number): Promise<number> {
  let times = 0;
  const start = performance.now();
  while (performance.now() - start < durationMs) {
    await work();
    times += 1;
  }
  return times / ((performance.now() - start) / 1000);
}

/** The resident memory of a process, in MiB. */
export async function residentMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kilobytes = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kilobytes / 1024;
}

interface Subscriber {
  readonly entitled: boolean;
  readonly received: Map<string, number>;
  readonly abort: AbortController;
}

/** Opens an SSE stream and records when each marker first shows up in it. */
async function subscribe(url: string, bearer: string, entitled: boolean, markers: readonly string[]) {
  const subscriber: Subscriber = { entitled, received: new Map(), abort: new AbortController() };
  const response = await fetch(`${url}/v1/events`, {
    headers: { authorization: `Bearer ${bearer}`, accept: 'text/event-stream' },
    signal: subscriber.abort.signal,
  });
  if (!response.ok || !response.body) throw new Error(`events answered ${response.status}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        const now = performance.now();
        buffer += value;
        for (const marker of markers) {
          if (!subscriber.received.has(marker) && buffer.includes(marker))
            subscriber.received.set(marker, now);
        }
        // Keep only a tail long enough to hold a marker split across chunks.
        if (buffer.length > 4096) buffer = buffer.slice(-256);
      }
    } catch {
      // Aborted at the end of the run.
    }
  })();
  return subscriber;
}

export interface RealtimeResult {
  readonly subscribers: number;
  readonly entitled: number;
  readonly sends: number;
  readonly medianMs: number;
  readonly p99Ms: number;
  readonly missed: number;
  readonly leaked: number;
  readonly memoryPerConnectionKiB: number;
}

async function realtime(server: RunningServer, count: number, sends: number): Promise<RealtimeResult> {
  const identities = [
    { email: EMAIL.ana, entitled: true },
    { email: EMAIL.ben, entitled: true },
    { email: EMAIL.carla, entitled: true },
    { email: EMAIL.daniel, entitled: true },
    { email: EMAIL.grace, entitled: false },
    { email: EMAIL.hiro, entitled: false },
  ];
  const bearers = await Promise.all(identities.map((identity) => token(server.url, identity.email)));
  const daniel = bearers[3] as string;
  const conversationId = await danielsConversation(server.url, daniel);
  const pid = server.process.pid as number;
  await new Promise((resolve) => setTimeout(resolve, 500));
  const before = await residentMiB(pid);
  const markers = Array.from({ length: sends }, (_, index) => `RT-MARKER-${index}-${Date.now()}`);
  const subscribers: Subscriber[] = [];
  for (let index = 0; index < count; index += 50) {
    const batch = Array.from({ length: Math.min(50, count - index) }, (_, offset) => {
      const which = (index + offset) % identities.length;
      return subscribe(server.url, bearers[which] as string, identities[which]?.entitled ?? false, markers);
    });
    subscribers.push(...(await Promise.all(batch)));
  }
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const after = await residentMiB(pid);
  const delays: number[] = [];
  let missed = 0;
  for (const marker of markers) {
    const createdAt = await send(server.url, daniel, conversationId, `${BODY} ${marker}`);
    const deadline = performance.now() + 10_000;
    const entitled = subscribers.filter((subscriber) => subscriber.entitled);
    while (performance.now() < deadline && entitled.some((subscriber) => !subscriber.received.has(marker))) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    for (const subscriber of entitled) {
      const at = subscriber.received.get(marker);
      if (at === undefined) missed += 1;
      else delays.push(Math.max(0, at - createdAt));
    }
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
  const leaked = subscribers
    .filter((subscriber) => !subscriber.entitled)
    .reduce((total, subscriber) => total + subscriber.received.size, 0);
  for (const subscriber of subscribers) subscriber.abort.abort();
  return {
    subscribers: count,
    entitled: subscribers.filter((subscriber) => subscriber.entitled).length,
    sends,
    medianMs: median(delays),
    p99Ms: percentile(delays, 0.99),
    missed,
    leaked,
    memoryPerConnectionKiB: ((after - before) * 1024) / count,
  };
}

export interface ServerResult {
  readonly database: 'pglite' | 'postgres';
  readonly throughput: readonly ThroughputRow[];
  readonly rawInsertsPerSecond: number;
  readonly realtime: RealtimeResult;
}

export async function measureServer(options: { quick: boolean }): Promise<ServerResult[]> {
  const postgres = await openPostgres();
  const databases: ('pglite' | 'postgres')[] = postgres ? ['pglite', 'postgres'] : ['pglite'];
  const durationMs = options.quick ? 2_000 : 8_000;
  const results: ServerResult[] = [];
  try {
    for (const database of databases) {
      const databaseUrl = database === 'postgres' ? (postgres?.url ?? '') : '';
      const server = await startServer(database, databaseUrl);
      try {
        const bearers = [await token(server.url, EMAIL.ben), await token(server.url, EMAIL.daniel)];
        const conversationId = await danielsConversation(server.url, bearers[1] as string);
        // Warm up the server (JIT, connection pools) before measuring.
        await throughput(server.url, bearers, conversationId, 4, 1_000);
        const rows: ThroughputRow[] = [];
        for (const concurrency of [1, 8, 32]) {
          rows.push(await throughput(server.url, bearers, conversationId, concurrency, durationMs));
        }
        const rawInsertsPerSecond = await rawInsertRate(database, databaseUrl, durationMs);
        const live = await realtime(server, options.quick ? 200 : 1_000, options.quick ? 5 : 20);
        results.push({ database, throughput: rows, rawInsertsPerSecond, realtime: live });
      } finally {
        await server.stop();
      }
    }
  } finally {
    await postgres?.stop();
  }
  return results;
}

export function printServer(results: readonly ServerResult[]) {
  for (const result of results) {
    printTable(
      `Server on ${result.database === 'pglite' ? 'PGlite' : 'PostgreSQL'}: sends through HTTP (raw storage rate: ${Math.round(result.rawInsertsPerSecond)} single-row transactions/s)`,
      ['concurrent clients', 'sends', 'sends/s', 'p50', 'p99', 'sends/s ÷ raw inserts/s'],
      result.throughput.map((row) => [
        String(row.concurrency),
        String(row.sends),
        row.sendsPerSecond.toFixed(0),
        format(row.p50Ms, 'ms'),
        format(row.p99Ms, 'ms'),
        (row.sendsPerSecond / result.rawInsertsPerSecond).toFixed(2),
      ]),
    );
    const atEight = result.throughput.find((row) => row.concurrency === 8);
    if (atEight) {
      const share = atEight.sendsPerSecond / result.rawInsertsPerSecond;
      console.log(
        `sends/s at 8 clients = ${(share * 100).toFixed(1)} % of the raw rate (goal ${THROUGHPUT_GOAL_SHARE * 100} %: ${share >= THROUGHPUT_GOAL_SHARE ? 'met' : 'not met'})`,
      );
    }
    const live = result.realtime;
    printTable(
      `Real-time on ${result.database}: ${live.subscribers} SSE subscribers (${live.entitled} entitled), ${live.sends} sends`,
      ['measure', 'value'],
      [
        [
          '201 -> every entitled subscriber has the event',
          `median ${format(live.medianMs, 'ms')}, p99 ${format(live.p99Ms, 'ms')}`,
        ],
        ['events missed by entitled subscribers', String(live.missed)],
        ['events seen by subscribers not entitled', String(live.leaked)],
        ['server memory per open connection', format(live.memoryPerConnectionKiB, 'KiB')],
      ],
    );
  }
}
