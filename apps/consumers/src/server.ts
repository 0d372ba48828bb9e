import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

/** The reference server, started by the Node host's own script from `@confide/server/node`. */
export interface StartedServer {
  readonly url: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

const READY = /Confide server listening on (http:\/\/\S+)/;
/** PGlite creates a new data folder in a few seconds; a busy shared machine takes longer. */
const START_TIMEOUT_MS = 90_000;

export function startServer(nodeHost: string, dataDir: string, allowedOrigins: readonly string[]) {
  const child = spawn(
    process.execPath,
    [join(nodeHost, 'start-server.mjs'), dataDir, allowedOrigins.join(',')],
    {
      cwd: nodeHost,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  return new Promise<StartedServer>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start within ${START_TIMEOUT_MS} ms:\n${output}`));
    }, START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = READY.exec(output);
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolve({
        url: match[1],
        process: child,
        async stop() {
          if (child.exitCode !== null) return;
          const exited = once(child, 'exit');
          child.kill('SIGTERM');
          await exited;
        },
      });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before it was ready:\n${output}`));
    });
  });
}
