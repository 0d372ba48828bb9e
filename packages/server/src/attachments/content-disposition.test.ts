import { describe, expect, it } from 'vitest';
import { attachmentContentDisposition } from './content-disposition.js';

/** Decodes `filename*` the way a browser does (RFC 8187: UTF-8, percent-encoded). */
function extendedName(header: string): string {
  const match = /filename\*=UTF-8''([^;]*)$/.exec(header);
  if (!match?.[1]) throw new Error(`No filename* in ${header}`);
  return decodeURIComponent(match[1]);
}

describe('attachmentContentDisposition', () => {
  it.each([
    ['passport.pdf', 'passport.pdf'],
    ['Pay slip "March".pdf', 'Pay slip _March_.pdf'],
    ['back\\slash.pdf', 'back_slash.pdf'],
    ['a\r\nSet-Cookie: stolen=1.pdf', 'a__Set-Cookie: stolen=1.pdf'],
    ['\u202Efdp.exe', '_fdp.exe'],
    ['Übersetzung – Zeugnis.jpg', '_bersetzung _ Zeugnis.jpg'],
    ['رسالة.pdf', '_____.pdf'],
    ['護照.pdf', '__.pdf'],
    ['👍🏽.png', '__.png'],
    ["O'Brien; filename=evil.html", "O'Brien; filename=evil.html"],
    ['%41%0d%0a.pdf', '%41%0d%0a.pdf'],
    ['\u0000', 'download'],
  ])('encodes %j safely and exactly', (name, fallback) => {
    const header = attachmentContentDisposition(name);
    expect(header.startsWith('attachment; ')).toBe(true);
    // Nothing in the header can end it, split it or start another parameter outside the quotes.
    expect(header).toMatch(/^[\x20-\x7e]+$/);
    expect(header).toBe(`attachment; filename="${fallback}"; filename*=UTF-8''${header.split("''")[1]}`);
    expect(extendedName(header)).toBe(name);
    expect(new Headers({ 'Content-Disposition': header }).get('Content-Disposition')).toBe(header);
  });
});
