// Unicode bidirectional isolates (UAX #9): FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE.
const FIRST_STRONG_ISOLATE = '\u2068';
const POP_DIRECTIONAL_ISOLATE = '\u2069';
// LRI, RLI, FSI open an isolate; PDI closes the innermost open one.
const ISOLATE_CONTROL = /[\u2066-\u2069]/g;

/**
 * User text made safe to place inside one of the kit's own sentences ("Elena replied in “…”"): wrapped in an isolate
 * that takes its direction from the text itself, so right-to-left text keeps its order and bidi controls in it (an
 * unpaired U+202E RIGHT-TO-LEFT OVERRIDE, say) end with it instead of reordering the kit's words. A closing isolate
 * without an opener in the text is dropped, and isolates the text leaves open are closed, so the wrapper pairs up.
 */
export function isolate(text: string): string {
  let open = 0;
  const balanced = text.replace(ISOLATE_CONTROL, (control) => {
    if (control !== POP_DIRECTIONAL_ISOLATE) {
      open += 1;
      return control;
    }
    if (open === 0) return '';
    open -= 1;
    return control;
  });
  return FIRST_STRONG_ISOLATE + balanced + POP_DIRECTIONAL_ISOLATE.repeat(open + 1);
}

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
