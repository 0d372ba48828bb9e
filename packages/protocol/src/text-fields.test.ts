import { describe, expect, it } from 'vitest';
import type * as z from 'zod/mini';
import {
  BodySchema,
  MatterIdSchema,
  MatterLabelSchema,
  SubjectSchema,
  TemplateNameSchema,
} from './entities.js';
import {
  BODY_MAX_LENGTH,
  CHARACTER_MAX_CODE_POINTS,
  MATTER_ID_MAX_LENGTH,
  MATTER_LABEL_MAX_LENGTH,
  QUERY_MAX_LENGTH,
  SUBJECT_MAX_LENGTH,
  TEMPLATE_NAME_MAX_LENGTH,
} from './limits.js';
import { SearchQuerySchema } from './requests.js';
import { countGraphemes, sliceGraphemes } from './text.js';

/**
 * Every text field a request carries, with its limit and whether text with nothing visible is refused (answers read
 * text as stored: `entities.test.ts`).
 */
const TEXT_FIELDS: ReadonlyArray<readonly [string, z.ZodMiniType, number, boolean]> = [
  ['subject', SubjectSchema, SUBJECT_MAX_LENGTH, true],
  ['body', BodySchema, BODY_MAX_LENGTH, true],
  ['template name', TemplateNameSchema, TEMPLATE_NAME_MAX_LENGTH, true],
  ['matter id', MatterIdSchema, MATTER_ID_MAX_LENGTH, true],
  ['matter label', MatterLabelSchema, MATTER_LABEL_MAX_LENGTH, true],
  ['search query', SearchQuerySchema, QUERY_MAX_LENGTH, false],
];

/** Text of exactly `count` characters (grapheme clusters) built from one kind of character. */
const CHARACTER_KINDS: ReadonlyArray<readonly [string, (count: number) => string]> = [
  ['ASCII letters', (count) => 'a'.repeat(count)],
  ['emoji', (count) => '👍'.repeat(count)],
  ['emoji with a skin tone', (count) => '👍🏽'.repeat(count)],
  ['flags', (count) => '🇫🇷'.repeat(count)],
  ['ZWJ families', (count) => '👨‍👩‍👧‍👦'.repeat(count)],
  ['combining marks', (count) => 'e\u0301\u0323'.repeat(count)],
  ['Hangul jamo', (count) => '\u1100\u1161\u11a8'.repeat(count)],
  ['Hangul syllables', (count) => '한'.repeat(count)],
  ['Devanagari', (count) => 'क्षि'.repeat(count)],
  ['Hebrew with points', (count) => 'שָׁ'.repeat(count)],
  ['CRLF line breaks', (count) => `a${'\r\n'.repeat(count - 2)}b`],
  ['keycaps', (count) => '1️⃣'.repeat(count)],
];

function issueCodes(schema: z.ZodMiniType, value: string): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.code);
}

describe('text field limits', () => {
  describe.each(TEXT_FIELDS)('%s', (_field, schema, max) => {
    it.each(CHARACTER_KINDS)('accepts exactly the limit in %s', (_kind, build) => {
      const text = build(max);
      expect(countGraphemes(text)).toBe(max);
      expect(issueCodes(schema, text)).toEqual([]);
    });

    it.each(CHARACTER_KINDS)('refuses one character over the limit in %s', (_kind, build) => {
      const text = build(max + 1);
      expect(countGraphemes(text)).toBe(max + 1);
      expect(issueCodes(schema, text)).toEqual(['too_big']);
    });
  });

  it('accepts a subject of 101 thumbs up, which is 101 characters and 202 UTF-16 units', () => {
    expect(SubjectSchema.safeParse('👍'.repeat(101)).success).toBe(true);
  });

  it.each([
    ['a', 20_001],
    ['👍', 20_001],
  ])('refuses a body of %s × %i', (unit, count) => {
    expect(issueCodes(BodySchema, unit.repeat(count))).toEqual(['too_big']);
  });

  it('counts a trimmed subject without its surrounding whitespace', () => {
    expect(SubjectSchema.safeParse(`  ${'👍'.repeat(SUBJECT_MAX_LENGTH)}\n`).success).toBe(true);
  });
});

/** Text that a person sees as nothing: whitespace, zero-width and format characters, fillers, controls. */
const INVISIBLE_TEXTS = [
  '',
  ' ',
  ' \t\r\n ',
  '\u00a0',
  '\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a',
  '\u202f\u205f\u3000\u1680',
  '\u2028\u2029',
  '\u200b',
  '\u200b\u200b\u200b',
  '\u200c',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\u00ad',
  '\u034f',
  '\u061c',
  '\u115f',
  '\u1160',
  '\u17b4\u17b5',
  '\u180e',
  '\u180b\u180c\u180d\u180f',
  '\u200e\u200f',
  '\u202a\u202b\u202c\u202d\u202e',
  '\u2066\u2067\u2068\u2069',
  '\u2061\u2062\u2063\u2064',
  '\u206a\u206b\u206c\u206d\u206e\u206f',
  '\u2800',
  '\u3164',
  '\ufe00\ufe0f',
  '\uffa0',
  '\ufff9\ufffa\ufffb',
  '\u{1bca0}\u{1bca3}',
  '\u{1d173}\u{1d17a}',
  '\u{13430}',
  '\u{16fe4}',
  '\u{e0001}\u{e0041}\u{e007f}',
  '\u{e0100}',
  '\u0085\u0080\u009f',
  ' \u200b\u2800\u3164 \u200d ',
];

