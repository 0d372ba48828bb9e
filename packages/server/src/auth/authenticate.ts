import { resolveViewer, type ViewerIdentity } from '../domain/viewer.js';
import { ApiError } from '../errors/api-error.js';
import type { StoreQueries } from '../store/store.js';
import type { TokenVerifier } from './token-verifier.js';

const BEARER_PATTERN = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i;

/** A signed-in request: who it is and until when the token is valid. */
export interface Authenticated {
  readonly viewer: ViewerIdentity;
  readonly expiresAt: Date;
}

/** The viewer of a request, from its `Authorization: Bearer` token only; `unauthenticated` otherwise. */
export async function authenticate(
  request: Request,
  verifyToken: TokenVerifier,
  store: StoreQueries,
  now: Date,
): Promise<Authenticated> {
  const match = BEARER_PATTERN.exec(request.headers.get('authorization') ?? '');
  if (!match?.[1]) throw new ApiError('unauthenticated', 'A bearer token is required');
  const { claims, expiresAt } = await verifyToken(match[1], now);
  return { viewer: await resolveViewer(store, claims), expiresAt };
}
