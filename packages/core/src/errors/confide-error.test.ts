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

  it('wraps anything thrown, keeping the cause and ids of context', () => {
    const abort = Object.assign(new Error('stop'), { name: 'AbortError' });
    expect(toConfideError(abort)).toMatchObject({ code: 'aborted', cause: abort });
    const wrapped = toConfideError(new TypeError('fetch failed'), { conversationId: 'cnv_1' });
    expect(wrapped).toMatchObject({ code: 'network', context: { conversationId: 'cnv_1' } });
  });

  it('knows the closed set of codes', () => {
    expect(isConfideErrorCode('portal_inactive')).toBe(true);
    expect(isConfideErrorCode('network')).toBe(true);
    expect(isConfideErrorCode('teapot')).toBe(false);
  });
});
