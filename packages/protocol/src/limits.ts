// Every "characters" below counts grapheme clusters, what a person sees (`countGraphemes`).

/**
 * Most code points in one character (grapheme cluster). The longest emoji sequences take 10 (a kiss with two skin
 * tones), Indic conjuncts and Tibetan stacks fewer than 16, and Unicode's stream-safe text format (UAX #15) allows
 * 30 combining marks in a row. A "character" of thousands (stacked marks, an endless chain of joined emoji, a run
 * of Hangul jamo) would let a 200-character subject weigh a megabyte and draw over the lines around it.
 */
export const CHARACTER_MAX_CODE_POINTS = 32;
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
/**
 * Largest request body the server reads, in bytes: a body of 20,000 characters is 20,000 grapheme clusters, and
 * common ones take up to 41 bytes of UTF-8 (a family emoji with skin tones), plus JSON overhead.
 */
export const REQUEST_BODY_MAX_BYTES = 1024 * 1024;
/** Idempotency keys are 8–100 characters of `[A-Za-z0-9_-]`. */
export const IDEMPOTENCY_KEY_MIN_LENGTH = 8;
/** Longest idempotency key. */
export const IDEMPOTENCY_KEY_MAX_LENGTH = 100;
/** Most notification ids in one `POST /v1/notifications/read`. */
export const NOTIFICATION_IDS_MAX = 100;
/** Longest matter label, in characters after trimming. */
export const MATTER_LABEL_MAX_LENGTH = 200;
/** Longest matter reference (the host app's id of the matter), in characters after trimming. */
export const MATTER_ID_MAX_LENGTH = 100;
/** Longest person's or firm's name, in characters after trimming. */
export const NAME_MAX_LENGTH = 200;
/** Longest message preview in a conversation summary, in characters (an ellipsis included). */
export const PREVIEW_MAX_LENGTH = 200;
