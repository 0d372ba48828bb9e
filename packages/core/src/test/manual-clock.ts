import type { Clock } from '../lib/clock.js';

/** Timers that run only when the test runs them: a wait on this clock never ends by itself. */
export function manualClock() {
  const timers = new Map<number, { readonly run: () => void; readonly delayMs: number }>();
  let last = 0;
  const clock: Clock = {
    now: () => Date.now(),
    setTimeout(run, delayMs) {
      last += 1;
      timers.set(last, { run, delayMs });
      return last;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
  };
  return {
    clock,
    /** The delays of the timers still pending, in milliseconds. */
    pending: () => [...timers.values()].map((timer) => timer.delayMs),
    /** Runs every pending timer now. */
    runAll() {
      const due = [...timers.values()];
      timers.clear();
      for (const timer of due) timer.run();
    },
  };
}

/** Resolves once `check` holds, looking again every millisecond. */
export async function eventually(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 1));
}
