import { CHARACTER_MAX_CODE_POINTS } from '@confide/protocol';
import { describe, expect, it } from 'vitest';
import { storeFootprint } from '../testing/footprint.js';
import { createTestApp, freshKey } from '../testing/test-app.js';

// A "character" (grapheme cluster) of thousands of code points counts as one against every limit: a six-character
// subject of 300,000 UTF-16 units was stored (201), and every list page carrying it weighed ~900 KB.
const OVERLONG: ReadonlyArray<readonly [string, string]> = [
  ['stacked accents', `e${'\u0301'.repeat(300_000)}`],
  ['an endless chain of joined emoji', `${'👨\u200d'.repeat(100_000)}👨`],
  ['a run of Hangul jamo', '\u1100'.repeat(300_000)],
  ['one code point too many', `e${'\u0301'.repeat(CHARACTER_MAX_CODE_POINTS)}`],
];

describe('a character made of too many parts, over HTTP', () => {
  it.each(OVERLONG)(
    'is refused with invalid_input in every text a request carries: %s',
    async (_name, character) => {
      const test = await createTestApp();
      const before = await storeFootprint(test.store);
      const attempts = [
        test.call('POST', '/v1/conversations', {
          as: 'owner',
          body: {
            contactId: 'con_daniel',
            subject: `Visa ${character}`,
            body: 'x',
            idempotencyKey: freshKey(),
          },
        }),
        test.call('POST', '/v1/conversations/cnv_daniel_work_permit/messages', {
          as: 'client',
          body: { body: `Thanks ${character}`, idempotencyKey: freshKey() },
        }),
        test.call('POST', '/v1/templates', {
          as: 'owner',
          body: { name: `Welcome ${character}`, subject: 'Welcome', body: 'Hello' },
        }),
      ];
      for (const response of await Promise.all(attempts)) {
        expect(response.status).toBe(400);
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe('invalid_input');
      }
      expect(await storeFootprint(test.store)).toEqual(before);
    },
    60_000,
  );
});
