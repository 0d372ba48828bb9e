import type { IdGenerator } from '../lib/ids.js';

/** A caller's request id is kept only if it is short and plain, so it is safe to log and echo. */
const INCOMING_REQUEST_ID_PATTERN = /^[A-Za-z0-9_.:-]{8,100}$/;

/** The request's id: the caller's `X-Request-Id` when it is safe, otherwise a new one. */
export function chooseRequestId(request: Request, createId: IdGenerator): string {
  const incoming = request.headers.get('x-request-id');
  return incoming !== null && INCOMING_REQUEST_ID_PATTERN.test(incoming) ? incoming : createId('req');
}
