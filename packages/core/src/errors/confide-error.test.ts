import { describe, expect, it } from 'vitest';
import { ConfideError, isConfideErrorCode, toConfideError } from './confide-error.js';

describe('ConfideError', () => {
  it('is recognised by its marker, also from another copy of the SDK', () => {
    const foreign = Object.assign(new Error('x'), { [Symbol.for('confide.error')]: true });
    expect(ConfideError.is(new ConfideError('network', 'Lost'))).toBe(true);
    expect(ConfideError.is(foreign)).toBe(true);
    expect(ConfideError.is(new Error('plain'))).toBe(false);
    expect(ConfideError.is(null)).toBe(false);
  });

  it('is retryable by default only for network, timeout, rate limits and server faults', () => {
    expect(new ConfideError('timeout', 't').retryable).toBe(true);
    expect(new ConfideError('rate_limited', 'r').retryable).toBe(true);
    expect(new ConfideError('portal_inactive', 'p').retryable).toBe(false);
    expect(new ConfideError('invalid_response', 'i').retryable).toBe(false);
  });

  const named = (name: string) => Object.assign(new Error('x'), { name });
  it.each([
    ['an abort', 'aborted', false, named('AbortError')],
    ['a timeout (ky, AbortSignal.timeout)', 'timeout', true, named('TimeoutError')],
    ["zod's error from a custom transport", 'invalid_response', false, named('$ZodError')],
    ["ky's network failure", 'network', true, named('NetworkError')],
    ["undici's network failure", 'network', true, new TypeError('fetch failed')],
    ["Chromium's network failure", 'network', true, new TypeError('Failed to fetch')],
    [
      "Firefox's network failure",
      'network',
      true,
      new TypeError('NetworkError when attempting to fetch resource.'),
    ],
    ["Safari's network failure", 'network', true, new TypeError('Load failed')],
    // Anything else is a bug: a non-retryable internal error, never an endlessly retried network error.
    ['a plain Error', 'internal', false, new Error('down')],
    [
      'a TypeError from a bug',
      'internal',
      false,
      new TypeError("Cannot read properties of undefined (reading 'id')"),
    ],
    ['a thrown string', 'internal', false, 'oops'],
    ['a thrown object', 'internal', false, { status: 500 }],
    ['undefined', 'internal', false, undefined],
  ])('wraps %s as %s (retryable: %s) with its cause and ids', (_name, code, retryable, thrown) => {
    const context = { conversationId: 'cnv_1' };
    const error = toConfideError(thrown, context);
    expect(error).toMatchObject({ code, retryable, context });
    expect(error.cause).toBe(thrown);
  });

  it('knows the closed set of codes', () => {
    expect(isConfideErrorCode('portal_inactive')).toBe(true);
    expect(isConfideErrorCode('network')).toBe(true);
    expect(isConfideErrorCode('teapot')).toBe(false);
  });
});
