import { type FileKind, fileKindOf } from './file-type.js';

// One small glyph per kind, drawn inside the page outline (16 × 16 view box).
const MARKS: Record<FileKind, string> = {
  pdf: 'M5 9h2a1 1 0 0 1 0 2H6v1.5H5V9Zm1 1v0.5h1V10H6Zm3-1h1.2a1.8 1.8 0 0 1 0 3.5H9V9Zm1 1v1.5a.8.8 0 0 0 0-1.5Z',
  image: 'M4.5 12.5 7 9l1.8 2.2L10 10l1.5 2.5h-7ZM10 7.2a1 1 0 1 0 0-.01Z',
  sheet: 'M4.5 8h7v4.5h-7V8Zm1 1v1h2V9h-2Zm3 0v1h2V9h-2Zm-3 2v.5h2V11h-2Zm3 0v.5h2V11h-2Z',
  document: 'M5 8h6v1H5V8Zm0 2h6v1H5v-1Zm0 2h4v1H5v-1Z',
  file: '',
};

/** A file's type icon (decorative: the chip says the name, whose extension names the type). */
export function FileIcon({ mediaType }: { readonly mediaType: string }) {
  const kind = fileKindOf(mediaType);
  return (
    <svg
      className="confide-icon confide-file-icon"
      data-kind={kind}
      viewBox="0 0 16 16"
      width="20"
      height="20"
      aria-hidden="true"
      focusable="false"
    >
      <path
        fill="currentColor"
        d="M4 1h5.4L13 4.6V14a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V2a1 1 0 0 1 1-1Zm0 1v12h8V5.5H9V2H4Zm6 .4V4.5h2.1L10 2.4Z"
      />
      {MARKS[kind] && <path fill="currentColor" d={MARKS[kind]} />}
    </svg>
  );
}

/** A paper clip (decorative: the attach button is labelled). */
export function PaperClipIcon() {
  return (
    <svg
      className="confide-icon"
      viewBox="0 0 16 16"
      width="16"
      height="16"
      aria-hidden="true"
      focusable="false"
    >
      <path
        fill="none"
        stroke="currentColor"
        strokeWidth="1.4"
        strokeLinecap="round"
        d="M10.5 4.5 5.8 9.2a1.3 1.3 0 0 0 1.8 1.8l5-5a2.6 2.6 0 0 0-3.7-3.7l-5 5a4 4 0 0 0 5.6 5.6l4-4"
      />
    </svg>
  );
}
