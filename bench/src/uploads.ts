/**
 * Uploads: one large file (200 MB; 50 MB with --quick) through a real `confide-server` process over tus, against
 * a raw streamed write of the same bytes to the same disk, taking turns for three rounds (one with --quick) so a
 * busy neighbour slows both alike. Each round also reports the server's resident memory while it receives,
 * type-checks, hashes and stores the file (sampled every 20 ms from /proc) against its memory just before, the CPU
 * time the server spent on the upload, the download rate through a ticket and the load average. The client is
 * tus-js-client in Node, as the SDK will use it, sending 16 MiB PATCH requests (a resumable upload's granularity)
 * as firm admin Ben, whose view of the file includes its SHA-256, which must match the source's.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import * as tus from 'tus-js-client';
import { json, residentMiB, startServer, token } from './server.js';
import { format, median, printTable } from './stats.js';

const MiB = 1024 * 1024;
/** The PATCH size: what a browser re-sends at most after a cut connection. */
const CHUNK_BYTES = 16 * MiB;
const RSS_SAMPLE_INTERVAL_MS = 20;
/** Linux reports process CPU time in clock ticks of 1/100 s. */
const CLOCK_TICKS_PER_SECOND = 100;

/** What one round measured. */
export interface UploadRound {
  /** The machine's 1-minute load average when the round started (2 cores). */
  readonly loadAverage: number;
  readonly diskWriteMiBPerSecond: number;
  readonly uploadMiBPerSecond: number;
  /** Upload rate as a share of the raw disk rate (goal: at least 0.5). */
  readonly shareOfDisk: number;
  readonly downloadMiBPerSecond: number;
  readonly rssBeforeMiB: number;
  readonly rssPeakMiB: number;
  /** Peak minus before (goal: under 100 MiB, whatever the file size). */
  readonly rssGrowthMiB: number;
  /** CPU time (user + system, all threads) the server spent from the upload's first request to its last answer. */
  readonly serverCpuSeconds: number;
  readonly sha256Matches: boolean;
}

/** What the rounds measured. */
export interface UploadResult {
  readonly sizeMiB: number;
  readonly rounds: readonly UploadRound[];
}

async function makeSourceFile(path: string, bytes: number): Promise<string> {
  const hash = createHash('sha256');
  const output = createWriteStream(path);
  const header = Buffer.from('%PDF-1.7\n');
  hash.update(header);
  output.write(header);
  for (let written = header.byteLength; written < bytes; ) {
    const block = randomBytes(Math.min(4 * MiB, bytes - written));
    hash.update(block);
    if (!output.write(block)) await new Promise<void>((resolve) => output.once('drain', () => resolve()));
    written += block.byteLength;
  }
  await new Promise<void>((resolve, reject) => {
    output.once('error', reject);
    output.end(() => resolve());
  });
  return hash.digest('hex');
}

/** Seconds to stream `source` into a new file on the same disk, flushed to it. */
async function rawDiskWrite(source: string, target: string): Promise<number> {
  const start = performance.now();
  await pipeline(createReadStream(source), createWriteStream(target, { flush: true }));
  return (performance.now() - start) / 1000;
}

function sampleRss(pid: number): { stop(): Promise<number> } {
  let peak = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      peak = Math.max(peak, await residentMiB(pid).catch(() => 0));
      await new Promise((resolve) => setTimeout(resolve, RSS_SAMPLE_INTERVAL_MS));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return peak;
    },
  };
}

async function cpuSeconds(pid: number): Promise<number> {
  // Fields after the command name (which may hold spaces) start at the state; utime and stime are the 12th and 13th.
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

async function upload(url: string, bearer: string, file: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const tusUpload = new tus.Upload(file, {
      endpoint: `${url}/v1/uploads`,
      headers: { Authorization: `Bearer ${bearer}` },
      metadata: { filename: 'bench.pdf' },
      chunkSize: CHUNK_BYTES,
      retryDelays: [],
      onError: reject,
      onSuccess: () => resolve(String(tusUpload.url).split('/').pop() ?? ''),
    });
    tusUpload.start();
  });
}

async function download(url: string, bearer: string, id: string): Promise<number> {
  const ticket = await json<{ url: string }>(
    await fetch(`${url}/v1/attachments/${id}/tickets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer}` },
    }),
  );
  const start = performance.now();
  const response = await fetch(`${url}${ticket.url}`);
  if (!response.body) throw new Error(`download answered ${response.status}`);
  for await (const _chunk of response.body) {
    // Only the time to receive every byte counts.
  }
  return (performance.now() - start) / 1000;
}

