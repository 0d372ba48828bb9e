import { SignJWT } from 'jose';
import { encodeSecret, type TokenClaims } from './token-verifier.js';

/** How long a dev-mode token lasts: a working day, so demo sessions do not expire mid-demo. */
export const DEV_TOKEN_TTL_SECONDS = 8 * 60 * 60;

/**
 * Signs an HS256 token with Confide's claims, as a host backend would (dev mode and tests use it).
 * `expiresInSeconds` may be negative to make an already expired token.
 */
export async function signToken(
  claims: TokenClaims,
  options: { readonly secret: string; readonly now: Date; readonly expiresInSeconds?: number },
): Promise<string> {
  const issuedAt = Math.floor(options.now.getTime() / 1000);
  return new SignJWT({ role: claims.role, firm: claims.firm })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + (options.expiresInSeconds ?? DEV_TOKEN_TTL_SECONDS))
    .sign(encodeSecret(options.secret));
}
