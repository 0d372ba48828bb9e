import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readServerConfig } from './server-config.js';
import { type CliProcess, devToken, spawnCli } from './testing/spawn-cli.js';

// Each start of a child process with PGlite takes seconds on a busy two-core machine.
const CLI_TEST_TIMEOUT_MS = 90_000;
const folders: string[] = [];
const processes: CliProcess[] = [];
afterAll(async () => {
  for (const started of processes) await started.stop('SIGKILL');
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

async function conversationsOf(url: string, email: string) {
  const token = await devToken(url, email);
  const response = await fetch(`${url}/v1/conversations?limit=100`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: { subject: string; lastMessage: { id: string } | null }[] })
    .items;
}

describe('confide-server', () => {
  it(
    'starts on PGlite with --port 0 --seed demo, serves the demo data, and seeding again changes nothing',
    async () => {
      const data = await mkdtemp(join(tmpdir(), 'confide-cli-'));
      folders.push(data);
      const first = await spawnCli(['--port', '0', '--seed', 'demo', '--data', data], { CONFIDE_DEV: '1' });
      processes.push(first);
      expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(first.stdout.filter((line) => line.startsWith('confide-server listening on'))).toHaveLength(1);
      expect(await (await fetch(`${first.url}/healthz`)).json()).toEqual({ status: 'ok' });
      const before = await conversationsOf(first.url, 'daniel.okafor@client.test');
      expect(before.map((item) => item.subject)).toContain('Work permit renewal');
      const firmBefore = await conversationsOf(first.url, 'ana.rivera@rivera-cho.test');
      expect(await first.stop('SIGTERM')).toBe(0);
      const requestLines = first.stdout.filter((line) => line.includes('"event":"request"'));
      expect(JSON.parse(requestLines[0] ?? '{}')).toMatchObject({
        method: 'GET',
        path: '/healthz',
        status: 200,
      });

      const second = await spawnCli(['--port', '0', '--seed', 'demo', '--data', data], { CONFIDE_DEV: '1' });
      processes.push(second);
      expect(
        second.stderr.some((line) => line.includes('"event":"seed"') && line.includes('"changed":false')),
      ).toBe(true);
      expect(await conversationsOf(second.url, 'daniel.okafor@client.test')).toEqual(before);
      expect(await conversationsOf(second.url, 'ana.rivera@rivera-cho.test')).toEqual(firmBefore);
      expect(await second.stop('SIGINT')).toBe(0);
    },
    CLI_TEST_TIMEOUT_MS,
  );
});

describe('readServerConfig', () => {
  it('reads the flags and the environment', () => {
    const config = readServerConfig(
      ['--port', '0', '--host', '0.0.0.0', '--data', '/srv/confide', '--seed', 'demo'],
      {
        CONFIDE_JWT_SECRET: 'x'.repeat(32),
        CONFIDE_ALLOWED_ORIGINS: 'https://a.example, https://b.example',
        SMTP_URL: 'smtp://mail.example:587',
      },
    );
    expect(config).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      dataDir: '/srv/confide',
      seed: 'demo',
      dev: false,
      jwtSecretGenerated: false,
      allowedOrigins: ['https://a.example', 'https://b.example'],
      smtpUrl: 'smtp://mail.example:587',
      databaseUrl: undefined,
    });
  });

  it('makes up a secret in dev mode and refuses to start without one otherwise', () => {
    const dev = readServerConfig([], { CONFIDE_DEV: '1' });
    expect(dev).toMatchObject({
      dev: true,
      jwtSecretGenerated: true,
      port: 8787,
      dataDir: './.confide-data',
    });
    expect(() => readServerConfig([], {})).toThrow(/CONFIDE_JWT_SECRET/);
    expect(() => readServerConfig(['--seed', 'other'], { CONFIDE_DEV: '1' })).toThrow(/--seed/);
    expect(() => readServerConfig(['--port', '99999'], { CONFIDE_DEV: '1' })).toThrow(/--port/);
    expect(() => readServerConfig(['--wat'], { CONFIDE_DEV: '1' })).toThrow();
    expect(() => readServerConfig([], { CONFIDE_DEV: '1', DATABASE_URL: 'mysql://x' })).toThrow(
      /DATABASE_URL/,
    );
  });
});
