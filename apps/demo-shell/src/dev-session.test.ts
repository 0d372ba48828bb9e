import { ConfideError } from '@confide/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDevSession } from './dev-session.js';

const API_URL = 'http://confide.test';

function tokenResponse(token: string): Response {
  return new Response(JSON.stringify({ token }), { headers: { 'content-type': 'application/json' } });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('createDevSession', () => {
  it('asks the dev token route once and reuses the token', async () => {
    const fetch = vi.fn(async () => tokenResponse('token-1'));
    vi.stubGlobal('fetch', fetch);
    const session = createDevSession(API_URL, 'ben.cho@rivera-cho.test');

    const tokens = await Promise.all([
      session.getToken({ reason: 'initial' }),
      session.getToken({ reason: 'initial' }),
    ]);

    expect(tokens).toEqual(['token-1', 'token-1']);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledWith(`${API_URL}/v1/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ben.cho@rivera-cho.test' }),
    });
  });

  it('asks for a new token after the server refused the old one', async () => {
    const fetch = vi.fn<() => Promise<Response>>();
    fetch.mockResolvedValueOnce(tokenResponse('old')).mockResolvedValueOnce(tokenResponse('new'));
    vi.stubGlobal('fetch', fetch);
    const session = createDevSession(API_URL, 'ben.cho@rivera-cho.test');

    expect(await session.getToken({ reason: 'initial' })).toBe('old');
    expect(await session.getToken({ reason: 'unauthenticated' })).toBe('new');
    expect(await session.getToken({ reason: 'initial' })).toBe('new');
  });

  it("fails with the server's error code and asks again on the next call", async () => {
    const refusal = { error: { code: 'portal_inactive', message: "The client's portal is not active" } };
    const fetch = vi.fn<() => Promise<Response>>();
    fetch
      .mockResolvedValueOnce(new Response(JSON.stringify(refusal), { status: 409 }))
      .mockResolvedValueOnce(tokenResponse('after-activation'));
    vi.stubGlobal('fetch', fetch);
    const session = createDevSession(API_URL, 'farid.haddad@client.test');

    const failure = await Promise.resolve(session.getToken({ reason: 'initial' })).catch(
      (error: unknown) => error,
    );
    expect(ConfideError.is(failure) && failure.code).toBe('portal_inactive');
    expect(await session.getToken({ reason: 'initial' })).toBe('after-activation');
  });

  it('reports an unreachable server as a network error', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    const session = createDevSession(API_URL, 'ben.cho@rivera-cho.test');

    const failure = await Promise.resolve(session.getToken({ reason: 'initial' })).catch(
      (error: unknown) => error,
    );
    expect(ConfideError.is(failure) && failure.code).toBe('network');
  });
});
