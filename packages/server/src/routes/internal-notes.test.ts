import { describe, expect, it } from 'vitest';
import { readSse } from '../testing/read-sse.js';
import { createTestApp, freshKey } from '../testing/test-app.js';

const CONVERSATION = 'cnv_daniel_work_permit';
const SECRET = 'PRIVILEGED-STRATEGY-NOTE';

/** Every route a client can reach that returns data, as the client calls it. */
const CLIENT_READS = [
  '/v1/me',
  '/v1/conversations',
  '/v1/conversations?unread=true',
  `/v1/conversations?query=${encodeURIComponent('work')}`,
  `/v1/conversations/${CONVERSATION}`,
  `/v1/conversations/${CONVERSATION}/messages`,
  `/v1/conversations/${CONVERSATION}/messages?limit=1`,
];

describe('internal notes', () => {
  it('stay invisible to the client on every route, in previews, activity and unread counts', async () => {
    const { call, store } = await createTestApp();
    const before = await Promise.all(
      CLIENT_READS.map(async (path) => (await call('GET', path, { as: 'client' })).text()),
    );
    const mailBefore = await store.listMail({ limit: 100 });
    const noteResponse = await call('POST', `/v1/conversations/${CONVERSATION}/messages`, {
      as: 'admin',
      body: { body: SECRET, idempotencyKey: freshKey(), internal: true },
    });
    expect(noteResponse.status).toBe(201);
    const note = await noteResponse.json();
    const after = await Promise.all(
      CLIENT_READS.map(async (path) => (await call('GET', path, { as: 'client' })).text()),
    );
    expect(after).toEqual(before);
    for (const text of after) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(note.id);
    }
    expect(await store.listMail({ limit: 100 })).toEqual(mailBefore);
    const devMail = await (await call('GET', '/dev/mail')).text();
    expect(devMail).not.toContain(SECRET);
  });

  it('are visible to every member of the firm, marked internal', async () => {
    const { call } = await createTestApp();
    await call('POST', `/v1/conversations/${CONVERSATION}/messages`, {
      as: 'admin',
      body: { body: SECRET, idempotencyKey: freshKey(), internal: true },
    });
    const page = await (
      await call('GET', `/v1/conversations/${CONVERSATION}/messages`, { as: 'member' })
    ).json();
    expect(page.items.at(-1)).toMatchObject({ body: SECRET, internal: true });
    const summary = await (await call('GET', `/v1/conversations/${CONVERSATION}`, { as: 'owner' })).json();
    expect(summary.lastMessage).toMatchObject({ internal: true });
  });

  it('cannot be marked read by the client', async () => {
    const { call } = await createTestApp();
    const response = await call('POST', `/v1/conversations/${CONVERSATION}/read`, {
      as: 'client',
      body: { upTo: 'msg_daniel_3' },
    });
    expect(response.status).toBe(404);
  });

  it('never reach the client through events, notifications or e-mail', async () => {
    const { call, store } = await createTestApp();
    const stream = readSse(await call('GET', '/v1/events', { as: 'client' }));
    await stream.nextComment();
    const notificationsBefore = await store.countUnreadNotifications('mem_ana');
    await call('POST', `/v1/conversations/${CONVERSATION}/messages`, {
      as: 'admin',
      body: { body: SECRET, idempotencyKey: freshKey(), internal: true },
    });
    expect(await store.countUnreadNotifications('mem_ana')).toBe(notificationsBefore);
    expect(await store.listMail({ limit: 10 })).toEqual([]);
    const visible = await (
      await call('POST', `/v1/conversations/${CONVERSATION}/messages`, {
        as: 'admin',
        body: { body: 'Visible', idempotencyKey: freshKey() },
      })
    ).json();
    const event = await stream.nextEvent();
    expect(JSON.stringify(event.data)).not.toContain(SECRET);
    expect(event.data).toMatchObject({ data: { message: { id: visible.id } } });
    await stream.cancel();
  });
});

describe('tenant isolation', () => {
  it("leaves another firm's settings alone when a firm changes its own", async () => {
    const { call } = await createTestApp();
    const response = await call('PUT', '/v1/settings/notifications', {
      as: 'otherFirmMember',
      body: { clientStartedThread: 'none', allowedMediaTypes: ['application/pdf'] },
    });
    expect(response.status).toBe(200);
    const rivera = await (await call('GET', '/v1/settings/notifications', { as: 'member' })).json();
    expect(rivera).toEqual({ clientStartedThread: 'assignees_and_owner' });
  });

  it("lists only the viewer's own conversations", async () => {
    const { call } = await createTestApp();
    const elena = await (await call('GET', '/v1/conversations', { as: 'otherClient' })).json();
    expect(elena.items.map((item: { id: string }) => item.id)).toEqual(['cnv_elena_residence']);
    const grace = await (await call('GET', '/v1/conversations', { as: 'otherFirmMember' })).json();
    expect(grace.items.map((item: { id: string }) => item.id)).toEqual(['cnv_hiro_contract']);
  });
});
