/**
 * Uploads: one large file (200 MB; 50 MB with --quick) through a real `confide-server` process over tus, against
 * a raw streamed write of the same bytes to the same disk in the same run, and the server's resident memory while
 * it receives, type-checks, hashes and stores the file (sampled every 20 ms from /proc) against its memory just
 * before. The file goes up in 16 MiB PATCH requests (a resumable upload's granularity) as firm admin Ben, whose
 * view of the file includes its SHA-256, which must match the source's.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import * as tus from 'tus-js-client';
import { json, residentMiB, startServer, token } from './server.js';
import { format, printTable } from './stats.js';

const MiB = 1024 * 1024;
/** The PATCH size: what a browser re-sends at most after a cut connection. */
const CHUNK_BYTES = 16 * MiB;
const RSS_SAMPLE_INTERVAL_MS = 20;

/** What one run measured. */
export interface UploadResult {
  readonly sizeMiB: number;
  readonly diskWriteMiBPerSecond: number;
  readonly uploadMiBPerSecond: number;
  /** Upload rate as a share of the raw disk rate (goal: at least 0.5). */
  readonly shareOfDisk: number;
  readonly downloadMiBPerSecond: number;
  readonly rssBeforeMiB: number;
  readonly rssPeakMiB: number;
  /** Peak minus before (goal: under 100 MiB, whatever the file size). */
  readonly rssGrowthMiB: number;
  readonly sha256Matches: boolean;
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

/** Runs the upload benchmark. */
export async function measureUploads(options: { quick: boolean }): Promise<UploadResult> {
  const bytes = (options.quick ? 50 : 200) * MiB;
  const folder = await mkdtemp(join(tmpdir(), 'confide-bench-uploads-'));
  const server = await startServer('pglite', '', { CONFIDE_MAX_UPLOAD_BYTES: String(bytes + MiB) });
  try {
    const source = join(folder, 'source.pdf');
    const expectedSha256 = await makeSourceFile(source, bytes);
    const diskSeconds = await rawDiskWrite(source, join(folder, 'copy.pdf'));
    await rm(join(folder, 'copy.pdf'));
    const file = await readFile(source);
    const bearer = await token(server.url, 'ben.cho@rivera-cho.test');
    const pid = server.process.pid ?? 0;
    const rssBeforeMiB = await residentMiB(pid);
    const sampler = sampleRss(pid);
    const start = performance.now();
    const id = await upload(server.url, bearer, file);
    const uploadSeconds = (performance.now() - start) / 1000;
    const rssPeakMiB = await sampler.stop();
    const attachment = await json<{ sha256?: string }>(
      await fetch(`${server.url}/v1/attachments/${id}`, { headers: { authorization: `Bearer ${bearer}` } }),
    );
    const downloadSeconds = await download(server.url, bearer, id);
    const sizeMiB = bytes / MiB;
    return {
      sizeMiB,
      diskWriteMiBPerSecond: sizeMiB / diskSeconds,
      uploadMiBPerSecond: sizeMiB / uploadSeconds,
      shareOfDisk: diskSeconds / uploadSeconds,
      downloadMiBPerSecond: sizeMiB / downloadSeconds,
      rssBeforeMiB,
      rssPeakMiB,
      rssGrowthMiB: Math.max(0, rssPeakMiB - rssBeforeMiB),
      sha256Matches: attachment.sha256 === expectedSha256,
    };
  } finally {
    await server.stop();
    await rm(folder, { recursive: true, force: true });
  }
}

/** Prints the upload table. */
export function printUploads(result: UploadResult) {
  printTable(
    `Uploads: one ${result.sizeMiB} MiB file through confide-server (tus, ${CHUNK_BYTES / MiB} MiB PATCHes, PGlite, data-folder files) vs a raw disk write`,
    ['measure', 'value'],
    [
      ['raw disk write (streamed, flushed)', format(result.diskWriteMiBPerSecond, 'MiB/s')],
      ['upload through the server (to stored + hashed)', format(result.uploadMiBPerSecond, 'MiB/s')],
      ['upload / disk (goal ≥ 0.5)', format(result.shareOfDisk, '', 2)],
      ['download through a ticket', format(result.downloadMiBPerSecond, 'MiB/s')],
      ['server RSS before', format(result.rssBeforeMiB, 'MiB')],
      ['server RSS peak during the upload', format(result.rssPeakMiB, 'MiB')],
      ['RSS growth (goal < 100 MiB)', format(result.rssGrowthMiB, 'MiB')],
      ['SHA-256 of the stored file matches', result.sha256Matches ? 'yes' : 'NO'],
    ],
  );
}
