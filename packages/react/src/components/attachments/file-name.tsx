import { withoutBidiControls } from '../../lib/bidi.js';

/** Characters of the name's stem kept visible before the extension when the middle is cut. */
const KEPT_STEM_END = 5;

const segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(undefined) : undefined;

function graphemes(text: string): string[] {
  return segmenter ? Array.from(segmenter.segment(text), (part) => part.segment) : Array.from(text);
}

/**
 * A name's two halves, split between characters (grapheme clusters, never inside an emoji or a letter with its
 * marks): the start, cut with an ellipsis when space runs out, and the end it always shows (the extension and the
 * last few characters before it). A name of one character has no end.
 */
export function splitFileName(name: string): readonly [string, string] {
  const characters = graphemes(name);
  if (characters.length <= 1) return [name, ''];
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? graphemes(name.slice(dot)).length : 0;
  const kept = Math.min(extension + KEPT_STEM_END, characters.length - 1);
  return [characters.slice(0, -kept).join(''), characters.slice(-kept).join('')];
}

/**
 * A file's name in its own direction, isolated from the kit's words around it, and never reordered by the bidi
 * controls in it, so the extension shown is the real one. When space runs out the name is cut
 * in the middle on screen, keeping its extension in view. The whole name is the element's text (visually hidden
 * by the kit's stylesheet), so screen readers, labels and copying get it all and it shows in full on hover; the
 * two halves the eye sees are drawn from attributes by the stylesheet, so they are neither read out nor copied,
 * and without the stylesheet only the plain name shows.
 */
export function FileName({ name: stored, id }: { readonly name: string; readonly id?: string }) {
  // A bidi override in a name could show a false extension ("invoice\u202efdp.exe" as "invoiceexe.pdf").
  const name = withoutBidiControls(stored);
  const [start, end] = splitFileName(name);
  return (
    <bdi id={id} className="confide-file-name" dir="auto" title={name}>
      <span className="confide-file-name-text">{name}</span>
      <span className="confide-file-name-start" aria-hidden="true" data-text={start} />
      {end && <span className="confide-file-name-end" aria-hidden="true" data-text={end} />}
    </bdi>
  );
}
