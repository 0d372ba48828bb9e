import { describe, expect, it } from 'vitest';
import { signToken } from './auth/sign-token.js';
import type { RequestLogEntry } from './http/request-log.js';
import { createTestApp, freshKey, TEST_SECRET, type TestApp } from './testing/test-app.js';

const CONVERSATION = 'cnv_daniel_work_permit';

describe('createApp', () => {
  it('answers the health check without a token', async () => {
    const { call } = await createTestApp();
    const response = await call('GET', '/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it("lists Daniel's conversations with a dev token for his e-mail address", async () => {
    const { call } = await createTestApp();
    const tokenResponse = await call('POST', '/v1/dev/token', {
      body: { email: 'Daniel.Okafor@client.test' },
    });
    expect(tokenResponse.status).toBe(200);
    const { token } = (await tokenResponse.json()) as { token: string };
    const response = await call('GET', '/v1/conversations', { token });
    const page = (await response.json()) as { items: Array<{ id: string }> };
    expect(page.items.map((item) => item.id)).toEqual(['cnv_daniel_work_permit']);
  });

  it('gives no dev token to a client whose portal is not active, nor to strangers', async () => {
    const { call } = await createTestApp();
    const inactive = await call('POST', '/v1/dev/token', { body: { email: 'farid.haddad@client.test' } });
    expect(inactive.status).toBe(409);
    expect(await inactive.json()).toMatchObject({ error: { code: 'portal_inactive' } });
    expect((await call('POST', '/v1/dev/token', { body: { email: 'nobody@client.test' } })).status).toBe(404);
  });

  it('refuses a host token for a client whose portal is not active', async () => {
    const { call, clock } = await createTestApp();
    const token = await signToken(
      { sub: 'con_farid', role: 'client', firm: 'firm_rivera_cho' },
      { secret: TEST_SECRET, now: clock.now() },
    );
    const response = await call('GET', '/v1/me', { token });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({
      error: { code: 'forbidden', details: { reason: 'portal_inactive' } },
    });
  });

  it('refuses a token whose firm does not match the person', async () => {
    const { call, clock } = await createTestApp();
    const token = await signToken(
      { sub: 'mem_grace', role: 'member', firm: 'firm_rivera_cho' },
      { secret: TEST_SECRET, now: clock.now() },
    );
    expect((await call('GET', '/v1/conversations', { token })).status).toBe(401);
    const asClient = await signToken(
      { sub: 'mem_ana', role: 'client', firm: 'firm_rivera_cho' },
      { secret: TEST_SECRET, now: clock.now() },
    );
    expect((await call('GET', '/v1/conversations', { token: asClient })).status).toBe(401);
  });

  it('serves no dev routes outside dev mode', async () => {
    const { call } = await createTestApp({ dev: false });
    expect(
      (await call('POST', '/v1/dev/token', { body: { email: 'ana.rivera@rivera-cho.test' } })).status,
    ).toBe(404);
    expect((await call('GET', '/dev/mail')).status).toBe(404);
  });

  it('shows the outbox on the dev mail page, escaped, without message text', async () => {
    const { call } = await createTestApp();
    await call('POST', `/v1/conversations/${CONVERSATION}/messages`, {
      as: 'admin',
      body: { body: '<script>alert(1)</script> secret', idempotencyKey: freshKey() },
    });
    const response = await call('GET', '/dev/mail');
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const page = await response.text();
    expect(page).toContain('daniel.okafor@client.test');
    expect(page).toContain('A secure message is waiting in your portal');
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('secret');
  });

  it('echoes a safe request id and records it in the audit log', async () => {
    const { call, store } = await createTestApp();
    const response = await call('POST', `/v1/conversations/${CONVERSATION}/read`, {
      as: 'client',
      body: { upTo: 'msg_daniel_4' },
      headers: { 'X-Request-Id': 'req-from-proxy-123' },
    });
    expect(response.headers.get('x-request-id')).toBe('req-from-proxy-123');
    const [entry] = await store.listAudit({ firmId: 'firm_rivera_cho', limit: 1 });
    expect(entry).toMatchObject({
      action: 'conversation.read',
      requestId: 'req-from-proxy-123',
      actor: { kind: 'client', id: 'con_daniel' },
    });
    const unsafe = await call('GET', '/healthz', { headers: { 'X-Request-Id': 'bad id <script>' } });
    expect(unsafe.headers.get('x-request-id')).toMatch(/^req_[a-z0-9]+$/);
  });

  it('logs one line per request without bodies, queries or tokens', async () => {
    const entries: RequestLogEntry[] = [];
    const { call, tokenFor } = await createTestApp({ logger: (entry) => entries.push(entry) });
    const token = await tokenFor('owner');
    await call('POST', `/v1/conversations/${CONVERSATION}/messages?x=1`, {
      token,
      body: { body: 'Body text', idempotencyKey: freshKey() },
    });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      method: 'POST',
      path: `/v1/conversations/${CONVERSATION}/messages`,
      status: 400,
      requestId: expect.any(String),
    });
    expect(Object.keys(entries[0] ?? {}).sort()).toEqual([
      'durationMs',
      'method',
      'path',
      'requestId',
      'status',
    ]);
    expect(JSON.stringify(entries)).not.toContain(token);
    expect(JSON.stringify(entries)).not.toContain('Body text');
  });

  it('allows only listed origins through CORS', async () => {
    const { call } = await createTestApp();
    const allowed = await call('OPTIONS', '/v1/conversations', {
      headers: {
        Origin: 'https://portal.example.test',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type',
      },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://portal.example.test');
    expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    const refused = await call('GET', '/healthz', { headers: { Origin: 'https://evil.example.test' } });
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('rate-limits sends per identity with 429 and retryAfterSeconds', async () => {
    const { call } = await createTestApp({ rateLimits: { sends: { limit: 2, windowMs: 60_000 } } });
    const send = (as: 'owner' | 'admin') =>
      call('POST', `/v1/conversations/${CONVERSATION}/messages`, {
        as,
        body: { body: 'Hi', idempotencyKey: freshKey() },
      });
    expect((await send('owner')).status).toBe(201);
    expect((await send('owner')).status).toBe(201);
    const limited = await send('owner');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(await limited.json()).toMatchObject({
      error: { code: 'rate_limited', details: { retryAfterSeconds: 60 } },
    });
    expect((await send('admin')).status).toBe(201);
  });

  describe('dev token limit', () => {
    // The caller's address comes from a test header here; over real sockets see start-server-listen.int.test.ts.
    const limitedApp = () =>
      createTestApp({
        rateLimits: { devTokens: { limit: 2, windowMs: 60_000 } },
        clientAddress: (hono) => hono.req.header('x-test-address'),
      });
    const issue = (call: TestApp['call'], address: string | undefined, email: string) =>
      call('POST', '/v1/dev/token', {
        body: { email },
        headers: address === undefined ? {} : { 'x-test-address': address },
      });
    const EMAILS = [
      'ana.rivera@rivera-cho.test',
      'nobody-1@client.test',
      'daniel.okafor@client.test',
      'NOBODY-2@client.test',
    ];

    it.each([
      ['one IPv4 address', ['203.0.113.7', '203.0.113.7', '203.0.113.7']],
      [
        'one IPv6 network, a new address each time',
        ['2001:db8:1:2::1', '2001:db8:1:2::2', '2001:db8:1:2::3'],
      ],
      ['an IPv4 address and its IPv4-mapped form', ['198.51.100.4', '::ffff:198.51.100.4', '198.51.100.4']],
      ['callers whose address is unknown', [undefined, undefined, undefined]],
    ])('stops %s trying a different e-mail address each time', async (_case, addresses) => {
      const { call } = await limitedApp();
      const statuses = [];
      for (const [index, address] of addresses.entries())
        statuses.push((await issue(call, address, EMAILS[index] ?? '')).status);
      expect(statuses.slice(0, 2)).not.toContain(429);
      expect(statuses[2]).toBe(429);
    });

    it.each([
      ['another IPv4 address', '203.0.113.7', '203.0.113.8'],
      ['another IPv6 network', '2001:db8:1:2::1', '2001:db8:1:3::1'],
      ['the other loopback', '127.0.0.1', '::1'],
    ])('lets %s have a token for an address someone else used up', async (_case, attacker, owner) => {
      const { call } = await limitedApp();
      const email = 'ana.rivera@rivera-cho.test';
      await issue(call, attacker, email);
      await issue(call, attacker, email);
      expect((await issue(call, attacker, email)).status).toBe(429);
      expect((await issue(call, owner, email)).status).toBe(200);
    });
  });

  it('answers unexpected failures with a 500 envelope that reveals nothing', async () => {
    const errors: unknown[] = [];
    const test = await createTestApp({ onUnexpectedError: (error) => errors.push(error) });
    test.store.listMembers = async () => {
      throw new Error('database is down at 10.0.0.7');
    };
    const response = await test.call('GET', '/v1/members', { as: 'owner' });
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'internal' } });
    expect(text).not.toContain('10.0.0.7');
    expect(errors).toHaveLength(1);
  });

  it('refuses to start in dev mode without a secret to sign tokens', async () => {
    await expect(
      createTestApp({ auth: { jwksUrl: 'https://host.example.test/.well-known/jwks.json' } }),
    ).rejects.toThrow(TypeError);
  });
});
