import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../cli.ts', import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL('../../..', import.meta.url));

/** A `confide-server` child process started from source, for tests. */
export interface CliProcess {
  readonly child: ChildProcess;
  /** The URL from its "listening on" line. */
  readonly url: string;
  /** Every line it wrote to stdout so far. */
  readonly stdout: readonly string[];
  /** Every line it wrote to stderr so far. */
  readonly stderr: readonly string[];
  /** Sends `signal` and resolves with the exit code (null when killed by a signal). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts the CLI from source (tsx) with `args` and extra environment; resolves once it printed its URL. */
export async function spawnCli(
  args: readonly string[],
  environment: Record<string, string>,
): Promise<CliProcess> {
  const child = spawn(process.execPath, ['--conditions=@confide/source', '--import', 'tsx', CLI, ...args], {
    cwd: PACKAGE_DIR,
    env: { ...process.env, DATABASE_URL: '', SMTP_URL: '', CONFIDE_DEV: '', ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  createInterface({ input: child.stderr! }).on('line', (line) => stderr.push(line));
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      stdout.push(line);
      const match = /^confide-server listening on (http:\/\/\S+)$/.exec(line);
      if (match?.[1]) resolve(match[1]);
    });
    exited.then(([code]) => reject(new Error(`confide-server exited (${code}): ${stderr.join('\n')}`)));
  });
  return {
    child,
    url,
    stdout,
    stderr,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      const [code] = await exited;
      return code;
    },
  };
}

/** A dev token for a demo e-mail address from a running dev-mode server. */
export async function devToken(url: string, email: string): Promise<string> {
  const response = await fetch(`${url}/v1/dev/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email }),
  });
  if (!response.ok) throw new Error(`dev token for ${email}: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}
