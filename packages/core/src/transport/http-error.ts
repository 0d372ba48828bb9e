import { ERROR_STATUS, type ErrorCode, ErrorEnvelopeSchema } from '@confide/protocol';
import { ConfideError, type ConfideErrorContext } from '../errors/confide-error.js';

const CODE_BY_STATUS: ReadonlyMap<number, ErrorCode> = new Map(
  (Object.entries(ERROR_STATUS) as [ErrorCode, number][])
    // 409 means both `portal_inactive` and `conflict`; a bare 409 without an envelope is the generic one.
    .filter(([code]) => code !== 'portal_inactive')
    .map(([code, status]) => [status, code]),
);

/**
 * Turns an HTTP error answer into a `ConfideError`. The protocol's error envelope gives the code; an answer
 * without one (a proxy's HTML page, say) gets the code that matches its status, or `invalid_response`.
 */
export function errorFromResponse(
  response: Pick<Response, 'status' | 'headers'>,
  body: unknown,
  context?: ConfideErrorContext,
): ConfideError {
  const { status } = response;
  const envelope = ErrorEnvelopeSchema.safeParse(body);
  const details = envelope.data?.error.details;
  const options = {
    status,
    // The reason (`file_too_large`, `already_attached`, …) is an id-like word, never user text.
    context: details?.reason === undefined ? context : { ...context, reason: details.reason },
    retryAfterSeconds: details?.retryAfterSeconds ?? retryAfterHeader(response.headers),
    ...(details?.issues ? { issues: details.issues } : {}),
  };
  if (envelope.success)
    return new ConfideError(envelope.data.error.code, envelope.data.error.message, options);
  const code = CODE_BY_STATUS.get(status) ?? (status >= 500 ? 'internal' : 'invalid_response');
  return new ConfideError(code, `The server answered ${status} without a Confide error body`, options);
}

/** The `Retry-After` header in seconds, when it is a number of seconds (the HTTP-date form is ignored). */
function retryAfterHeader(headers: Headers): number | undefined {
  const value = headers.get('retry-after');
  return value !== null && /^\d+$/.test(value.trim()) ? Number(value) : undefined;
}
