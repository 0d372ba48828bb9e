import { join } from 'node:path';
import { type StartedProcess, startProcess } from './process.js';

/** PGlite creates a new data folder in a few seconds; a busy shared machine takes longer. */
const START_TIMEOUT_MS = 90_000;

/** Starts the reference server with the Node host's own script, which uses `@confide/server/node`. */
export function startServer(
  nodeHost: string,
  dataDir: string,
  allowedOrigins: readonly string[],
): Promise<StartedProcess> {
  return startProcess(
    process.execPath,
    [join(nodeHost, 'start-server.mjs'), dataDir, allowedOrigins.join(',')],
    {
      cwd: nodeHost,
      ready: /Confide server listening on (http:\/\/\S+)/,
      timeoutMs: START_TIMEOUT_MS,
    },
  );
}
