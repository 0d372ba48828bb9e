// The explicit bidi formatting characters: embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI).
const EXPLICIT_BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/g;

/**
 * A name as it may be shown when its characters must appear in the order they are stored: a file name whose real
 * extension a U+202E RIGHT-TO-LEFT OVERRIDE hides (`report\u202etxt.bat` shows as "reporttab.txt") is shown
 * without its embeddings, overrides and isolates, so it reads "reporttxt.bat". Letters of any script keep their
 * natural direction, and the marks (LRM, RLM, ALM) stay, since they cannot reverse letters.
 */
export function withoutBidiControls(text: string): string {
  return text.replace(EXPLICIT_BIDI_CONTROL, '');
}
