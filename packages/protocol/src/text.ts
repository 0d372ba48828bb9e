import { CHARACTER_MAX_CODE_POINTS } from './limits.js';

/**
 * What a person sees in text, defined once for the protocol, the server, the SDK and the kit
 * (shared/DESIGN.md, Text). Every limit counts grapheme clusters (UAX #29, through `Intl.Segmenter`).
 */

let segmenter: Intl.Segmenter | undefined;

function graphemes(text: string): Intl.Segments {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return segmenter.segment(text);
}

// Printable ASCII (plus tab and line feed) is one grapheme per code unit, which skips the segmenter on most text.
const SIMPLE_TEXT = /^[\t\n\x20-\x7e]*$/;

/** Counts the grapheme clusters of `text`: what a person would call its characters ("👍🏽" is 1, "e\u0301" is 1). */
export function countGraphemes(text: string): number {
  if (SIMPLE_TEXT.test(text)) return text.length;
  let count = 0;
  for (const _ of graphemes(text)) count += 1;
  return count;
}

// Whitespace, controls, format characters and every default-ignorable code point (zero-width spaces and joiners,
// bidi controls, variation selectors, tags, the Hangul fillers), plus the fillers and blanks that render as nothing
// without being default-ignorable: the Braille blank and the Khitan small script filler.
const INVISIBLE = /^[\s\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\u2800\u{16fe4}]*$/u;
// The prepended concatenation marks are format characters with a glyph of their own (the Arabic number sign, the
// end of ayah, the Kaithi number sign…), so text made of them is not empty.
const PREPENDED_CONCATENATION_MARK = /[\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u{110bd}\u{110cd}]/u;

/** True when `text` has at least one character that a person can see; text made only of invisible characters is empty. */
export function hasVisibleText(text: string): boolean {
  return !INVISIBLE.test(text) || PREPENDED_CONCATENATION_MARK.test(text);
}

/** The first `count` grapheme clusters of `text` (all of it when it is shorter), never splitting a character. */
export function sliceGraphemes(text: string, count: number): string {
  if (SIMPLE_TEXT.test(text)) return text.slice(0, count);
  let end = 0;
  let taken = 0;
  for (const { segment } of graphemes(text)) {
    if (taken === count) break;
    end += segment.length;
    taken += 1;
  }
  return text.slice(0, end);
}

// C0 controls other than tab, line feed and carriage return; lone surrogates (a UTF-16 half with no partner).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching these control characters is the point of the rule.
const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether one character of `text` is made of more than `CHARACTER_MAX_CODE_POINTS` code points. */
function hasOverlongCharacter(text: string): boolean {
  // A character of more code points than that has more UTF-16 units too, so text this short has none.
  if (text.length <= CHARACTER_MAX_CODE_POINTS || SIMPLE_TEXT.test(text)) return false;
  for (const { segment } of graphemes(text)) {
    if (segment.length > CHARACTER_MAX_CODE_POINTS && [...segment].length > CHARACTER_MAX_CODE_POINTS)
      return true;
  }
  return false;
}

/**
 * Why `text` cannot be stored as sent, or `undefined` when it can: `'control'` for a C0 control character other than
 * tab and line breaks (NUL among them), `'surrogate'` for a lone UTF-16 surrogate (it has no Unicode meaning and
 * would be stored as U+FFFD, so the record would differ from what was sent), `'overlong'` for a character (grapheme
 * cluster) of more than `CHARACTER_MAX_CODE_POINTS` code points, which every limit would count as one.
 */
export function findForbiddenCharacter(text: string): 'control' | 'surrogate' | 'overlong' | undefined {
  if (FORBIDDEN_CONTROL.test(text)) return 'control';
  if (LONE_SURROGATE.test(text)) return 'surrogate';
  if (hasOverlongCharacter(text)) return 'overlong';
  return undefined;
}

/**
 * Text as search compares it: Unicode compatibility normalisation (NFKC, UAX #15), then lower case. Spellings a
 * person cannot tell apart then compare equal: an accent typed as a combining mark or precomposed, Hangul as jamo
 * or syllables, full-width Latin from an input method's full-width mode, Arabic presentation forms copied from a
 * PDF. The server's SQL stores fold the same way with PostgreSQL's `lower(normalize(…, NFKC))`.
 */
export function searchFold(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Whether `text` contains `query` once both are folded by `searchFold`; the query is taken literally. */
export function searchContains(text: string, query: string): boolean {
  return searchFold(text).includes(searchFold(query));
}
