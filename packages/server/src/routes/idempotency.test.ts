import { describe, expect, it } from 'vitest';
import { createTestApp, freshKey, PEOPLE } from '../testing/test-app.js';

const CONVERSATION = 'cnv_daniel_work_permit';

describe('idempotent sends over HTTP', () => {
  it('keeps one message and one e-mail when two identical sends race', async () => {
    const { call, store } = await createTestApp();
    const body = { body: 'Racing over HTTP', idempotencyKey: freshKey() };
    const [first, second] = await Promise.all([
      call('POST', `/v1/conversations/${CONVERSATION}/messages`, { as: 'owner', body }),
      call('POST', `/v1/conversations/${CONVERSATION}/messages`, { as: 'owner', body }),
    ]);
    expect([first.status, second.status]).toEqual([201, 201]);
    const [one, two] = [await first.json(), await second.json()];
    expect(two).toEqual(one);
    const messages = await store.listMessages({ conversationId: CONVERSATION, audience: 'firm', limit: 100 });
    expect(messages.filter((message) => message.body === 'Racing over HTTP')).toHaveLength(1);
    expect(await store.listMail({ limit: 10 })).toHaveLength(1);
  });

  it('keeps one conversation and one notification per member when two client starts race', async () => {
    const { call, store } = await createTestApp();
    const before = await store.countUnreadNotifications('mem_ben');
    const body = { subject: 'Race', body: 'Racing start', idempotencyKey: freshKey() };
    const responses = await Promise.all([
      call('POST', '/v1/conversations', { as: 'client', body }),
      call('POST', '/v1/conversations', { as: 'client', body }),
    ]);
    const [one, two] = await Promise.all(responses.map((response) => response.json()));
    expect(two.conversation.id).toBe(one.conversation.id);
    expect(await store.countUnreadNotifications('mem_ben')).toBe(before + 1);
    expect(
      (await store.listMail({ limit: 10 })).filter((mail) => mail.to === 'ben.cho@rivera-cho.test'),
    ).toHaveLength(1);
  });

  it('treats the same key from another author as a different message', async () => {
    const { call } = await createTestApp();
    const idempotencyKey = freshKey();
    const fromAna = await (
      await call('POST', `/v1/conversations/${CONVERSATION}/messages`, {
        as: 'owner',
        body: { body: 'A', idempotencyKey },
      })
    ).json();
    const fromBen = await (
      await call('POST', `/v1/conversations/${CONVERSATION}/messages`, {
        as: 'admin',
        body: { body: 'B', idempotencyKey },
      })
    ).json();
    expect(fromBen.id).not.toBe(fromAna.id);
  });

  it.each([
    [
      'a reply',
      'POST',
      `/v1/conversations/${CONVERSATION}/messages`,
      () => ({ body: 'Retried', idempotencyKey: freshKey() }),
    ],
    [
      'a new conversation',
      'POST',
      '/v1/conversations',
      () => ({ contactId: 'con_daniel', subject: 'Retried', body: 'Retried', idempotencyKey: freshKey() }),
    ],
  ] as const)(
    'lets retries of %s that went through use no quota, even over the limit',
    async (_, method, path, makeBody) => {
      const { call } = await createTestApp({ rateLimits: { sends: { limit: 2, windowMs: 60_000 } } });
      const delivered = makeBody();
      const first = await call(method, path, { as: 'owner', body: delivered });
      expect(first.status).toBe(201);
      const firstAnswer = await first.json();
      for (let retry = 0; retry < 3; retry += 1) {
        const again = await call(method, path, { as: 'owner', body: delivered });
        expect(again.status).toBe(201);
        expect(await again.json()).toEqual(firstAnswer);
      }
      expect((await call(method, path, { as: 'owner', body: makeBody() })).status).toBe(201);
      const over = await call(method, path, { as: 'owner', body: makeBody() });
      expect(over.status).toBe(429);
      const retriedOver = await call(method, path, { as: 'owner', body: delivered });
      expect(retriedOver.status).toBe(201);
      expect(await retriedOver.json()).toEqual(firstAnswer);
    },
  );
});

