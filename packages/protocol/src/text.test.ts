import { describe, expect, it } from 'vitest';
import { countGraphemes, findForbiddenCharacter, hasVisibleText } from './text.js';

describe('countGraphemes', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['👍', 1],
    ['👍🏽', 1],
    ['👨‍👩‍👧‍👦', 1],
    ['🇫🇷', 1],
    ['e\u0301', 1],
    ['\r\n', 1],
    ['שלום', 4],
    ['مرحبا', 5],
    ['한국어', 3],
    ['\u1100\u1161\u11a8', 1],
    ['नमस्ते', 3],
  ])('counts %j as %i', (text, expected) => {
    expect(countGraphemes(text)).toBe(expected);
  });
});

describe('hasVisibleText', () => {
  it.each([
    '',
    ' \t\n\r',
    '\u00a0\u2003\u3000',
    '\u200b',
    '\u200c\u200d\u2060\ufeff',
    '\u200e\u200f\u202a\u202e\u2066\u2069',
    '\u00ad',
    '\u034f',
    '\ufe0f',
    '\u{e0041}',
    '\u115f\u1160\u3164\uffa0',
    '\u2800',
    '\u{16fe4}',
    '\u0007\u001b',
  ])('treats %j as empty', (text) => {
    expect(hasVisibleText(text)).toBe(false);
  });

  it.each(['a', ' x ', '\u200b.', '👍', 'שלום', '\u0301', '\u0600', '\u06dd', '\u{110bd}'])(
    'treats %j as visible',
    (text) => {
      expect(hasVisibleText(text)).toBe(true);
    },
  );
});

describe('findForbiddenCharacter', () => {
  it.each(['\u0000', 'a\u0001b', '\u0008', '\u000b', '\u000c', '\u001f'])(
    'refuses the control in %j',
    (text) => {
      expect(findForbiddenCharacter(text)).toBe('control');
    },
  );

  it.each(['\ud800', 'a\udc00', '\udbff\ud800'])('refuses the lone surrogate in %j', (text) => {
    expect(findForbiddenCharacter(text)).toBe('surrogate');
  });

  it.each(['plain', 'tab\there', 'lines\n\r\n', '👍', '\ud83d\udc4d'])('accepts %j', (text) => {
    expect(findForbiddenCharacter(text)).toBeUndefined();
  });
});
