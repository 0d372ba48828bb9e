import * as z from 'zod/mini';

/** Every error code the server may answer with. The set is closed: clients may switch on it exhaustively. */
export const ERROR_CODES = [
  'invalid_input',
  'unauthenticated',
  'forbidden',
  'not_found',
  'portal_inactive',
  'conflict',
  'payload_too_large',
  'rate_limited',
  'events_expired',
  'internal',
  'type_not_allowed',
  'attachment_blocked',
  'attachment_unavailable',
  'ticket_invalid',
] as const;

/** The error code schema. */
export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/**
 * The HTTP status that goes with each error code. Where several codes share a status, the generic one comes
 * last, so a reader that maps a bare status back to a code (an answer without an envelope) gets the generic one.
 */
export const ERROR_STATUS: Readonly<Record<ErrorCode, number>> = {
  /** A file's bytes are of a type the firm does not accept (`details.reason`: the detected media type). */
  type_not_allowed: 415,
  /** The malware scanner blocked the file: nobody may download it. */
  attachment_blocked: 410,
  /** A download ticket was already used or has expired (`details.reason`: `used` or `expired`). */
  ticket_invalid: 410,
  /**
   * An upload cannot be used now (`details.reason`: `incomplete`, `already_attached`, `expired`, `scanning` when
   * someone but its sender asks for a file the scanner has not cleared yet, or `no_preview` when a preview ticket is
   * asked for a file that is not a picture browsers draw).
   */
  attachment_unavailable: 409,
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  portal_inactive: 409,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  events_expired: 410,
  internal: 500,
};

/** One offending field of an `invalid_input` error. */
export const FieldIssueSchema = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
});
export type FieldIssue = z.infer<typeof FieldIssueSchema>;

/** The body of every error response: `{"error": {"code", "message", "details"?}}`. */
export const ErrorEnvelopeSchema = z.object({
  error: z.object({
    code: ErrorCodeSchema,
    message: z.string(),
    details: z.optional(
      z.object({
        issues: z.optional(z.array(FieldIssueSchema)),
        retryAfterSeconds: z.optional(z.int().check(z.nonnegative())),
        reason: z.optional(z.string()),
      }),
    ),
  }),
});
export type ErrorEnvelope = z.infer<typeof ErrorEnvelopeSchema>;

/** Turns zod issues into the envelope's field issues (paths only, never the offending values). */
export function toFieldIssues(issues: readonly z.core.$ZodIssue[]): FieldIssue[] {
  return issues.map((issue) => ({
    path: issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment)),
    message: issue.message,
  }));
}
