import { describe, expect, it } from 'vitest';
import { linkify, type TextPart } from './linkify.js';

type LinkPart = Extract<TextPart, { kind: 'link' }>;

function onlyLink(text: string): LinkPart {
  const links = linkify(text).filter((part): part is LinkPart => part.kind === 'link');
  expect(links).toHaveLength(1);
  return links[0] as LinkPart;
}

describe('linkify', () => {
  it('turns http, https and mailto addresses into links and keeps the rest as text', () => {
    expect(linkify('See https://example.com/a?b=1 or mail mailto:ana@example.com now')).toEqual([
      { kind: 'text', text: 'See ' },
      {
        kind: 'link',
        text: 'https://example.com/a?b=1',
        href: 'https://example.com/a?b=1',
        host: 'example.com',
        rewritten: false,
      },
      { kind: 'text', text: ' or mail ' },
      {
        kind: 'link',
        text: 'mailto:ana@example.com',
        href: 'mailto:ana@example.com',
        host: '',
        rewritten: false,
      },
      { kind: 'text', text: ' now' },
    ]);
  });

  it('leaves other schemes and HTML as plain text', () => {
    const text = '<a href="javascript:alert(1)">x</a> data:text/html,<b>hi</b> ftp://host/file';
    expect(linkify(text)).toEqual([{ kind: 'text', text }]);
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(document.cookie)',
    'java\tscript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html;base64,PHNjcmlwdD4=',
    'https://bank.com%40evil.test/',
    'https://',
  ])('never links %s', (text) => {
    expect(linkify(text).every((part) => part.kind === 'text')).toBe(true);
  });

  it('drops sentence punctuation after a link but keeps balanced parentheses', () => {
    expect(linkify('Read http://example.com/page.')[1]).toMatchObject({ text: 'http://example.com/page' });
    expect(linkify('(see https://en.wikipedia.org/wiki/Visa_(document))')[1]).toMatchObject({
      text: 'https://en.wikipedia.org/wiki/Visa_(document)',
    });
  });

  // Each row: a link followed, with no space, by punctuation of another script that ends the sentence, the quote or
  // the bracket around it, and the one address the link must go to.
  it.each([
    ['an Arabic question mark', 'هل رأيت https://example.com/a؟', 'https://example.com/a'],
    ['an Arabic comma', 'انظر https://example.com/a، ثم وقّع', 'https://example.com/a'],
    ['an Arabic semicolon', 'الرابط https://example.com/a؛ والباقي', 'https://example.com/a'],
    ['an Urdu full stop', 'دیکھیں https://example.com/a۔', 'https://example.com/a'],
    ['a Hebrew sof pasuq', 'ראה https://example.com/a׃', 'https://example.com/a'],
    [
      'an ideographic full stop before more text',
      '見て https://example.com/a。次に署名',
      'https://example.com/a',
    ],
    ['an ideographic comma', '资料 https://example.com/a、谢谢', 'https://example.com/a'],
    ['a fullwidth comma', '请看 https://example.com/a，谢谢', 'https://example.com/a'],
    ['a fullwidth question mark', 'これ https://example.com/a？', 'https://example.com/a'],
    ['fullwidth parentheses', '（https://example.com/a）', 'https://example.com/a'],
    ['corner brackets', '「https://example.com/a」', 'https://example.com/a'],
    ['English curly quotes', 'see “https://example.com/a”.', 'https://example.com/a'],
    ['single curly quotes', 'the ‘https://example.com/a’ page', 'https://example.com/a'],
    ['guillemets without spaces', 'voir «https://example.com/a»', 'https://example.com/a'],
    ['German quotes', 'siehe „https://example.com/a“', 'https://example.com/a'],
    ['an ellipsis', 'and https://example.com/a… then', 'https://example.com/a'],
    ['a Devanagari danda', 'देखें https://example.com/a।', 'https://example.com/a'],
    ['an ideographic full stop after the host', 'ここ https://example.com。', 'https://example.com/'],
    [
      'a mail address before an Arabic comma',
      'راسلني mailto:ana@example.com، شكرا',
      'mailto:ana@example.com',
    ],
  ])('ends a link at %s', (_name, text, href) => {
    expect(onlyLink(text).href).toBe(href);
  });

  it.each([
    ['a katakana middle dot', 'https://ja.wikipedia.org/wiki/ハリー・ポッター'],
    ['a Hebrew geresh', 'https://he.wikipedia.org/wiki/צ׳כיה'],
    ['Arabic letters', 'https://ar.wikipedia.org/wiki/القاهرة'],
    ['percent-encoded punctuation', 'https://example.com/a%E3%80%82b'],
    ['ASCII brackets and marks inside', 'https://example.com/a(b)[c]{d}?e=f,g;h:i!j'],
  ])('keeps %s inside a link', (_name, written) => {
    const link = onlyLink(`Read ${written} please`);
    expect(link.text).toBe(written);
    expect(link.href).toBe(new URL(written).href);
  });

  // Each row: what a message says, and the host the link really goes to, which its visible text must show.
  it.each([
    [
      'a Cyrillic а in the name',
      'https://ebаy.com/invoice',
      'xn--eby-7cd.com',
      'https://xn--eby-7cd.com/invoice',
    ],
    ['a Greek ο in the name', 'https://gοogle.com/', 'xn--gogle-rce.com', 'https://xn--gogle-rce.com/'],
    ['a whole Cyrillic name', 'https://аррӏе.com', 'xn--80ak6aa92e.com', 'https://xn--80ak6aa92e.com/'],
    ['a look-alike subdomain', 'https://pаypal.com.evil.test/login', 'xn--pypal-4ve.com.evil.test', null],
    [
      'a trusted name as the user',
      'https://bank.com@evil.test/login',
      'evil.test',
      'https://evil.test/login',
    ],
    ['a user and password', 'https://bank.com:secure@evil.test', 'evil.test', 'https://evil.test/'],
    ['an encoded slash in the user', 'https://bank.com%2F@evil.test/', 'evil.test', 'https://evil.test/'],
    [
      'a backslash before the user',
      'https://evil.test\\@bank.com',
      'evil.test',
      'https://evil.test/@bank.com',
    ],
    ['a backslash as the path', 'https://bank.com\\@evil.test', 'bank.com', 'https://bank.com/@evil.test'],
    ['a decimal IP address', 'http://2130706433/admin', '127.0.0.1', 'http://127.0.0.1/admin'],
    ['a hexadecimal IP address', 'http://0x7f.0.0.1/', '127.0.0.1', 'http://127.0.0.1/'],
    ['an octal IP address', 'http://0177.0.0.01/', '127.0.0.1', 'http://127.0.0.1/'],
    ['fullwidth dots', 'https://bank。com/pay', 'bank.com', 'https://bank.com/pay'],
    ['fullwidth letters', 'https://ｂａｎｋ.com/pay', 'bank.com', 'https://bank.com/pay'],
    ['percent-encoded letters in the host', 'https://%62ank.com/', 'bank.com', 'https://bank.com/'],
    ['a soft hyphen in the host', 'https://ban\u00adk.com/', 'bank.com', 'https://bank.com/'],
    [
      'a right-to-left override in the path',
      'https://evil.test/\u202etxt.exe',
      'evil.test',
      'https://evil.test/%E2%80%AEtxt.exe',
    ],
    [
      'a zero-width space in the path',
      'https://bank.com/\u200bpay',
      'bank.com',
      'https://bank.com/%E2%80%8Bpay',
    ],
    ['an explicit default port', 'https://bank.com:443/pay', 'bank.com', 'https://bank.com/pay'],
  ])('shows the real host of a link with %s', (_name, written, host, shown) => {
    const link = onlyLink(`Please pay here: ${written} today`);
    expect(link.host).toBe(host);
    expect(new URL(link.href).host).toBe(host);
    expect(link.text.startsWith(`${new URL(link.href).protocol}//${host}`)).toBe(true);
    expect(link.href).not.toMatch(/@.*@|\/\/[^/]*@/);
    if (shown) expect(link.text).toBe(shown);
    expect(link.rewritten).toBe(link.text !== written);
  });

  it.each([
    ['a plain address', 'https://example.com/a?b=1#c'],
    ['capitals in the host', 'https://Example.COM/Path'],
    ['a trailing dot', 'https://bank.com./pay'],
    ['a port', 'http://localhost:8080/x'],
    ['an IPv6 address', 'http://[::1]/'],
    ['punycode as written', 'https://xn--eby-7cd.com/invoice'],
  ])('keeps the text of a link with %s as written', (_name, written) => {
    const link = onlyLink(written);
    expect(link.text).toBe(written);
    expect(link.rewritten).toBe(false);
  });

  it.each([
    ['an international domain', 'mailto:billing@ebаy.com', 'mailto:billing@xn--eby-7cd.com'],
    ['an ASCII domain', 'mailto:ana@example.com', 'mailto:ana@example.com'],
  ])('shows the domain of a mail address with %s in ASCII', (_name, written, shown) => {
    const link = onlyLink(written);
    expect(link.text).toBe(shown);
    expect(link.href).toBe(shown);
  });
});
