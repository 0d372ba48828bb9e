import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { signToken } from '../auth/sign-token.js';
import type { Notifier } from '../events/notifier.js';
import { seedDemo } from '../seed/demo.js';
import { DEMO_IDS } from '../seed/demo-data.js';
import { readSse } from '../testing/read-sse.js';
import { createPostgresNotifier } from './postgres-notifier.js';
import { openPostgresStore } from './postgres-store.js';
import type { SqlStore } from './sql-store-handle.js';
import {
  dropTestSchema,
  POSTGRES_SKIP_REASON,
  TEST_DATABASE_URL,
  uniqueTestSchema,
} from './testing/postgres-test-schema.js';

const url = TEST_DATABASE_URL;
const SECRET = 'confide-notifier-test-secret-0123456789';

describe.skipIf(url === undefined)(
  `LISTEN/NOTIFY across server instances${url === undefined ? ` (${POSTGRES_SKIP_REASON})` : ''}`,
  () => {
    const schema = uniqueTestSchema('confide_notify');
    const instances: { store: SqlStore; notifier: Notifier; app: ReturnType<typeof createApp> }[] = [];

    beforeAll(async () => {
      // Two instances as two processes would have them: each its own pool, listening connection and app.
      for (let index = 0; index < 2; index += 1) {
        const store = await openPostgresStore({ url: url ?? '', schema, poolSize: 3 });
        const notifier = await createPostgresNotifier({ url: url ?? '', schema });
        const app = createApp({
          store,
          notifier,
          auth: { secret: SECRET },
          // Far beyond the test timeout: the stream may only wake on the notification, never by polling.
          heartbeatIntervalMs: 600_000,
          portalUrl: 'https://portal.example.test',
          firmAppUrl: 'https://firm.example.test',
          logger: false,
        });
        instances.push({ store, notifier, app });
      }
      await seedDemo(instances[0]?.store ?? raise());
    }, 60_000);

    afterAll(async () => {
      for (const instance of instances) {
        await instance.notifier.close?.();
        await instance.store.close();
      }
      if (url !== undefined) await dropTestSchema(url, schema);
    });

    it('delivers an event of a send on instance A to a subscriber connected to instance B', async () => {
      const [first, second] = instances;
      if (!first || !second) throw new Error('The instances did not start');
      const clientToken = await signToken(
        { sub: DEMO_IDS.daniel, role: 'client', firm: DEMO_IDS.riveraCho },
        { secret: SECRET, now: new Date() },
      );
      const memberToken = await signToken(
        { sub: DEMO_IDS.ben, role: 'member', firm: DEMO_IDS.riveraCho },
        { secret: SECRET, now: new Date() },
      );
      const response = await second.app.request('/v1/events', {
        headers: { Authorization: `Bearer ${clientToken}` },
      });
      const stream = readSse(response);
      expect(await stream.nextComment()).toBe('connected');
      const sent = await first.app.request('/v1/conversations/cnv_daniel_work_permit/messages', {
        method: 'POST',
        headers: { Authorization: `Bearer ${memberToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ body: 'Your permit was approved.', idempotencyKey: 'notify-across-1' }),
      });
      expect(sent.status).toBe(201);
      const message = (await sent.json()) as { id: string };
      const event = await stream.nextEvent();
      expect(event.event).toBe('message.created');
      expect(event.data).toMatchObject({ type: 'message.created', data: { message: { id: message.id } } });
      await stream.cancel();
    });
  },
);

function raise(): never {
  throw new Error('The first instance did not start');
}
