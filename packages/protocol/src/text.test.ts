import { describe, expect, it } from 'vitest';
import { countGraphemes, findForbiddenCharacter, hasVisibleText, searchContains } from './text.js';

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

  // Each row: one "character" (grapheme cluster) that every limit would count as 1, whatever its size.
  it.each([
    ['33 stacked combining marks on a letter', `Visa e${'\u0301'.repeat(32)}`],
    ['100,000 stacked combining marks', `Visa ${'\u0301'.repeat(100_000)}`],
    ['marks of several kinds stacked (Zalgo)', `H${'\u0336\u0334\u035c\u0361\u0489'.repeat(7)}i`],
    ['33 emoji joined by ZWJ', `${'👨\u200d'.repeat(32)}👨`],
    ['a run of 40 Hangul leading jamo', '\u1100'.repeat(40)],
    ['a letter with 40 variation selectors', `a${'\ufe0f'.repeat(40)}`],
    ['a flag with 40 tag characters', `🏴${'\u{e0067}'.repeat(40)}\u{e007f}`],
    ['Arabic with 40 stacked vowel marks', `ب${'\u064e'.repeat(40)}`],
  ])('refuses %s', (_name, text) => {
    expect(countGraphemes(text)).toBeLessThanOrEqual(6);
    expect(findForbiddenCharacter(text)).toBe('overlong');
  });

  // Each row: the longest characters people write, which must stay allowed.
  it.each([
    ['a kiss with two skin tones', '👩🏻\u200d❤️\u200d💋\u200d👨🏼'],
    ['a family of four', '👨\u200d👩\u200d👧\u200d👦'],
    ['the flag of Scotland (tag sequence)', '🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}'],
    ['a keycap', '1️⃣'],
    ['Vietnamese with two marks', 'Nguyê\u0303n'],
    ['Hebrew with points and a cantillation mark', 'בְּרֵאשִׁ֖ית'],
    ['a Devanagari conjunct', 'क्ष्म्य'],
    ['a Tibetan stack', 'བསྒྲུབས'],
    ['30 combining marks, the stream-safe maximum', `e${'\u0301'.repeat(30)}`],
    ['ASCII text longer than the limit', 'a'.repeat(10_000)],
  ])('accepts %s', (_name, text) => {
    expect(findForbiddenCharacter(text)).toBeUndefined();
  });
});

describe('searchContains', () => {
  it.each([
    ['Café visa', 'CAFE\u0301', true],
    ['Nguyễn', 'nguyê\u0303n', true],
    ['한국 비자', '\u1112\u1161\u11ab\u1100\u116e\u11a8', true],
    ['Passport renewal', 'ｐａｓｓｐｏｒｔ', true],
    ['ﻣﺮﺣﺒﺎ documents', 'مرحبا', true],
    ['\ufb2aלום', '\u05e9\u05c1', true],
    ['daniel@client.test', 'DANIEL@', true],
    ['50% off', '_', false],
    ['Cafe visa', 'café', false],
  ])('%j contains %j: %s', (text, query, expected) => {
    expect(searchContains(text, query)).toBe(expected);
  });
});
