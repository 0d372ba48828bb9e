import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readServerConfig } from './server-config.js';
import { startServer } from './start-server.js';

// A new PGlite folder takes seconds on an idle machine, up to a minute on a loaded two-core one.
const SLOW_MACHINE_TIMEOUT_MS = 180_000;

let data: string;

beforeAll(async () => {
  data = await mkdtemp(join(tmpdir(), 'confide-request-log-'));
});

afterAll(async () => {
  if (data) await rm(data, { recursive: true, force: true });
});

/** The request lines a server started with `environment` writes while it answers a few requests. */
async function requestLinesWith(environment: Record<string, string>): Promise<string[]> {
  const config = readServerConfig(['--port', '0', '--data', data, '--seed', 'demo'], {
    CONFIDE_DEV: '1',
    ...environment,
  });
  if (config === 'help') throw new Error('unexpected --help');
  const lines: string[] = [];
  const record = (...values: unknown[]) => void lines.push(values.map(String).join(' '));
  const info = vi.spyOn(console, 'info').mockImplementation(record);
  const log = vi.spyOn(console, 'log').mockImplementation(record);
  const error = vi.spyOn(console, 'error').mockImplementation(record);
  // Start-up lines go through `log`, which this test leaves out: only request lines are counted.
  const server = await startServer(config, { log: () => undefined });
  try {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${server.url}/v1/conversations`)).status).toBe(401);
    expect((await fetch(`${server.url}/v1/no-such-route`)).status).toBe(404);
  } finally {
    await server.close();
    info.mockRestore();
    log.mockRestore();
    error.mockRestore();
  }
  return lines.filter((line) => line.includes('"event":"request"'));
}

describe('confide-server request logging', () => {
  it.each([
    ['unset (the default: pnpm start)', {}, 0],
    ['0', { CONFIDE_LOG_REQUESTS: '0' }, 0],
    ['1', { CONFIDE_LOG_REQUESTS: '1' }, 3],
    ['true', { CONFIDE_LOG_REQUESTS: 'true' }, 3],
  ])(
    'with CONFIDE_LOG_REQUESTS %s (%o) writes %i request lines',
    async (_name, environment, expected) => {
      expect(await requestLinesWith(environment)).toHaveLength(expected);
    },
    SLOW_MACHINE_TIMEOUT_MS,
  );
});
