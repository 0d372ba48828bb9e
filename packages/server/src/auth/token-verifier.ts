import { createRemoteJWKSet, customFetch, type JWTVerifyGetKey, jwtVerify } from 'jose';
import * as z from 'zod';
import { ApiError } from '../errors/api-error.js';

/** Clock skew accepted between the host that signs tokens and this server. */
export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 30;

/** How the server checks the host's tokens: an HS256 shared secret, or the host's JWKS URL (or both). */
export interface AuthOptions {
  /** The HS256 shared secret (at least 32 bytes). Dev mode signs its tokens with it. */
  readonly secret?: string | undefined;
  /** A JWKS URL whose keys sign tokens (RS256, ES256, EdDSA…). */
  readonly jwksUrl?: string | undefined;
  /** When set, tokens must carry this `iss`. */
  readonly issuer?: string | undefined;
  /** When set, tokens must carry this `aud`. */
  readonly audience?: string | undefined;
  /** @default 30 */
  readonly clockToleranceSeconds?: number | undefined;
  /** The fetch that downloads the JWKS (for proxies and tests). @default globalThis.fetch */
  readonly fetch?: typeof fetch | undefined;
}

/** The claims Confide reads from a token. */
export interface TokenClaims {
  readonly sub: string;
  readonly role: 'member' | 'client';
  readonly firm: string;
}

/** A token that checked out: its claims and when it stops being valid (tolerance included). */
export interface VerifiedToken {
  readonly claims: TokenClaims;
  readonly expiresAt: Date;
}

/** Checks a bearer token and returns its claims and expiry; throws `unauthenticated` otherwise. */
export type TokenVerifier = (token: string, now: Date) => Promise<VerifiedToken>;

const ClaimsSchema = z.object({
  sub: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  role: z.enum(['member', 'client']),
  firm: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
});

/**
 * Tokens remembered after their signature and claims checked out. A client sends the same token with every
 * request for its lifetime, so its signature (an HMAC, or a JWKS key) and claims are checked once, not per
 * request; the bound keeps memory flat under many clients (the least recently used token goes first).
 */
const VERIFIED_TOKEN_CACHE_SIZE = 10_000;

/** Shortest HS256 secret accepted: 256 bits, the length of the hash. */
export const MIN_SECRET_BYTES = 32;

/** Encodes a shared secret for jose, refusing one too short to be safe. */
export function encodeSecret(secret: string): Uint8Array {
  const bytes = new TextEncoder().encode(secret);
  if (bytes.length < MIN_SECRET_BYTES)
    throw new TypeError(`The JWT secret must be at least ${MIN_SECRET_BYTES} bytes`);
  return bytes;
}

/** Builds the verifier for `AuthOptions`. */
export function createTokenVerifier(options: AuthOptions): TokenVerifier {
  if (options.secret === undefined && options.jwksUrl === undefined) {
    throw new TypeError('auth needs a secret or a jwksUrl');
  }
  const secret = options.secret === undefined ? undefined : encodeSecret(options.secret);
  const fetchJwks = options.fetch;
  const jwks: JWTVerifyGetKey | undefined =
    options.jwksUrl === undefined
      ? undefined
      : createRemoteJWKSet(
          new URL(options.jwksUrl),
          fetchJwks === undefined
            ? {}
            : { [customFetch]: (url: string, init: RequestInit) => fetchJwks(url, init) },
        );
  const verifyOptions = {
    clockTolerance: options.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS,
    requiredClaims: ['exp', 'sub'],
    ...(options.issuer === undefined ? {} : { issuer: options.issuer }),
    ...(options.audience === undefined ? {} : { audience: options.audience }),
  };

  const verifyWith = async (token: string, now: Date) => {
    const header = token.split('.')[0] ?? '';
    // Route by algorithm so an HS256 token is never checked against a JWKS key and vice versa.
    const isHmac = header.length > 0 && decodeHeaderAlgorithm(header) === 'HS256';
    if (isHmac && secret) {
      return jwtVerify(token, secret, { ...verifyOptions, algorithms: ['HS256'], currentDate: now });
    }
    if (!isHmac && jwks) return jwtVerify(token, jwks, { ...verifyOptions, currentDate: now });
    throw new Error('No key for this token');
  };

  const toleranceSeconds = verifyOptions.clockTolerance;
  const verified = new Map<string, VerifiedToken>();
  return async (token, now) => {
    const known = verified.get(token);
    if (known) {
      verified.delete(token);
      // A token only ever stops being valid by expiring (its signature and claims cannot change).
      if (now.getTime() < known.expiresAt.getTime()) {
        verified.set(token, known);
        return known;
      }
    }
    try {
      const { payload } = await verifyWith(token, now);
      const claims = ClaimsSchema.safeParse(payload);
      if (claims.success && payload.exp !== undefined) {
        const result = { claims: claims.data, expiresAt: new Date((payload.exp + toleranceSeconds) * 1000) };
        verified.set(token, result);
        if (verified.size > VERIFIED_TOKEN_CACHE_SIZE)
          verified.delete(verified.keys().next().value as string);
        return result;
      }
    } catch {
      // Every verification failure answers the same way so callers learn nothing about why.
    }
    throw new ApiError('unauthenticated', 'The token is missing, invalid or expired');
  };
}

function decodeHeaderAlgorithm(encodedHeader: string): string | undefined {
  try {
    const base64 = encodedHeader.replace(/-/g, '+').replace(/_/g, '/');
    const header: unknown = JSON.parse(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')));
    return typeof header === 'object' && header !== null && 'alg' in header && typeof header.alg === 'string'
      ? header.alg
      : undefined;
  } catch {
    return undefined;
  }
}
