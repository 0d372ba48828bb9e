import { ERROR_STATUS, type ErrorEnvelope } from '@confide/protocol';
import type { ApiError } from '../errors/api-error.js';

/** The protocol's error envelope for an `ApiError`, with its status (and `Retry-After` when rate limited). */
export function errorResponse(error: ApiError, headers?: HeadersInit): Response {
  const envelope: ErrorEnvelope = {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details === undefined ? {} : { details: error.details }),
    },
  };
  const responseHeaders = new Headers(headers);
  responseHeaders.set('Content-Type', 'application/json; charset=utf-8');
  const retryAfter = error.details?.retryAfterSeconds;
  if (retryAfter !== undefined) responseHeaders.set('Retry-After', String(retryAfter));
  return new Response(JSON.stringify(envelope), {
    status: ERROR_STATUS[error.code],
    headers: responseHeaders,
  });
}
