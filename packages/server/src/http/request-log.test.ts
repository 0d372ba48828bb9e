import { afterEach, describe, expect, it, vi } from 'vitest';
import { type RequestLogEntry, serverErrorRequestLogger } from './request-log.js';

const entry = (status: number): RequestLogEntry => ({
  requestId: 'req_1',
  method: 'GET',
  path: '/v1/conversations',
  status,
  durationMs: 3,
});

afterEach(() => vi.restoreAllMocks());

describe('serverErrorRequestLogger', () => {
  it.each([
    [200, false],
    [304, false],
    [401, false],
    [404, false],
    [429, false],
    [500, true],
    [503, true],
  ])('for an answer of status %i writes a line: %s', (status, written) => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    serverErrorRequestLogger(entry(status));
    expect(info).not.toHaveBeenCalled();
    expect(error.mock.calls.map(([line]) => JSON.parse(String(line)))).toEqual(
      written ? [{ level: 'error', event: 'request', ...entry(status) }] : [],
    );
  });
});
