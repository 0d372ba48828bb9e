import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopProcessGroup } from '../../../scripts/process-group.js';

/**
 * The processes the end-to-end tests run against: the reference server (`confide-server` on PGlite in a fresh
 * data folder with the demo data, on every run) and the two built apps served by `vite preview`.
 */

/** Where the server listens; the apps' default build talks to it, and its CORS list names the apps' ports. */
export const API_PORT = 8787;
/** Where `vite preview` serves the built firm app (fixed by the server's CORS allow-list). */
export const FIRM_PORT = 5173;
/** Where `vite preview` serves the built client portal. */
export const PORTAL_PORT = 5174;

/** How long a process gets to print its address, in milliseconds (a cold `tsx` start on a busy machine). */
const READY_TIMEOUT_MS = 180_000;

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes are control characters.
const ANSI = /\u001b\[[0-9;]*m/g;
const ADDRESS = /(https?:\/\/(?:localhost|127\.0\.0\.1|\[::1\]):\d+)/;

/** A started process and the address it printed. */
export interface RunningProcess {
  /** The address the process printed once it was ready. */
  readonly url: string;
  /** Stops the process and everything it started. */
  stop(): Promise<void>;
  /** Kills the process and everything it started with SIGKILL, as a crash or an out-of-memory kill would. */
  kill(): Promise<void>;
}

/** Sends the child's process group SIGKILL (no chance to flush or close anything); resolves once it exited. */
function killProcessGroup(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return resolve();
    child.once('exit', () => resolve());
    process.kill(-child.pid, 'SIGKILL');
  });
}

/** Starts a command in its own process group and resolves with the first local address it prints. */
export function startProcess(
  name: string,
  command: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<RunningProcess> {
  const [program, ...args] = command;
  if (!program) throw new Error(`${name}: empty command`);
  const child = spawn(program, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stopProcessGroup(child);
      reject(new Error(`${name} printed no address within ${READY_TIMEOUT_MS} ms:\n${output}`));
    }, READY_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString().replace(ANSI, '');
      const match = ADDRESS.exec(output);
      if (!match?.[1]) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      // Keep draining the pipes so a chatty process never blocks on a full buffer.
      child.stdout?.resume();
      resolve({ url: match[1], stop: () => stopProcessGroup(child), kill: () => killProcessGroup(child) });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${signal ?? `code ${code}`}) before it was ready:\n${output}`));
    });
  });
}

/**
 * Starts the reference server on fresh in-memory demo data, in dev mode (dev tokens, the mail page). With the
 * `confide-server` CLI this becomes `confide-server --port 8787 --data <a new temporary folder> --seed demo`
 * with `CONFIDE_DEV=1`; the tests only need a fresh demo dataset per run and the URL it prints.
 */
export async function startServer(): Promise<RunningProcess> {
  const data = mkdtempSync(join(tmpdir(), 'confide-e2e-'));
  const server = await serveDemo('server', API_PORT, data);
  return {
    ...server,
    async stop() {
      await server.stop();
      rmSync(data, { recursive: true, force: true });
    },
  };
}

/**
 * Runs `confide-server` in dev mode with the demo data on `port` and the PGlite folder `data` (PGlite even when
 * CI has a PostgreSQL up for the store tests), allowing the apps' origins; mail is delivered to `smtpUrl`, or kept
 * for the dev mail page without one.
 */
export function serveDemo(name: string, port: number, data: string, smtpUrl = ''): Promise<RunningProcess> {
  return startProcess(
    name,
    [
      'pnpm',
      '--filter',
      '@confide/server',
      'serve',
      '--port',
      String(port),
      '--seed',
      'demo',
      '--data',
      data,
    ],
    {
      CONFIDE_DEV: '1',
      CONFIDE_ALLOWED_ORIGINS: `http://localhost:${FIRM_PORT},http://localhost:${PORTAL_PORT}`,
      DATABASE_URL: '',
      SMTP_URL: smtpUrl,
    },
  );
}

/** Serves a built app (`vite build` output) with `vite preview` on its fixed port. */
export function startPreview(app: 'firm' | 'portal'): Promise<RunningProcess> {
  return startProcess(app, ['pnpm', '--filter', `@confide/app-${app}`, 'preview']);
}
