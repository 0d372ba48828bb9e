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
    expect(await verify(token, TEST_START)).toEqual(claims);
  });

  it('accepts an expired token within the clock tolerance and refuses it after', async () => {
    const verify = createTokenVerifier({ secret: TEST_SECRET, clockToleranceSeconds: 30 });
    const token = await signToken(claims, { secret: TEST_SECRET, now: TEST_START, expiresInSeconds: 60 });
    await expect(verify(token, new Date(TEST_START.getTime() + 80_000))).resolves.toEqual(claims);
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
