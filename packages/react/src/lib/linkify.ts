/** A run of message text: plain text, or a link the viewer may follow. */
export type TextPart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'link'; readonly text: string; readonly href: string };

// Only http(s) URLs and mailto addresses become links; every other scheme (javascript:, data:, …) stays text.
const LINK_PATTERN = /\bhttps?:\/\/[^\s<>"']+|\bmailto:[^\s<>"']+/gi;
// Punctuation that usually ends a sentence rather than a URL.
const TRAILING_PUNCTUATION = /[.,;:!?)\]}'"]+$/;

function trimTrailing(candidate: string): string {
  let trimmed = candidate.replace(TRAILING_PUNCTUATION, '');
  // Keep a closing parenthesis that balances one inside the URL (Wikipedia-style links).
  const opens = (candidate.match(/\(/g) ?? []).length;
  if (opens > 0 && candidate.slice(trimmed.length).startsWith(')')) trimmed += ')';
  return trimmed;
}

function safeHref(text: string): string | null {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'mailto:'
      ? url.href
      : null;
  } catch {
    return null;
  }
}

/** Splits message text into text and http(s)/mailto links; nothing else in the text is interpreted. */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(LINK_PATTERN)) {
    const start = match.index;
    const candidate = trimTrailing(match[0]);
    const href = safeHref(candidate);
    if (!href || candidate.length <= candidate.indexOf(':') + 1) continue;
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) });
    parts.push({ kind: 'link', text: candidate, href });
    last = start + candidate.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}
