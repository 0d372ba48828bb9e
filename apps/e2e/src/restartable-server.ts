import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { freePort } from '../../../scripts/free-port.js';
import { API_PORT, type RunningProcess, serveDemo } from './stack.js';

/**
 * A reference server of a test's own, on its own PGlite data folder and port, that the test can kill with
 * SIGKILL and start again on the same folder and port: the shared server of the global setup must stay up for
 * the other files, and the built apps reach this one through {@link routeAppsTo}.
 */
export interface RestartableServer {
  /** Where it listens, the same after every restart. */
  readonly url: string;
  /** Kills the server's process group with SIGKILL: no request finishes, nothing is flushed or closed. */
  kill(): Promise<void>;
  /** Starts the server again on the same data folder and port; `smtpUrl` turns on mail delivery. */
  start(options?: { readonly smtpUrl?: string }): Promise<void>;
  /** Stops it and removes its data folder. */
  dispose(): Promise<void>;
}

/** Starts a server with the demo data on a new data folder and a free port. */
export async function startRestartableServer(
  options: { readonly smtpUrl?: string } = {},
): Promise<RestartableServer> {
  const data = mkdtempSync(join(tmpdir(), 'confide-e2e-restart-'));
  const port = await freePort();
  let running: RunningProcess | undefined;
  const start = async (startOptions: { readonly smtpUrl?: string } = {}) => {
    running = await serveDemo('restartable server', port, data, startOptions.smtpUrl);
  };
  await start(options);
  return {
    url: `http://127.0.0.1:${port}`,
    async kill() {
      await running?.kill();
      running = undefined;
    },
    start,
    async dispose() {
      await running?.stop();
      running = undefined;
      rmSync(data, { recursive: true, force: true });
    },
  };
}

/**
 * Sends every request a built app makes to the shared server (its build names port 8787) to `server` instead,
 * so the firm app and the portal run unchanged against a server the test can kill.
 */
export async function routeAppsTo(context: BrowserContext, server: RestartableServer): Promise<void> {
  const shared = `http://localhost:${API_PORT}`;
  await context.route(`${shared}/**`, (route) =>
    route.continue({ url: `${server.url}${route.request().url().slice(shared.length)}` }),
  );
}