describe('text with nothing visible', () => {
  const requiredFields = TEXT_FIELDS.filter(([, , , required]) => required);

  describe.each(requiredFields)('%s', (_field, schema) => {
    it.each(INVISIBLE_TEXTS)('refuses %j like empty text', (text) => {
      expect(issueCodes(schema, text)).toEqual(['too_small']);
    });

    it.each(['a', '\u200bHello\u200b', '👍', 'ـ', '\u0600', 'ㅤ한', '\u0301', '.'])('accepts %j', (text) => {
      expect(issueCodes(schema, text)).toEqual([]);
    });
  });

  it.each(INVISIBLE_TEXTS.filter((text) => text.length <= QUERY_MAX_LENGTH))(
    'lets a search query of %j through (an empty query matches everything)',
    (text) => {
      expect(issueCodes(SearchQuerySchema, text)).toEqual([]);
    },
  );
});

/** Every C0 control character that is not tab, line feed or carriage return. */
const FORBIDDEN_CONTROLS = Array.from({ length: 0x20 }, (_, code) => String.fromCharCode(code)).filter(
  (character) => !'\t\n\r'.includes(character),
);
const LONE_SURROGATES = ['\ud800', '\udbff', '\udc00', '\udfff'];

describe('characters the database would refuse', () => {
  describe.each(TEXT_FIELDS)('%s', (_field, schema) => {
    it.each(FORBIDDEN_CONTROLS)('refuses the control %j inside visible text', (control) => {
      expect(issueCodes(schema, `Hello${control}world`)).toEqual(['custom']);
    });

    it.each(LONE_SURROGATES)('refuses the lone surrogate %j', (surrogate) => {
      expect(issueCodes(schema, `Hello${surrogate}world`)).toEqual(['custom']);
      expect(issueCodes(schema, `${surrogate}x`)).toEqual(['custom']);
    });

    it.each(['a\tb', 'a\nb', 'a\r\nb', 'a\rb', '\ud83d\udc4d'])('accepts %j', (text) => {
      expect(issueCodes(schema, text)).toEqual([]);
    });
  });

  it('refuses "\\ud800" rather than letting it turn into U+FFFD', () => {
    expect(BodySchema.safeParse(JSON.parse('"\\ud800"')).success).toBe(false);
  });

  it('refuses a body of NUL', () => {
    expect(issueCodes(BodySchema, '\u0000')).toEqual(['custom', 'too_small']);
  });
});

/** One "character" each that a limit would count as 1, made of more code points than a character may have. */
const OVERLONG_CHARACTERS: ReadonlyArray<readonly [string, string]> = [
  ['a letter with 33 stacked accents', `e${'\u0301'.repeat(CHARACTER_MAX_CODE_POINTS)}`],
  ['a letter with 50,000 stacked accents', `e${'\u0301'.repeat(50_000)}`],
  ['33 emoji joined by ZWJ', `${'👩\u200d'.repeat(CHARACTER_MAX_CODE_POINTS)}👩`],
  ['a run of 40 Hangul jamo', '\u1100'.repeat(40)],
];

describe('characters made of too many parts', () => {
  describe.each(TEXT_FIELDS)('%s', (_field, schema) => {
    it.each(OVERLONG_CHARACTERS)('refuses %s inside visible text', (_name, character) => {
      expect(issueCodes(schema, `Visa ${character} renewal`)).toEqual(['custom']);
    });

    it.each([
      ['a kiss with two skin tones', '👩🏻\u200d❤️\u200d💋\u200d👨🏼'],
      ['the flag of Scotland', '🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}'],
      ['a letter with 30 accents', `e${'\u0301'.repeat(30)}`],
    ])('accepts %s', (_name, character) => {
      expect(issueCodes(schema, `Visa ${character} renewal`)).toEqual([]);
    });
  });

  it('accepts a subject of 200 characters of the most code points each, and refuses a 6-character one of a megabyte', () => {
    const heaviest = `e${'\u0301'.repeat(CHARACTER_MAX_CODE_POINTS - 1)}`.repeat(SUBJECT_MAX_LENGTH);
    expect(issueCodes(SubjectSchema, heaviest)).toEqual([]);
    expect(issueCodes(SubjectSchema, `Visa ${'\u0301'.repeat(500_000)}`)).toEqual(['custom']);
  });
});

describe('sliceGraphemes', () => {
  it.each([
    ['abc', 2, 'ab'],
    ['👍👍👍', 2, '👍👍'],
    ['👨‍👩‍👧‍👦🇫🇷', 1, '👨‍👩‍👧‍👦'],
    ['e\u0301x', 1, 'e\u0301'],
    ['a\r\nb', 2, 'a\r\n'],
    ['ab', 5, 'ab'],
    ['', 3, ''],
  ])('takes the first characters of %j', (text, count, expected) => {
    expect(sliceGraphemes(text, count)).toBe(expected);
  });
});
