import { createServer } from 'node:net';
import { API_PORT, FIRM_PORT, PORTAL_PORT, startPreview, startServer } from './stack.js';

function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', () =>
      reject(new Error(`Port ${port} is in use: the end-to-end tests need it (is \`pnpm start\` running?)`)),
    );
    probe.listen(port, () => probe.close(() => resolve()));
  });
}

/** Starts the server and both built apps once per run; the returned function stops them all. */
export default async function globalSetup() {
  for (const port of [API_PORT, FIRM_PORT, PORTAL_PORT]) await assertPortFree(port);
  const server = await startServer();
  const started = await Promise.allSettled([startPreview('firm'), startPreview('portal')]);
  const [firm, portal] = started.map((result) => (result.status === 'fulfilled' ? result.value : null));
  if (!firm || !portal) {
    await Promise.all([server.stop(), firm?.stop(), portal?.stop()]);
    const failure = started.find((result) => result.status === 'rejected');
    throw failure?.status === 'rejected' ? failure.reason : new Error('An app did not start');
  }
  process.env.CONFIDE_E2E_API_URL = server.url;
  process.env.CONFIDE_E2E_FIRM_URL = firm.url;
  process.env.CONFIDE_E2E_PORTAL_URL = portal.url;
  return async () => {
    await Promise.all([firm.stop(), portal.stop(), server.stop()]);
  };
}
