/**
 * The in-memory rate limiter's cost per request as the number of live keys (identities inside their window)
 * grows, next to rate-limiter-flexible's RateLimiterMemory. Prints figures only, asserts nothing. Run from
 * packages/server: `pnpm exec tsx scripts/bench-rate-limiter.ts`.
 */
import { performance } from 'node:perf_hooks';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { createRateLimiter } from '../src/http/rate-limiter.js';

const WINDOW_MS = 60_000;
/** High enough that no measured take is refused: the bench measures bookkeeping, not refusals. */
const LIMIT = 1_000_000;
const MEASURED_TAKES = 2_000;
const ROUNDS = 5;
const LIVE_KEYS = [1_000, 9_000, 10_000, 10_001, 20_000, 50_000, 100_000];
/** Milliseconds between new keys in the churn runs: 3,000, 30,000 and 300,000 keys live at a time. */
const CHURN_GAPS_MS = [20, 2, 0.2];

function manualClock() {
  let now = Date.UTC(2026, 10, 30, 12);
  return {
    now: () => new Date(now),
    advance(milliseconds: number) {
      now += milliseconds;
    },
  };
}

/**
 * Microseconds per call of `take` once `liveKeys` keys are inside their window: the median of `ROUNDS` rounds of
 * `MEASURED_TAKES` calls spread over the live keys (the machine is shared, so single rounds are noisy).
 */
async function perTake(take: (key: string) => Promise<unknown>, liveKeys: number): Promise<number> {
  for (let index = 0; index < liveKeys; index += 1) await take(`client:${index}`);
  const rounds: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const started = performance.now();
    for (let index = 0; index < MEASURED_TAKES; index += 1) {
      await take(`client:${(index * 7919 + round) % liveKeys}`);
    }
    rounds.push(((performance.now() - started) * 1000) / MEASURED_TAKES);
  }
  return rounds.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)] ?? Number.NaN;
}

/**
 * New keys only (a dev-token limiter keyed by posted e-mail addresses sees this), one per `gapMs`: after a first
 * pass fills the window, microseconds per take while `WINDOW_MS / gapMs` keys are live and as many expire.
 */
async function churn(gapMs: number): Promise<number> {
  const clock = manualClock();
  const limiter = createRateLimiter({ limit: 5, windowMs: WINDOW_MS }, clock);
  const total = Math.max(20_000, (2 * WINDOW_MS) / gapMs);
  let started = 0;
  for (let index = 0; index < 2 * total; index += 1) {
    if (index === total) started = performance.now();
    await limiter.take(`dev-token:someone${index}@example.test`);
    clock.advance(gapMs);
  }
  return ((performance.now() - started) * 1000) / total;
}

// Warm both up first, so the first row does not carry the JIT's work.
const warmOurs = createRateLimiter({ limit: LIMIT, windowMs: WINDOW_MS }, manualClock());
const warmFlexible = new RateLimiterMemory({ points: LIMIT, duration: WINDOW_MS / 1000 });
await perTake((key) => warmOurs.take(key), 5_000);
await perTake((key) => warmFlexible.consume(key), 5_000);

console.log(
  `${'live keys'.padEnd(10)}${'ours µs/take'.padStart(16)}${'RateLimiterMemory µs/take'.padStart(28)}`,
);
for (const liveKeys of LIVE_KEYS) {
  const ours = createRateLimiter({ limit: LIMIT, windowMs: WINDOW_MS }, manualClock());
  const flexible = new RateLimiterMemory({ points: LIMIT, duration: WINDOW_MS / 1000 });
  const oursMicros = await perTake((key) => ours.take(key), liveKeys);
  const flexibleMicros = await perTake((key) => flexible.consume(key), liveKeys);
  console.log(
    `${liveKeys.toLocaleString('en').padEnd(10)}${oursMicros.toFixed(2).padStart(16)}${flexibleMicros.toFixed(2).padStart(28)}`,
  );
}
for (const gapMs of CHURN_GAPS_MS) {
  const live = (WINDOW_MS / gapMs).toLocaleString('en');
  console.log(`new keys only, ${live} live: ${(await churn(gapMs)).toFixed(2)} µs/take (ours)`);
}
