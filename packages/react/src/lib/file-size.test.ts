import { describe, expect, it } from 'vitest';
import { formatFileSize } from './file-size.js';

describe('formatFileSize', () => {
  it.each([
    [0, 'en-GB', '0 kB'],
    [20, 'en-GB', '0.1 kB'],
    [812, 'en-GB', '0.8 kB'],
    [1024, 'en-GB', '1 kB'],
    [1536, 'en-GB', '1.5 kB'],
    [14 * 1024 + 300, 'en-GB', '14 kB'],
    [3.4 * 1024 * 1024, 'en-GB', '3.4 MB'],
    [100 * 1024 * 1024, 'en-GB', '100 MB'],
    [5 * 1024 ** 3, 'en-GB', '5 GB'],
    [2.5 * 1024 * 1024, 'de-DE', '2,5 MB'],
    [-5, 'en-GB', '0 kB'],
  ])('formats %d bytes in %s as %s', (bytes, locale, expected) => {
    expect(formatFileSize(bytes, locale).replace(/\s/g, ' ')).toBe(expected);
  });
});
