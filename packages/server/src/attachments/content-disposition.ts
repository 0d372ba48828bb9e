import type { TicketPurpose } from '@confide/protocol';

// RFC 6266 with RFC 8187 (the successor of RFC 5987) `filename*`: the exact name in UTF-8, percent-encoded, plus
// an ASCII-only `filename` fallback for old clients. Characters RFC 8187's attr-char allows stay as they are.
const ATTR_CHAR = /[A-Za-z0-9!#$&+.^_`|~-]/;

function encodeExtValue(name: string): string {
  let encoded = '';
  for (const byte of new TextEncoder().encode(name)) {
    const character = String.fromCharCode(byte);
    encoded +=
      byte < 0x80 && ATTR_CHAR.test(character)
        ? character
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}

// The fallback keeps printable ASCII except the quote and backslash (which would end or escape the quoted string);
// everything else (controls, line breaks, bidi overrides, non-ASCII) becomes "_", so no header can be split.
function asciiFallback(name: string): string {
  const fallback = [...name]
    .map((character) => (/^[\x20-\x7e]$/.test(character) && !/["\\]/.test(character) ? character : '_'))
    .join('');
  return /[A-Za-z0-9]/.test(fallback) ? fallback : 'download';
}

/**
 * The `Content-Disposition` of a file, with the original name safely encoded: `attachment` for a download (the
 * browser saves it), `inline` only for a preview ticket (a picture shown in an `<img>`; its type was checked).
 */
export function attachmentContentDisposition(name: string, purpose: TicketPurpose = 'download'): string {
  const disposition = purpose === 'preview' ? 'inline' : 'attachment';
  return `${disposition}; filename="${asciiFallback(name)}"; filename*=UTF-8''${encodeExtValue(name)}`;
}
