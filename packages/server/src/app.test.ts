import { describe, expect, it } from 'vitest';
import { createTestApp, freshKey } from './testing/test-app.js';

describe('createApp', () => {
  it('answers the health check without a token', async () => {
    const { call } = await createTestApp();
    const response = await call('GET', '/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
  });

  it('lists the client conversations for a dev token', async () => {
    const { call } = await createTestApp();
    const tokenResponse = await call('POST', '/v1/dev/token', {
      body: { email: 'daniel.okafor@client.test' },
    });
    expect(tokenResponse.status).toBe(200);
    const { token } = (await tokenResponse.json()) as { token: string };
    const response = await call('GET', '/v1/conversations', { token });
    expect(response.status).toBe(200);
    const page = (await response.json()) as {
      items: Array<{ id: string; lastMessage: { internal: boolean } }>;
    };
    expect(page.items.map((item) => item.id)).toEqual(['cnv_daniel_work_permit']);
  });

  it('sends a message and returns it', async () => {
    const { call } = await createTestApp();
    const response = await call('POST', '/v1/conversations/cnv_daniel_work_permit/messages', {
      as: 'admin',
      body: { body: 'Hello again', idempotencyKey: freshKey() },
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      body: 'Hello again',
      internal: false,
      author: { name: 'Ben Cho' },
    });
  });
});
