import { SubjectSchema } from '@confide/protocol';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors/api-error.js';
import { parseInput } from './parse-input.js';

describe('parseInput', () => {
  it('answers invalid_input with English field messages and the path', () => {
    const failure = (() => {
      try {
        parseInput(SubjectSchema, 'x'.repeat(300), 'body');
      } catch (error) {
        return error;
      }
    })();
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ code: 'invalid_input' });
    const issues = (failure as ApiError).details?.issues ?? [];
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toMatch(/too big.*200/i);
  });

  it('returns the parsed value', () => {
    expect(parseInput(SubjectSchema, '  Lease review ', 'body')).toBe('Lease review');
  });
});
