import { ConfideError, type GetToken } from '@confide/core';
import { DevTokenResponseSchema, ErrorEnvelopeSchema, routes } from '@confide/protocol';

/** How long a dev token is reused before a new one is asked for, in milliseconds (the server's last 8 hours). */
const TOKEN_REUSE_MS = 60 * 60 * 1000;

/** A signed-in demo person: their e-mail address and the token source the SDK's transport asks. */
export interface DevSession {
  /** The demo person's e-mail address. */
  readonly email: string;
  /** Hands the transport a dev token; asks the server again after a 401 or once the token is old. */
  readonly getToken: GetToken;
}

async function requestDevToken(apiUrl: string, email: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(`${apiUrl}${routes.issueDevToken.path}`, {
      method: routes.issueDevToken.method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email }),
    });
  } catch (cause) {
    throw new ConfideError('network', 'The Confide server cannot be reached', { cause });
  }
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const envelope = ErrorEnvelopeSchema.safeParse(json);
    if (envelope.success) throw new ConfideError(envelope.data.error.code, envelope.data.error.message);
    throw new ConfideError('internal', `The server answered ${response.status}`, { status: response.status });
  }
  return DevTokenResponseSchema.parse(json).token;
}

/**
 * A session for one demo person, with tokens from the reference server's dev-mode route. A host app would get
 * its tokens from its own backend instead; the token stays in memory and is never written to storage.
 */
export function createDevSession(apiUrl: string, email: string): DevSession {
  let current: { readonly token: Promise<string>; readonly issuedAt: number } | undefined;
  const getToken: GetToken = ({ reason }) => {
    const fresh = current && Date.now() - current.issuedAt < TOKEN_REUSE_MS;
    if (!current || !fresh || reason === 'unauthenticated') {
      const token = requestDevToken(apiUrl, email);
      current = { token, issuedAt: Date.now() };
      // A failed request is not reused: the next call asks again.
      token.catch(() => {
        current = undefined;
      });
    }
    return current.token;
  };
  return { email, getToken };
}
