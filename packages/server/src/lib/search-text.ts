/**
 * Text as search compares it: Unicode compatibility normalisation (NFKC, UAX #15), then lower case. Spellings a
 * person cannot tell apart then compare equal: an accent typed as a combining mark or precomposed, Hangul as jamo
 * or syllables, full-width Latin from an input method's full-width mode, Arabic presentation forms copied from a
 * PDF. The SQL stores fold the same way with PostgreSQL's `lower(normalize(…, NFKC))`.
 */
export function searchFold(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Whether `text` contains `query` once both are folded by `searchFold`; a query is taken literally. */
export function searchContains(text: string, query: string): boolean {
  return searchFold(text).includes(searchFold(query));
}
