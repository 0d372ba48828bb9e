/** An opaque handle for a scheduled callback. */
export type TimerHandle = unknown;

/** Time and timers, injectable so tests can drive them and `dispose()` can cancel every one. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `callback` after `delayMs` milliseconds. */
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  /** Cancels a callback scheduled with `setTimeout`. */
  clearTimeout(handle: TimerHandle): void;
}

/** The platform clock, resolved at call time so fake timers installed later still apply. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, delayMs) => globalThis.setTimeout(callback, delayMs),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};
