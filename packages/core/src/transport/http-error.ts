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
  status: number,
  body: unknown,
  context?: ConfideErrorContext,
): ConfideError {
  const withContext = context === undefined ? {} : { context };
  const envelope = ErrorEnvelopeSchema.safeParse(body);
  if (envelope.success) {
    const { code, message, details } = envelope.data.error;
    return new ConfideError(code, message, {
      status,
      ...withContext,
      ...(details?.issues ? { issues: details.issues } : {}),
      ...(details?.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: details.retryAfterSeconds }),
    });
  }
  const code = CODE_BY_STATUS.get(status) ?? (status >= 500 ? 'internal' : 'invalid_response');
  return new ConfideError(code, `The server answered ${status} without a Confide error body`, {
    status,
    ...withContext,
  });
}
