/**
 * `pnpm start` until the embedded database lands: the server on the in-memory store with the demo data, in dev
 * mode (dev tokens and the mail viewer). Everything is lost when the process ends.
 */
import { randomBytes } from 'node:crypto';
import { serve } from '@hono/node-server';
import { createApp, createMemoryStore, seedDemo } from '../src/index.js';

const port = Number(process.env.PORT ?? 8787);
const store = createMemoryStore();
await seedDemo(store);
const shutdown = new AbortController();
const app = createApp({
  store,
  auth: { secret: process.env.CONFIDE_JWT_SECRET ?? randomBytes(32).toString('hex') },
  dev: true,
  portalUrl: process.env.CONFIDE_PORTAL_URL ?? 'http://localhost:5174',
  firmAppUrl: process.env.CONFIDE_FIRM_APP_URL ?? 'http://localhost:5173',
  allowedOrigins: ['http://localhost:5173', 'http://localhost:5174'],
  shutdownSignal: shutdown.signal,
});
const server = serve({ fetch: app.fetch, port }, (info) => {
  console.log(`confide-server (in-memory, demo data, dev mode) on http://localhost:${info.port}`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    shutdown.abort();
    server.close(() => process.exit(0));
  });
}
