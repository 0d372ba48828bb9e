import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stopProcessGroup } from './process-group.ts';

/** Whether `pid` runs: it exists and is not a zombie (an orphan's exit may wait for a reaper that never comes). */
const isAlive = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
};

describe('stopProcessGroup', () => {
  it.each([
    ['exits on SIGTERM', 'sleep 30 & echo $!; wait'],
    ['ignores SIGTERM and is killed after the grace period', 'trap "" TERM; sleep 30 & echo $!; wait'],
  ])('stops a group whose shell %s, with the process it started', async (_case, script) => {
    const child = spawn('sh', ['-c', script], { detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
    const grandchild = await new Promise<number>((resolve) =>
      child.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))),
    );
    expect(isAlive(grandchild)).toBe(true);
    await stopProcessGroup(child, 200);
    expect(child.exitCode !== null || child.signalCode !== null).toBe(true);
    await expect.poll(() => isAlive(grandchild)).toBe(false);
  });

  it('resolves at once for a child that has already exited', async () => {
    const child = spawn('true', { detached: true });
    await new Promise((resolve) => child.once('exit', resolve));
    await stopProcessGroup(child, 200);
    expect(child.exitCode).toBe(0);
  });
});
