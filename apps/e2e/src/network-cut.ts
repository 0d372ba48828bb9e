import type { BrowserContext, Request } from '@playwright/test';

/**
 * Where a connection drops relative to the server: `before` it reaches the server (nothing happened there), or
 * `after` the server processed the request and answered (its answer is lost on the way back).
 */
export type CutMoment = 'before' | 'after';

/** What a cut saw: how many matching requests the browser made, the first one being the cut one. */
export interface CutRecord {
  readonly requests: number;
}

/**
 * Drops the connection of the first request of `context` that `matches`, at `moment`; later matching requests
 * go through unchanged. The page sees what a dropped connection gives it: a failed fetch, no answer.
 */
export async function cutFirst(
  context: BrowserContext,
  matches: (request: Request) => boolean,
  moment: CutMoment,
): Promise<CutRecord> {
  const record = { requests: 0 };
  await context.route('**/*', async (route) => {
    const request = route.request();
    if (!matches(request)) return route.fallback();
    record.requests += 1;
    if (record.requests > 1) return route.continue();
    if (moment === 'after') await route.fetch();
    return route.abort('connectionreset');
  });
  return record;
}

/**
 * Answers the first request of `context` that `matches` with `status` and the server's error shape (what a
 * failing server or proxy sends), without passing it on; later matching requests go through unchanged.
 */
export async function answerFirst(
  context: BrowserContext,
  matches: (request: Request) => boolean,
  status: number,
): Promise<CutRecord> {
  const record = { requests: 0 };
  await context.route('**/*', async (route) => {
    if (!matches(route.request())) return route.fallback();
    record.requests += 1;
    if (record.requests > 1) return route.continue();
    return route.fulfill({
      status,
      contentType: 'application/json',
      body: JSON.stringify({ error: { code: 'internal', message: 'Unavailable' } }),
    });
  });
  return record;
}
