import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tus from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readServerConfig, type ServerConfig } from './server-config.js';
import { type RunningServer, startServer } from './start-server.js';

const FILE = new Uint8Array(
  Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2 * 1024 * 1024, 0x20), Buffer.from('%%EOF\n')]),
);
// A new PGlite folder and a 2 MB upload take under a minute on an idle machine, over one on a loaded two-core one.
const SLOW_MACHINE_TIMEOUT_MS = 240_000;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function devToken(server: RunningServer, email: string): Promise<string> {
  const response = await fetch(`${server.url}/v1/dev/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email }),
  });
  return ((await response.json()) as { token: string }).token;
}

async function uploadThenDownload(server: RunningServer) {
  const daniel = await devToken(server, 'daniel.okafor@client.test');
  const url = await new Promise<string>((resolve, reject) => {
    const upload = new tus.Upload(Buffer.from(FILE), {
      endpoint: `${server.url}/v1/uploads`,
      headers: { Authorization: `Bearer ${daniel}` },
      metadata: { filename: 'Pass Okafor.pdf' },
      chunkSize: 512 * 1024,
      retryDelays: [],
      onError: reject,
      onSuccess: () => resolve(String(upload.url)),
    });
    upload.start();
  });
  const id = url.split('/').pop() ?? '';
  const ticket = await fetch(`${server.url}/v1/attachments/${id}/tickets`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${daniel}` },
  });
  const { url: downloadPath } = (await ticket.json()) as { url: string };
  const download = await fetch(`${server.url}${downloadPath}`);
  return { id, download, bytes: new Uint8Array(await download.arrayBuffer()) };
}

function config(dataDir: string, environment: Record<string, string> = {}): ServerConfig {
  const read = readServerConfig(['--port', '0', '--data', dataDir, '--seed', 'demo'], {
    CONFIDE_DEV: '1',
    ...environment,
  });
  if (read === 'help') throw new Error('unexpected --help');
  return read;
}

describe('startServer with files', () => {
  let dataDir = '';
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'confide-server-files-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it(
    'stores uploads in the data folder and hands them back through a ticket',
    async () => {
      const server = await startServer(config(dataDir), {
        log: () => undefined,
        requestLogger: false,
      });
      try {
        const { id, download, bytes } = await uploadThenDownload(server);
        expect(await readFile(join(dataDir, 'files', id))).toEqual(Buffer.from(FILE));
        expect(download.status).toBe(200);
        expect(download.headers.get('content-type')).toBe('application/pdf');
        expect(sha256(bytes)).toBe(sha256(FILE));
      } finally {
        await server.close();
      }
    },
    SLOW_MACHINE_TIMEOUT_MS,
  );
});
