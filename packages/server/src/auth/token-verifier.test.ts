import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { TEST_SECRET, TEST_START } from '../testing/test-app.js';
import { signToken } from './sign-token.js';
import { createTokenVerifier } from './token-verifier.js';

const claims = { sub: 'mem_ana', role: 'member', firm: 'firm_rivera_cho' } as const;

describe('createTokenVerifier', () => {
  it('accepts a valid HS256 token and returns its claims', async () => {
    const verify = createTokenVerifier({ secret: TEST_SECRET });
    const token = await signToken(claims, { secret: TEST_SECRET, now: TEST_START });
    expect((await verify(token, TEST_START)).claims).toEqual(claims);
  });

  it('checks a token once and answers from memory until it expires', async () => {
    const verify = createTokenVerifier({ secret: TEST_SECRET, clockToleranceSeconds: 0 });
    const token = await signToken(claims, { secret: TEST_SECRET, now: TEST_START, expiresInSeconds: 60 });
    const first = await verify(token, TEST_START);
    expect(await verify(token, new Date(TEST_START.getTime() + 59_000))).toBe(first);
    await expect(verify(token, new Date(TEST_START.getTime() + 60_000))).rejects.toMatchObject({
      code: 'unauthenticated',
    });
    const forged = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    await expect(verify(forged, TEST_START)).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('accepts an expired token within the clock tolerance and refuses it after', async () => {
    const verify = createTokenVerifier({ secret: TEST_SECRET, clockToleranceSeconds: 30 });
    const token = await signToken(claims, { secret: TEST_SECRET, now: TEST_START, expiresInSeconds: 60 });
    const verified = await verify(token, new Date(TEST_START.getTime() + 80_000));
    expect(verified).toEqual({ claims, expiresAt: new Date(TEST_START.getTime() + 90_000) });
    await expect(verify(token, new Date(TEST_START.getTime() + 100_000))).rejects.toMatchObject({
      code: 'unauthenticated',
    });
  });

  it('refuses a wrong signature, a token without expiry and a token with bad claims', async () => {
    const verify = createTokenVerifier({ secret: TEST_SECRET });
    const wrong = await signToken(claims, { secret: `${TEST_SECRET}-other`, now: TEST_START });
    await expect(verify(wrong, TEST_START)).rejects.toMatchObject({ code: 'unauthenticated' });
    const key = new TextEncoder().encode(TEST_SECRET);
    const noExpiry = await new SignJWT({ role: 'member', firm: 'firm_rivera_cho' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('mem_ana')
      .sign(key);
    await expect(verify(noExpiry, TEST_START)).rejects.toMatchObject({ code: 'unauthenticated' });
    const badRole = await new SignJWT({ role: 'root', firm: 'firm_rivera_cho' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('mem_ana')
      .setExpirationTime('1h')
      .sign(key);
    await expect(verify(badRole, new Date())).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(verify('not.a.token', TEST_START)).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('refuses an unsigned token', async () => {
    const verify = createTokenVerifier({ secret: TEST_SECRET });
    const header = btoa(JSON.stringify({ alg: 'none' })).replace(/=+$/, '');
    const payload = btoa(JSON.stringify({ ...claims, exp: 9_999_999_999 })).replace(/=+$/, '');
    await expect(verify(`${header}.${payload}.`, TEST_START)).rejects.toMatchObject({
      code: 'unauthenticated',
    });
  });

  it('refuses a secret shorter than 32 bytes', () => {
    expect(() => createTokenVerifier({ secret: 'short' })).toThrow(TypeError);
  });
});

describe('createTokenVerifier with a JWKS URL', () => {
  it("accepts tokens signed with the host's published key and refuses HS256 tokens", async () => {
    const { exportJWK, generateKeyPair } = await import('jose');
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'host-key-1', alg: 'ES256', use: 'sig' };
    const requested: string[] = [];
    const verify = createTokenVerifier({
      jwksUrl: 'https://host.example.test/.well-known/jwks.json',
      fetch: async (url) => {
        requested.push(String(url));
        return new Response(JSON.stringify({ keys: [jwk] }), {
          headers: { 'Content-Type': 'application/json' },
        });
      },
    });
    const token = await new SignJWT({ role: 'client', firm: 'firm_rivera_cho' })
      .setProtectedHeader({ alg: 'ES256', kid: 'host-key-1' })
      .setSubject('con_daniel')
      .setExpirationTime(Math.floor(TEST_START.getTime() / 1000) + 600)
      .sign(privateKey);
    expect((await verify(token, TEST_START)).claims).toEqual({
      sub: 'con_daniel',
      role: 'client',
      firm: 'firm_rivera_cho',
    });
    expect(requested).toEqual(['https://host.example.test/.well-known/jwks.json']);
    const hmac = await signToken(claims, { secret: TEST_SECRET, now: TEST_START });
    await expect(verify(hmac, TEST_START)).rejects.toMatchObject({ code: 'unauthenticated' });
  });
});
