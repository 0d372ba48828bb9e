/** Longest subject, in characters after trimming. */
export const SUBJECT_MAX_LENGTH = 200;
/** Longest message body, in characters. */
export const BODY_MAX_LENGTH = 20_000;
/** Longest template name, in characters after trimming. */
export const TEMPLATE_NAME_MAX_LENGTH = 100;
/** Longest search query, in characters. */
export const QUERY_MAX_LENGTH = 200;
/** Largest page a list route returns. */
export const PAGE_SIZE_MAX = 100;
/** Page size when the caller gives none. */
export const PAGE_SIZE_DEFAULT = 30;
/** Largest request body the server reads, in bytes (a 20,000-character body in 4-byte UTF-8 plus JSON overhead). */
export const REQUEST_BODY_MAX_BYTES = 128 * 1024;
/** Idempotency keys are 8–100 characters of `[A-Za-z0-9_-]`. */
export const IDEMPOTENCY_KEY_MIN_LENGTH = 8;
/** Longest idempotency key. */
export const IDEMPOTENCY_KEY_MAX_LENGTH = 100;
/** Most notification ids in one `POST /v1/notifications/read`. */
export const NOTIFICATION_IDS_MAX = 100;
/** Longest matter label, in characters. */
export const MATTER_LABEL_MAX_LENGTH = 200;
