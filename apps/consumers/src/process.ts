import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';

/** How long a process gets to exit after SIGTERM before it is killed, in milliseconds. */
const STOP_GRACE_MS = 10_000;

/** A long-running child process that has said it is ready. */
export interface StartedProcess {
  /** The first capture group of the ready pattern (an address), or the whole match. */
  readonly ready: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts a process and resolves once its output matches `ready`; rejects if it exits or takes too long. */
export function startProcess(
  command: string,
  args: readonly string[],
  options: {
    readonly cwd: string;
    readonly env?: NodeJS.ProcessEnv;
    readonly ready: RegExp;
    readonly timeoutMs: number;
  },
): Promise<StartedProcess> {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} was not ready within ${options.timeoutMs} ms:\n${output}`));
    }, options.timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = options.ready.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.stderr.off('data', onData);
      resolve({
        ready: match[1] ?? match[0],
        child,
        async stop() {
          if (child.exitCode !== null || child.signalCode !== null) return;
          const exited = once(child, 'exit');
          child.kill('SIGTERM');
          // A graceful close waits for open connections (a browser's event stream); the run must not.
          const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
          await exited;
          clearTimeout(timer);
        },
      });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited (${code}) before it was ready:\n${output}`));
    });
  });
}
