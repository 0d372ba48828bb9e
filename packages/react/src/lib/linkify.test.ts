import { describe, expect, it } from 'vitest';
import { linkify } from './linkify.js';

describe('linkify', () => {
  it('turns http, https and mailto addresses into links and keeps the rest as text', () => {
    expect(linkify('See https://example.com/a?b=1 or mail mailto:ana@example.com now')).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { kind: 'text', text: ' or mail ' },
      { kind: 'link', text: 'mailto:ana@example.com', href: 'mailto:ana@example.com' },
      { kind: 'text', text: ' now' },
    ]);
  });

  it('leaves other schemes and HTML as plain text', () => {
    const text = '<a href="javascript:alert(1)">x</a> data:text/html,<b>hi</b> ftp://host/file';
    expect(linkify(text)).toEqual([{ kind: 'text', text }]);
  });

  it('drops sentence punctuation after a link but keeps balanced parentheses', () => {
    expect(linkify('Read http://example.com/page.')[1]).toMatchObject({ text: 'http://example.com/page' });
    expect(linkify('(see https://en.wikipedia.org/wiki/Visa_(document))')[1]).toMatchObject({
      text: 'https://en.wikipedia.org/wiki/Visa_(document)',
    });
  });
});
