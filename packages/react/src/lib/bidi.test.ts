import { describe, expect, it } from 'vitest';
import { isolate } from './bidi.js';

const FSI = '\u2068';
const PDI = '\u2069';

describe('isolate', () => {
  it.each([
    ['plain text', 'Visa documents', `${FSI}Visa documents${PDI}`],
    ['Hebrew', 'שלום, קיבלתם את המסמכים?', `${FSI}שלום, קיבלתם את המסמכים?${PDI}`],
    ['Arabic', 'هل وصلت الوثائق؟', `${FSI}هل وصلت الوثائق؟${PDI}`],
    [
      'an unpaired right-to-left override',
      'Signed retainer \u202efdp.exe',
      `${FSI}Signed retainer \u202efdp.exe${PDI}`,
    ],
    ['an isolate left open', 'a\u2067b', `${FSI}a\u2067b${PDI}${PDI}`],
    ['two isolates left open', '\u2066a\u2068b', `${FSI}\u2066a\u2068b${PDI}${PDI}${PDI}`],
    ['a closing isolate without an opener', `a${PDI}b`, `${FSI}ab${PDI}`],
    ['a paired isolate', `a\u2067b${PDI}c`, `${FSI}a\u2067b${PDI}c${PDI}`],
  ])('wraps %s in one isolate that closes everything the text opened', (_name, text, expected) => {
    expect(isolate(text)).toBe(expected);
  });
});
