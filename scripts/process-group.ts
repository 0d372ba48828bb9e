/**
 * Stopping a command started in its own process group (`spawn(…, { detached: true })`), as `pnpm start` and the
 * end-to-end stack start theirs: the whole group, so that pnpm and the node or vite process it started go too.
 */
import type { ChildProcess } from 'node:child_process';

/** How long a process group gets to exit after SIGTERM before it is killed, in milliseconds. */
export const STOP_GRACE_MS = 5_000;

/** Sends the child's process group SIGTERM, then SIGKILL after `graceMs`; resolves when the child has exited. */
export function stopProcessGroup(child: ChildProcess, graceMs = STOP_GRACE_MS): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return resolve();
    const pid = child.pid;
    const timer = setTimeout(() => {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {}
    }, graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}
