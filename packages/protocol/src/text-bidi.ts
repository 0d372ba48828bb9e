// Unicode bidirectional isolates (UAX #9): FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE.
const FIRST_STRONG_ISOLATE = '\u2068';
const POP_DIRECTIONAL_ISOLATE = '\u2069';
// LRI, RLI and FSI open an isolate; PDI closes the innermost open one.
const ISOLATE_CONTROL = /[\u2066-\u2069]/g;
// Right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic and their presentation forms, the
// right-to-left blocks of the supplementary planes), Arabic digits and every bidi control or mark: text with none of
// them resolves to left-to-right throughout a left-to-right sentence.
const RIGHT_TO_LEFT_OR_BIDI_CONTROL =
  /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\u{10800}-\u{10fff}\u{1e800}-\u{1efff}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/** Options of `isolateBidi`. */
export interface IsolateBidiOptions {
  /**
   * The direction of the sentence the text goes into, when the caller knows it. In a left-to-right sentence, text
   * without right-to-left letters or bidi controls cannot move anything, so it comes back unchanged (a plain-text
   * e-mail keeps a plain name plain). Otherwise the text is always wrapped: in a right-to-left sentence even
   * left-to-right text moves its neighbours (a number after "Dan" joins Dan's left-to-right run).
   * @default 'unknown'
   */
  readonly sentenceDirection?: 'ltr' | 'unknown';
}

/**
 * User text made safe to place inside a sentence of our own where markup cannot isolate it (e-mails, titles, labels,
 * an override that changes a value): wrapped in FSI…PDI, so that it takes its own direction and a U+202E in a name
 * or subject cannot turn the rest of the sentence around. Only an unpaired PDI could end that isolate early, so those
 * are dropped, and isolates the text leaves open are closed; nothing else changes. Embeddings and overrides (LRE,
 * RLE, LRO, RLO) need no care: the closing PDI ends every one opened inside its isolate, and a PDF inside an isolate
 * cannot close anything outside it (UAX #9, X6a and X7).
 */
export function isolateBidi(text: string, options: IsolateBidiOptions = {}): string {
  if (options.sentenceDirection === 'ltr' && !RIGHT_TO_LEFT_OR_BIDI_CONTROL.test(text)) return text;
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
