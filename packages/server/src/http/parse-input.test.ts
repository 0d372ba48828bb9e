import { SubjectSchema } from '@confide/protocol';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors/api-error.js';
import { parseInput, readQuery } from './parse-input.js';

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

describe('readQuery', () => {
  it.each([
    ['?query=caf%C3%A9', { query: 'café' }],
    ['?query=a+b%2Bc', { query: 'a b+c' }],
    ['?query=%F0%9F%91%8D', { query: '👍' }],
    ['?query=%00', { query: '\u0000' }],
    ['?query', { query: '' }],
    ['?&&limit=5&', { limit: '5' }],
    ['?a=1&b=x%3Dy', { a: '1', b: 'x=y' }],
    ['', {}],
  ])('reads %s', (search, expected) => {
    expect(readQuery(`https://api.test/v1/conversations${search}`)).toEqual(expected);
  });

  it.each([
    ['an encoded lone high surrogate', '?query=%ED%A0%80'],
    ['an encoded lone low surrogate', '?query=x%ED%B0%80'],
    ['a byte that is not UTF-8', '?query=%FF'],
    ['an overlong NUL', '?query=%C0%80'],
    ['a cut-off sequence', '?query=%E2%82'],
    ['a malformed escape', '?query=%zz'],
    ['a bad key', '?%ED%A0%80=1'],
    ['a repeated key', '?limit=1&limit=2'],
  ])('refuses %s with invalid_input', (_case, search) => {
    expect(() => readQuery(`https://api.test/v1/conversations${search}`)).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });
});
