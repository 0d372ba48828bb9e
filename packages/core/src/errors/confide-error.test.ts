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

  it.each([
    ['a plain Error', new Error('down')],
    ['a TypeError from a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a thrown string', 'oops'],
    ['a thrown object', { status: 500 }],
    ['undefined', undefined],
  ])('makes %s a non-retryable internal error, never an endlessly retried network error', (_name, thrown) => {
    expect(toConfideError(thrown)).toMatchObject({ code: 'internal', retryable: false });
  });

  it.each([
    ['undici', new TypeError('fetch failed')],
    ['Chromium', new TypeError('Failed to fetch')],
    ['Firefox', new TypeError('NetworkError when attempting to fetch resource.')],
    ['Safari', new TypeError('Load failed')],
  ])("makes %s's network failure a retryable network error", (_name, thrown) => {
    expect(toConfideError(thrown)).toMatchObject({ code: 'network', retryable: true });
  });

  it('knows the closed set of codes', () => {
    expect(isConfideErrorCode('portal_inactive')).toBe(true);
    expect(isConfideErrorCode('network')).toBe(true);
    expect(isConfideErrorCode('teapot')).toBe(false);
  });
});
