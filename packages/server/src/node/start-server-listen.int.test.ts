import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readServerConfig } from './server-config.js';
import { type RunningServer, startServer } from './start-server.js';
import { hasIpv6Loopback, outsideAddress, urlOn } from './testing/loopback.js';

// A new PGlite folder takes seconds on an idle machine, up to a minute on a loaded two-core one.
const SLOW_MACHINE_TIMEOUT_MS = 180_000;
const IPV6 = await hasIpv6Loopback();
const OUTSIDE = outsideAddress();
/** Dev tokens per caller address in this file: small, so the limit is reached in a few requests. */
const DEV_TOKEN_LIMIT = 2;

let data: string;
let server: RunningServer;
let port: number;

beforeAll(async () => {
  data = await mkdtemp(join(tmpdir(), 'confide-listen-'));
  // The defaults: no --host.
  const config = readServerConfig(['--port', '0', '--data', data, '--seed', 'demo'], {
    CONFIDE_DEV: '1',
    CONFIDE_DEV_TOKEN_RATE_LIMIT: String(DEV_TOKEN_LIMIT),
  });
  if (config === 'help') throw new Error('unexpected --help');
  server = await startServer(config, { log: () => undefined, requestLogger: false });
  port = Number(new URL(server.url).port);
}, SLOW_MACHINE_TIMEOUT_MS);

afterAll(async () => {
  await server?.close();
  if (data) await rm(data, { recursive: true, force: true });
}, SLOW_MACHINE_TIMEOUT_MS);

const issueToken = (address: string, email: string) =>
  fetch(urlOn(address, port, '/v1/dev/token'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email }),
  });

describe('startServer with the default host', () => {
  it('prints a localhost URL', () => {
    expect(server.url).toBe(`http://${IPV6 ? 'localhost' : '127.0.0.1'}:${port}`);
  });

  describe.each([
    { address: '127.0.0.1', skip: false },
    // Skipped only where this machine has no IPv6 loopback at all.
    { address: '::1', skip: !IPV6 },
  ])('over $address', ({ address, skip }) => {
    it.skipIf(skip)('answers', async () => {
      const response = await fetch(urlOn(address, port, '/healthz'));
      expect(response.status).toBe(200);
    });

    it.skipIf(skip)(
      'limits dev tokens by the caller’s address, whatever e-mail address is posted',
      async () => {
        const statuses: number[] = [];
        for (let index = 0; index <= DEV_TOKEN_LIMIT; index += 1)
          statuses.push((await issueToken(address, `nobody-${index}@client.test`)).status);
        expect(statuses).toEqual([...Array<number>(DEV_TOKEN_LIMIT).fill(404), 429]);
      },
    );
  });

  it.skipIf(OUTSIDE === undefined)('is not reachable on the machine’s other addresses', async () => {
    await expect(fetch(urlOn(OUTSIDE ?? '', port, '/healthz'))).rejects.toThrow();
  });
});
