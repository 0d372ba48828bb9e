import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor.js';

describe('cursor', () => {
  it('round-trips a seq', () => {
    expect(decodeCursor('messages', encodeCursor('messages', 42), 'before')).toBe(42);
  });

  it("refuses another list's cursor and garbage with invalid_input", () => {
    for (const cursor of [encodeCursor('audit', 3), 'm_', 'm_-1', 'm_1e5', 'm_99999999999999999', 'hello']) {
      expect(() => decodeCursor('messages', cursor, 'before')).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
    }
  });
});
