import { ErrorEnvelopeSchema, routes } from '@confide/protocol';
import type { FetchApp } from './mock-fetch.js';

/** Dev tokens for demo people, straight from the app (no network, no scenario). */
export interface TokenSource {
  tokenFor(email: string): Promise<string>;
}

/** Thrown when the mock refuses a dev token: `code` is the protocol's error code (`portal_inactive`, `not_found`). */
export class MockTokenError extends Error {
  override readonly name = 'MockTokenError';
  constructor(
    readonly email: string,
    readonly code: string,
  ) {
    super(`No dev token for ${email}: ${code}`);
  }
}

// Any origin works: the app routes by path, and this request never leaves the process.
const LOCAL_ORIGIN = 'http://confide.local';

async function requestToken(app: FetchApp, email: string): Promise<string> {
  const response = await app.fetch(
    new Request(new URL(routes.issueDevToken.path, LOCAL_ORIGIN), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email }),
    }),
  );
  const json: unknown = await response.json();
  if (!response.ok) {
    const envelope = ErrorEnvelopeSchema.safeParse(json);
    throw new MockTokenError(email, envelope.success ? envelope.data.error.code : `http_${response.status}`);
  }
  return routes.issueDevToken.response.parse(json).token;
}

/** Caches one token per address (dev tokens last a working day); a refused address is asked again next time. */
export function createTokenSource(app: FetchApp, ready: Promise<unknown>): TokenSource {
  const cache = new Map<string, Promise<string>>();
  return {
    tokenFor(email) {
      const key = email.toLowerCase();
      const cached = cache.get(key);
      if (cached) return cached;
      const token = ready.then(() => requestToken(app, key));
      cache.set(key, token);
      token.catch(() => cache.delete(key));
      return token;
    },
  };
}
