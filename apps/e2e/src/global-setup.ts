import { startPreview, startServer } from './stack.js';

/** Starts the server and both built apps once per run; the returned function stops them all. */
export default async function globalSetup() {
  const server = await startServer();
  const apps = await Promise.all([startPreview('firm'), startPreview('portal')]).catch(async (error) => {
    await server.stop();
    throw error;
  });
  const [firm, portal] = apps;
  process.env.CONFIDE_E2E_API_URL = server.url;
  process.env.CONFIDE_E2E_FIRM_URL = firm.url;
  process.env.CONFIDE_E2E_PORTAL_URL = portal.url;
  return async () => {
    await Promise.all([firm.stop(), portal.stop(), server.stop()]);
  };
}