async function round(url: string, pid: number, folder: string, bytes: number): Promise<UploadRound> {
  const loadAverage = loadavg()[0] ?? Number.NaN;
  const source = join(folder, 'source.pdf');
  const expectedSha256 = await makeSourceFile(source, bytes);
  const diskSeconds = await rawDiskWrite(source, join(folder, 'copy.pdf'));
  await rm(join(folder, 'copy.pdf'));
  const file = await readFile(source);
  const bearer = await token(url, 'ben.cho@rivera-cho.test');
  const rssBeforeMiB = await residentMiB(pid);
  const cpuBefore = await cpuSeconds(pid);
  const sampler = sampleRss(pid);
  const start = performance.now();
  const id = await upload(url, bearer, file);
  const uploadSeconds = (performance.now() - start) / 1000;
  const serverCpuSeconds = (await cpuSeconds(pid)) - cpuBefore;
  const rssPeakMiB = await sampler.stop();
  const attachment = await json<{ sha256?: string }>(
    await fetch(`${url}/v1/attachments/${id}`, { headers: { authorization: `Bearer ${bearer}` } }),
  );
  const downloadSeconds = await download(url, bearer, id);
  const sizeMiB = bytes / MiB;
  return {
    loadAverage,
    diskWriteMiBPerSecond: sizeMiB / diskSeconds,
    uploadMiBPerSecond: sizeMiB / uploadSeconds,
    shareOfDisk: diskSeconds / uploadSeconds,
    downloadMiBPerSecond: sizeMiB / downloadSeconds,
    rssBeforeMiB,
    rssPeakMiB,
    rssGrowthMiB: Math.max(0, rssPeakMiB - rssBeforeMiB),
    serverCpuSeconds,
    sha256Matches: attachment.sha256 === expectedSha256,
  };
}

/** Runs the upload benchmark. */
export async function measureUploads(options: { quick: boolean }): Promise<UploadResult> {
  const bytes = (options.quick ? 50 : 200) * MiB;
  const folder = await mkdtemp(join(tmpdir(), 'confide-bench-uploads-'));
  const server = await startServer('pglite', '', { CONFIDE_MAX_UPLOAD_BYTES: String(bytes + MiB) });
  try {
    const rounds: UploadRound[] = [];
    for (let index = 0; index < (options.quick ? 1 : 3); index += 1) {
      rounds.push(await round(server.url, server.process.pid ?? 0, folder, bytes));
    }
    return { sizeMiB: bytes / MiB, rounds };
  } finally {
    await server.stop();
    await rm(folder, { recursive: true, force: true });
  }
}

/** Prints the upload table: one column per round, and the median. */
export function printUploads(result: UploadResult) {
  const rows: [string, (round: UploadRound) => number, string, number][] = [
    ['load average (1 min, 2 cores)', (round) => round.loadAverage, '', 1],
    ['raw disk write (streamed, flushed)', (round) => round.diskWriteMiBPerSecond, 'MiB/s', 1],
    ['upload through the server (to stored + hashed)', (round) => round.uploadMiBPerSecond, 'MiB/s', 1],
    ['upload / disk (goal ≥ 0.5)', (round) => round.shareOfDisk, '', 2],
    ['server CPU time for the upload', (round) => round.serverCpuSeconds, 's', 2],
    ['download through a ticket', (round) => round.downloadMiBPerSecond, 'MiB/s', 1],
    ['server RSS before', (round) => round.rssBeforeMiB, 'MiB', 1],
    ['server RSS peak during the upload', (round) => round.rssPeakMiB, 'MiB', 1],
    ['RSS growth (goal < 100 MiB)', (round) => round.rssGrowthMiB, 'MiB', 1],
  ];
  printTable(
    `Uploads: one ${result.sizeMiB} MiB file through confide-server (tus-js-client, ${CHUNK_BYTES / MiB} MiB PATCHes, PGlite, data-folder files) vs a raw disk write, taking turns`,
    ['measure', ...result.rounds.map((_, index) => `round ${index + 1}`), 'median'],
    [
      ...rows.map(([label, value, unit, decimals]) => [
        label,
        ...result.rounds.map((round) => format(value(round), unit, decimals)),
        format(median(result.rounds.map(value)), unit, decimals),
      ]),
      [
        'SHA-256 of the stored file matches',
        ...result.rounds.map((round) => (round.sha256Matches ? 'yes' : 'NO')),
        result.rounds.every((round) => round.sha256Matches) ? 'yes' : 'NO',
      ],
    ],
  );
}
