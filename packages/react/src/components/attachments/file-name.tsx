/** Names up to this many characters (graphemes) show whole; longer ones lose their middle when space runs out. */
const SPLIT_FROM = 24;
/** Characters of the name's stem kept visible before the extension when the middle is cut. */
const KEPT_STEM_END = 5;

const segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(undefined) : undefined;

function graphemes(text: string): string[] {
  return segmenter ? Array.from(segmenter.segment(text), (part) => part.segment) : Array.from(text);
}

/** A long name's two halves: the start (cut with an ellipsis when space runs out) and the end it always shows. */
export function splitFileName(name: string): readonly [string, string] {
  const characters = graphemes(name);
  if (characters.length <= SPLIT_FROM) return [name, ''];
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? graphemes(name.slice(dot)).length : 0;
  const kept = Math.min(extension + KEPT_STEM_END, characters.length - 1);
  return [characters.slice(0, -kept).join(''), characters.slice(-kept).join('')];
}

/**
 * A file's name in its own direction, isolated from the kit's words around it. A long name is cut in the middle only
 * visually (the extension stays in view): the whole name stays in the text, so screen readers and copying get it all,
 * and it shows in full on hover.
 */
export function FileName({ name, id }: { readonly name: string; readonly id?: string }) {
  const [start, end] = splitFileName(name);
  return (
    <bdi id={id} className="confide-file-name" dir="auto" title={name}>
      <span className="confide-file-name-start">{start}</span>
      {end && <span className="confide-file-name-end">{end}</span>}
    </bdi>
  );
}
