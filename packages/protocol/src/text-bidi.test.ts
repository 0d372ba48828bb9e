import { describe, expect, it } from 'vitest';
import { isolateBidi } from './text-bidi.js';

const FSI = '\u2068';
const PDI = '\u2069';
const RLI = '\u2067';
const LRI = '\u2066';
const RLO = '\u202e';

/**
 * Text, what `isolateBidi` makes of it when the sentence's direction is unknown, and what it makes of it in a
 * left-to-right sentence (`unchanged`, or the same isolate).
 */
const ROWS: ReadonlyArray<readonly [string, string, string, 'unchanged' | 'isolated']> = [
  ['plain text', 'Visa documents', `${FSI}Visa documents${PDI}`, 'unchanged'],
  ['a name', 'Daniel Okafor', `${FSI}Daniel Okafor${PDI}`, 'unchanged'],
  ['accented Latin', 'Zoë Ōtani', `${FSI}Zoë Ōtani${PDI}`, 'unchanged'],
  ['Chinese', '李雷', `${FSI}李雷${PDI}`, 'unchanged'],
  ['brackets and a number', 'O’Brien (2nd)', `${FSI}O’Brien (2nd)${PDI}`, 'unchanged'],
  ['an emoji with a skin tone', '👍🏽 Ana', `${FSI}👍🏽 Ana${PDI}`, 'unchanged'],
  ['nothing', '', `${FSI}${PDI}`, 'unchanged'],
  ['digits', '123', `${FSI}123${PDI}`, 'unchanged'],
  ['Hebrew', 'שלום, קיבלתם את המסמכים?', `${FSI}שלום, קיבלתם את המסמכים?${PDI}`, 'isolated'],
  ['Arabic', 'هل وصلت الوثائق؟', `${FSI}هل وصلت الوثائق؟${PDI}`, 'isolated'],
  ['an Arabic name', 'محمد الحداد', `${FSI}محمد الحداد${PDI}`, 'isolated'],
  ['Arabic-Indic digits', '٣٤', `${FSI}٣٤${PDI}`, 'isolated'],
  [
    'an unpaired right-to-left override',
    `Signed retainer ${RLO}fdp.exe`,
    `${FSI}Signed retainer ${RLO}fdp.exe${PDI}`,
    'isolated',
  ],
  ['an override at the start', `${RLO}evil`, `${FSI}${RLO}evil${PDI}`, 'isolated'],
  [
    'a closing isolate before an override',
    `${PDI}${RLO}escapes early`,
    `${FSI}${RLO}escapes early${PDI}`,
    'isolated',
  ],
  ['only closing isolates', `${PDI}${PDI}${PDI}`, `${FSI}${PDI}`, 'isolated'],
  ['a closing isolate without an opener', `a${PDI}b`, `${FSI}ab${PDI}`, 'isolated'],
  ['an isolate left open', `a${RLI}b`, `${FSI}a${RLI}b${PDI}${PDI}`, 'isolated'],
  [
    'a first-strong isolate left open',
    `${FSI}never closed`,
    `${FSI}${FSI}never closed${PDI}${PDI}`,
    'isolated',
  ],
  ['two isolates left open', `${LRI}a${FSI}b`, `${FSI}${LRI}a${FSI}b${PDI}${PDI}${PDI}`, 'isolated'],
  [
    'nested isolates left open',
    `${RLI}nested ${LRI}deeper`,
    `${FSI}${RLI}nested ${LRI}deeper${PDI}${PDI}${PDI}`,
    'isolated',
  ],
  ['a paired isolate', `a${RLI}b${PDI}c`, `${FSI}a${RLI}b${PDI}c${PDI}`, 'isolated'],
  [
    'a paired isolate around an override, then a closer too many',
    `${LRI}x${RLO}${PDI}${PDI}`,
    `${FSI}${LRI}x${RLO}${PDI}${PDI}`,
    'isolated',
  ],
  [
    'embeddings with too many closers',
    '\u202b\u202bembedded\u202c\u202c\u202c\u202c',
    `${FSI}\u202b\u202bembedded\u202c\u202c\u202c\u202c${PDI}`,
    'isolated',
  ],
  ['an embedding left open', '\u202bDaniel', `${FSI}\u202bDaniel${PDI}`, 'isolated'],
  ['stray closers and a mark', `a\u202c${PDI}b\u200f`, `${FSI}a\u202cb\u200f${PDI}`, 'isolated'],
  ['a left-to-right mark', '\u200e', `${FSI}\u200e${PDI}`, 'isolated'],
];

/** How deep the explicit bidi state is after each character, by the rules of UAX #9 (X1–X7) for these controls. */
function isolateDepths(text: string): number[] {
  const open: Array<'embedding' | 'isolate'> = [];
  const depths: number[] = [];
  for (const character of text) {
    if ('\u202a\u202b\u202d\u202e'.includes(character)) open.push('embedding');
    else if ('\u2066\u2067\u2068'.includes(character)) open.push('isolate');
    else if (character === '\u202c' && open.at(-1) === 'embedding') open.pop();
    else if (character === PDI && open.includes('isolate')) open.length = open.lastIndexOf('isolate');
    depths.push(open.filter((kind) => kind === 'isolate').length);
  }
  return depths;
}

const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

describe('isolateBidi', () => {
  it.each(ROWS)('wraps %s in one isolate that closes everything it opened', (_case, text, isolated) => {
    expect(isolateBidi(text)).toBe(isolated);
    const sentence = `${isolated} replied.`;
    const depths = isolateDepths(sentence);
    const end = [...isolated].length;
    // Inside the isolate the depth never falls back to zero; right after it, the sentence is at depth zero with
    // nothing open, so " replied." keeps its place.
    expect(depths.slice(0, end - 1).every((depth) => depth >= 1)).toBe(true);
    expect(depths.slice(end - 1)).toEqual(new Array(depths.length - end + 1).fill(0));
    // Only unpaired closing isolates are dropped: every letter and every other control stays.
    expect(isolated.slice(1, -1).replace(/\u2069/g, '')).toBe(text.replace(/\u2069/g, ''));
    expect(isolated.replace(BIDI_CONTROLS, '')).toBe(text.replace(BIDI_CONTROLS, ''));
  });

  it.each(ROWS)(
    'in a left-to-right sentence, leaves %s unchanged only when it has no right-to-left letter or bidi control',
    (_case, text, isolated, inLeftToRight) => {
      expect(isolateBidi(text, { sentenceDirection: 'ltr' })).toBe(
        inLeftToRight === 'unchanged' ? text : isolated,
      );
      expect(isolateBidi(text, { sentenceDirection: 'unknown' })).toBe(isolated);
    },
  );
});
