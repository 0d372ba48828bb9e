/** A run of message text: plain text, or a link the viewer may follow. */
export type TextPart =
  | { readonly kind: 'text'; readonly text: string }
  | {
      readonly kind: 'link';
      /** What the link shows: as written when that shows the real host, else the address as the browser reads it. */
      readonly text: string;
      readonly href: string;
      /** The host the link goes to, in ASCII (punycode for international names); empty for mailto. */
      readonly host: string;
      /** Whether `text` differs from what was written, because what was written hid or disguised the host. */
      readonly rewritten: boolean;
    };

// Only http(s) URLs and mailto addresses become links; every other scheme (javascript:, data:, …) stays text.
// An address ends at a space, markup quotes, and at punctuation of other scripts that closes a sentence, a quote or a
// bracket (the Arabic question mark and comma, the ideographic full stop, ” » 」 ）, the ellipsis): writers put them
// right after a link without a space, and inside the link they would send the reader to a page that does not exist.
// ASCII brackets and sentence marks stay in (they occur inside real addresses) and are trimmed at the end instead.
const ADDRESS_CHARACTER = String.raw`(?:[!(),.:;?[\]{}]|[^\s<>"'\p{Ps}\p{Pe}\p{Pi}\p{Pf}\p{Terminal_Punctuation}\u2025\u2026])`;
// In the host, browsers read the ideographic and fullwidth full stops as dots (`bank。com` is bank.com), so there
// they belong to the address; the host ends where the path, query or fragment begins.
const IDEOGRAPHIC_DOTS = String.raw`[\u3002\uff0e\uff61]`;
const HOST_CHARACTER = String.raw`(?:${IDEOGRAPHIC_DOTS}|(?![/?#\\])${ADDRESS_CHARACTER})`;
const LINK_PATTERN = new RegExp(
  String.raw`\bhttps?:\/\/${HOST_CHARACTER}+(?:[/?#\\]${ADDRESS_CHARACTER}*)?|\bmailto:${ADDRESS_CHARACTER}+`,
  'giu',
);
// Punctuation that usually ends a sentence rather than a URL.
const TRAILING_PUNCTUATION = /[.,;:!?)\]}'"\u3002\uff0e\uff61]+$/;

function trimTrailing(candidate: string): string {
  let trimmed = candidate.replace(TRAILING_PUNCTUATION, '');
  // Keep a closing parenthesis that balances one inside the URL (Wikipedia-style links).
  const opens = (candidate.match(/\(/g) ?? []).length;
  if (opens > 0 && candidate.slice(trimmed.length).startsWith(')')) trimmed += ')';
  return trimmed;
}

// Bidi controls and invisible characters can reorder or hide parts of an address ("…/\u202etxt.exe" shows as
// "…/exe.txt"): an address carrying any is shown percent-encoded, as the browser sends it.
const INVISIBLE_OR_BIDI = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/u;

type Link = Omit<Extract<TextPart, { kind: 'link' }>, 'kind'>;

/**
 * A web link as the browser will follow it. The URL parser decides the real host: it turns international names into
 * punycode (`ebаy.com` with a Cyrillic а is `xn--eby-7cd.com`), reads numeric and hexadecimal IP forms, fullwidth
 * dots, percent-encoded letters and backslashes as browsers do, and separates `user@` from the host. The text shows
 * what was written only when it starts with exactly that scheme and host and hides nothing (bidi controls, invisible
 * characters); otherwise it shows the parsed address.
 * Credentials are dropped: `https://bank.com@evil.test` exists only to make evil.test look like bank.com.
 */
function webLink(written: string, url: URL): Link {
  url.username = '';
  url.password = '';
  const origin = `${url.protocol}//${url.host}`;
  const next = written.charAt(origin.length);
  const showsHost =
    written.slice(0, origin.length).toLowerCase() === origin &&
    (next === '' || '/?#'.includes(next)) &&
    !INVISIBLE_OR_BIDI.test(written);
  const canonical = `${origin}${url.pathname}${url.search}${url.hash}`;
  return { text: showsHost ? written : canonical, href: url.href, host: url.host, rewritten: !showsHost };
}

/** A mailto link whose address shows its domain in ASCII (punycode), as the mail will be addressed. */
function mailLink(written: string, url: URL): Link | null {
  const address = decodeURIComponent(url.pathname);
  const at = address.lastIndexOf('@');
  if (at <= 0) return null;
  let domain: string;
  try {
    domain = new URL(`http://${address.slice(at + 1)}`).host;
  } catch {
    return null;
  }
  const href = `mailto:${address.slice(0, at)}@${domain}${url.search}`;
  const showsDomain =
    written.slice(7).toLowerCase() === `${address.slice(0, at)}@${domain}${url.search}`.toLowerCase();
  return { text: showsDomain ? written : href, href, host: '', rewritten: !showsDomain };
}

function toLink(written: string): Link | null {
  try {
    const url = new URL(written);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.host ? webLink(written, url) : null;
    if (url.protocol === 'mailto:') return mailLink(written, url);
    return null;
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
    const link = candidate.length > candidate.indexOf(':') + 1 ? toLink(candidate) : null;
    if (!link) continue;
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) });
    parts.push({ kind: 'link', ...link });
    last = start + candidate.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}
