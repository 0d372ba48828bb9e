/**
 * What a person sees in text, defined once for the protocol, the server, the SDK and the kit
 * (shared/DESIGN.md, Text). Every limit counts grapheme clusters (UAX #29, through `Intl.Segmenter`).
 */

let segmenter: Intl.Segmenter | undefined;

// Printable ASCII (plus tab and line feed) is one grapheme per code unit, which skips the segmenter on most text.
const SIMPLE_TEXT = /^[\t\n\x20-\x7e]*$/;

/** Counts the grapheme clusters of `text`: what a person would call its characters ("👍🏽" is 1, "e\u0301" is 1). */
export function countGraphemes(text: string): number {
  if (SIMPLE_TEXT.test(text)) return text.length;
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  let count = 0;
  for (const _ of segmenter.segment(text)) count += 1;
  return count;
}

// Whitespace, controls, format characters and every default-ignorable code point (zero-width spaces and joiners,
// bidi controls, variation selectors, tags, the Hangul fillers), plus the Braille blank, which renders as nothing.
const INVISIBLE = /^[\s\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]*$/u;

/** True when `text` has at least one character that a person can see; text made only of invisible characters is empty. */
export function hasVisibleText(text: string): boolean {
  return !INVISIBLE.test(text);
}

// C0 controls other than tab, line feed and carriage return; lone surrogates (a UTF-16 half with no partner).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching these control characters is the point of the rule.
const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Why `text` cannot be stored as sent, or `undefined` when it can: `'control'` for a C0 control character other than
 * tab and line breaks (NUL among them), `'surrogate'` for a lone UTF-16 surrogate (it has no Unicode meaning and
 * would be stored as U+FFFD, so the record would differ from what was sent).
 */
export function findForbiddenCharacter(text: string): 'control' | 'surrogate' | undefined {
  if (FORBIDDEN_CONTROL.test(text)) return 'control';
  if (LONE_SURROGATE.test(text)) return 'surrogate';
  return undefined;
}