describe('a send written by someone else than the token says (the device changed hands)', () => {
  type Person = keyof typeof PEOPLE;
  const reply = (senderId: string) => ({
    path: `/v1/conversations/${CONVERSATION}/messages`,
    body: { body: 'Written by the previous person', idempotencyKey: freshKey(), senderId },
  });
  const start = (senderId: string, contactId?: string) => ({
    path: '/v1/conversations',
    body: {
      subject: 'Written by the previous person',
      body: 'Written by the previous person',
      idempotencyKey: freshKey(),
      senderId,
      ...(contactId ? { contactId } : {}),
    },
  });
  it.each<[string, Person, { path: string; body: object }, number]>([
    ["Ben's reply sent with Ana's token", 'owner', reply(PEOPLE.admin.sub), 409],
    ["Daniel's reply sent with Ben's token", 'admin', reply(PEOPLE.client.sub), 409],
    [
      "Ben's new conversation sent with Carla's token",
      'member',
      start(PEOPLE.admin.sub, PEOPLE.client.sub),
      409,
    ],
    ["Elena's new conversation sent with Daniel's token", 'client', start(PEOPLE.otherClient.sub), 409],
    ["Ana's own reply, named as hers", 'owner', reply(PEOPLE.owner.sub), 201],
    ["Daniel's own new conversation, named as his", 'client', start(PEOPLE.client.sub), 201],
  ])('%s answers %i', async (_name, as, { path, body }, status) => {
    const { call, store } = await createTestApp();
    const response = await call('POST', path, { as, body });
    expect(response.status).toBe(status);
    if (status !== 409) return;
    expect((await response.json()).error).toMatchObject({
      code: 'conflict',
      details: { reason: 'sender_changed' },
    });
    // Nothing was recorded: no message, no conversation of the token's person, no e-mail about either.
    const messages = await store.listMessages({ conversationId: CONVERSATION, audience: 'firm', limit: 100 });
    expect(messages.some((message) => message.body === 'Written by the previous person')).toBe(false);
    const listed = await (await call('GET', '/v1/conversations', { as })).json();
    expect(JSON.stringify(listed)).not.toContain('Written by the previous person');
    expect(await store.listMail({ limit: 10 })).toEqual([]);
  });
});

describe('an idempotency key used again for another conversation', () => {
  const start = (contactId: string, idempotencyKey: string) => ({
    path: '/v1/conversations',
    body: { contactId, subject: 'Documents', body: 'Please send them', idempotencyKey },
  });
  const reply = (conversationId: string, idempotencyKey: string) => ({
    path: `/v1/conversations/${conversationId}/messages`,
    body: { body: 'Please send them', idempotencyKey },
  });
  type Send = (idempotencyKey: string) => { path: string; body: object };

  it.each<[string, Send, Send, { sends: { limit: number; windowMs: number } } | undefined]>([
    [
      'a reply, then a reply to another client',
      (key) => reply(CONVERSATION, key),
      (key) => reply('cnv_elena_residence', key),
      undefined,
    ],
    [
      'a start, then a start with another client',
      (key) => start('con_daniel', key),
      (key) => start('con_elena', key),
      undefined,
    ],
    [
      'a start, then a start with another client over the send limit',
      (key) => start('con_daniel', key),
      (key) => start('con_elena', key),
      { sends: { limit: 1, windowMs: 60_000 } },
    ],
    [
      'a start, then a reply elsewhere',
      (key) => start('con_daniel', key),
      (key) => reply('cnv_elena_residence', key),
      undefined,
    ],
    [
      'a reply, then a start',
      (key) => reply(CONVERSATION, key),
      (key) => start('con_daniel', key),
      undefined,
    ],
  ])('is refused with 409 conflict, nothing sent: %s', async (_kind, first, second, rateLimits) => {
    const { call, store } = await createTestApp(rateLimits ? { rateLimits } : {});
    const idempotencyKey = freshKey();
    const firstSend = first(idempotencyKey);
    expect((await call('POST', firstSend.path, { as: 'owner', body: firstSend.body })).status).toBe(201);
    const mailsBefore = (await store.listMail({ limit: 100 })).length;
    const secondSend = second(idempotencyKey);
    const answer = await call('POST', secondSend.path, { as: 'owner', body: secondSend.body });
    expect([answer.status, ((await answer.json()) as { error?: { code?: string } }).error?.code]).toEqual([
      409,
      'conflict',
    ]);
    expect(await store.listMail({ limit: 100 })).toHaveLength(mailsBefore);
  });
});
