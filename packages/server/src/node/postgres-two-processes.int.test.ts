import { randomBytes } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import { readSse } from '../testing/read-sse.js';
import { describePostgres } from './testing/postgres-test-schema.js';
import { type CliProcess, devToken, spawnCli } from './testing/spawn-cli.js';

const TEST_TIMEOUT_MS = 120_000;

describePostgres('two confide-server processes on one PostgreSQL', 'confide_processes', ({ url, schema }) => {
  const processes: CliProcess[] = [];

  afterAll(async () => {
    for (const started of processes) await started.stop('SIGKILL');
  });

  it(
    'start together (one of them seeds) and stream a send made on one to a subscriber of the other',
    async () => {
      const environment = {
        DATABASE_URL: url,
        CONFIDE_DATABASE_SCHEMA: schema,
        CONFIDE_DEV: '1',
        // Shared, so a dev token from one process is valid on the other, as with a host's real secret.
        CONFIDE_JWT_SECRET: randomBytes(32).toString('hex'),
      };
      const started = await Promise.all([
        spawnCli(['--port', '0', '--seed', 'demo'], environment),
        spawnCli(['--port', '0', '--seed', 'demo'], environment),
      ]);
      processes.push(...started);
      const [first, second] = started;
      if (!first || !second) throw new Error('The processes did not start');
      const seeded = started.map((process) =>
        process.stderr.some((line) => /"event":"seed".*"changed":true/.test(line)),
      );
      expect(seeded.filter(Boolean)).toHaveLength(1);

      const clientToken = await devToken(second.url, 'daniel.okafor@client.test');
      const response = await fetch(`${second.url}/v1/events`, {
        headers: { Authorization: `Bearer ${clientToken}` },
      });
      const stream = readSse(response);
      expect(await stream.nextComment()).toBe('connected');
      await stream.nextPosition();
      const memberToken = await devToken(first.url, 'ben.cho@rivera-cho.test');
      const sent = await fetch(`${first.url}/v1/conversations/cnv_daniel_work_permit/messages`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${memberToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ body: 'Approved.', idempotencyKey: 'two-processes-1' }),
      });
      expect(sent.status).toBe(201);
      const message = (await sent.json()) as { id: string };
      // The very next frame is the event, not a heartbeat: the notification woke the stream, not a poll.
      const frame = await stream.nextFrame();
      expect(frame).toMatchObject({ kind: 'event', event: 'message.created' });
      expect(frame.kind === 'event' ? JSON.parse(frame.data) : null).toMatchObject({
        data: { message: { id: message.id } },
      });
      await stream.cancel();
    },
    TEST_TIMEOUT_MS,
  );
});
