import { ServerEventSchema } from '@confide/protocol';
import { describe, expect, it } from 'vitest';
import { readSse } from '../testing/read-sse.js';
import { createTestApp, freshKey, type PersonName, type TestApp } from '../testing/test-app.js';

const CONVERSATION = 'cnv_daniel_work_permit';

async function openStream(test: TestApp, as: PersonName) {
  const stream = readSse(await test.call('GET', '/v1/events', { as }));
  expect(await stream.nextComment()).toBe('connected');
  return stream;
}

async function serverUnreadCount(test: TestApp, as: PersonName): Promise<number> {
  const page = (await (await test.call('GET', '/v1/notifications', { as })).json()) as {
    unreadCount: number;
  };
  return page.unreadCount;
}

async function unreadIds(test: TestApp, as: PersonName): Promise<string[]> {
  const page = (await (await test.call('GET', '/v1/notifications?unread=true', { as })).json()) as {
    items: { id: string }[];
  };
  return page.items.map((item) => item.id);
}

async function clientReply(test: TestApp, body = 'Here is the document.') {
  const response = await test.call('POST', `/v1/conversations/${CONVERSATION}/messages`, {
    as: 'client',
    body: { body, idempotencyKey: freshKey() },
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string };
}

/** The person's unread notifications as `conversationId/messageId`, to compare by what they are about. */
async function unreadAbout(test: TestApp, as: PersonName): Promise<string[]> {
  const page = (await (await test.call('GET', '/v1/notifications?unread=true&limit=100', { as })).json()) as {
    items: { conversationId: string; messageId: string }[];
  };
  return page.items.map((item) => `${item.conversationId}/${item.messageId}`).sort();
}

describe('reading a conversation', () => {
  it.each<{ reader: PersonName; upTo: 'first' | 'second'; answered: ('first' | 'second')[] }>([
    { reader: 'owner', upTo: 'first', answered: ['first'] },
    { reader: 'owner', upTo: 'second', answered: ['first', 'second'] },
    { reader: 'admin', upTo: 'second', answered: [] },
    { reader: 'client', upTo: 'second', answered: [] },
  ])(
    "by $reader up to the $upTo of two replies marks read the owner's notifications about $answered",
    async ({ reader, upTo, answered }) => {
      const test = await createTestApp();
      const before = await unreadAbout(test, 'owner');
      const replies = { first: await clientReply(test, 'One'), second: await clientReply(test, 'Two') };
      const about = (which: 'first' | 'second') => `${CONVERSATION}/${replies[which].id}`;
      expect(await unreadAbout(test, 'owner')).toEqual([...before, about('first'), about('second')].sort());
      const ownersTab = await openStream(test, 'owner');
      const response = await test.call('POST', `/v1/conversations/${CONVERSATION}/read`, {
        as: reader,
        body: { upTo: replies[upTo].id },
      });
      expect(response.status).toBe(200);

      const expected = [...before, about('first'), about('second')]
        .filter((item) => !answered.some((which) => about(which) === item))
        .sort();
      expect(await unreadAbout(test, 'owner')).toEqual(expected);
      if (reader === 'owner') {
        const event = ServerEventSchema.parse((await ownersTab.nextEvent()).data);
        const read =
          event.type === 'conversation.read'
            ? ServerEventSchema.parse((await ownersTab.nextEvent()).data)
            : event;
        expect(read).toMatchObject({
          type: 'notification.read',
          data: { unreadCount: await serverUnreadCount(test, 'owner') },
        });
        expect(read.type === 'notification.read' && read.data.ids).toHaveLength(answered.length);
      }
      // Each member's notifications are their own: the admin's are answered only by the admin's read.
      expect((await unreadAbout(test, 'admin')).includes(about('second'))).toBe(reader !== 'admin');
      await ownersTab.cancel();
    },
  );
});

describe('notification.read', () => {
  it.each([
    ['one notification', async (test: TestApp) => ({ ids: (await unreadIds(test, 'owner')).slice(0, 1) })],
    [
      'several notifications, one named twice',
      async (test: TestApp) => {
        const [first = '', second = ''] = await unreadIds(test, 'owner');
        return { ids: [first, second, first] };
      },
    ],
    ['all notifications', async () => ({ all: true })],
    [
      'a notification of another member (which changes nothing)',
      async (test: TestApp) => ({
        ids: (await unreadIds(test, 'admin')).slice(0, 1),
      }),
    ],
    ['an id that exists nowhere', async () => ({ ids: ['ntf_missing'] })],
  ])(
    "reaches the member's other tabs when they mark %s read, with the server's count",
    async (_case, input) => {
      const test = await createTestApp();
      const otherTab = await openStream(test, 'owner');
      const request = await input(test);
      const response = await test.call('POST', '/v1/notifications/read', { as: 'owner', body: request });
      expect(response.status).toBe(200);
      const answer = (await response.json()) as { unreadCount: number };
      const event = await otherTab.nextEvent();
      expect(event.event).toBe('notification.read');
      const parsed = ServerEventSchema.parse(event.data);
      expect(parsed).toMatchObject({
        type: 'notification.read',
        data: {
          ids: 'all' in request ? 'all' : [...new Set(request.ids)],
          unreadCount: await serverUnreadCount(test, 'owner'),
        },
      });
      expect(parsed.data).toMatchObject({ unreadCount: answer.unreadCount });
      await otherTab.cancel();
    },
  );

  it.each<PersonName>(['admin', 'member', 'client', 'otherClient', 'otherFirmMember'])(
    "never reaches another person's streams (%s)",
    async (other) => {
      const test = await createTestApp();
      const stream = await openStream(test, other);
      await test.call('POST', '/v1/notifications/read', { as: 'owner', body: { all: true } });
      // A marker each of these people may see: the next event they get must be it, not the owner's read.
      const marker = other.startsWith('otherFirm')
        ? await test.call('POST', '/v1/conversations/cnv_hiro_contract/messages', {
            as: 'otherFirmMember',
            body: { body: 'Marker', idempotencyKey: freshKey() },
          })
        : await test.call(
            'POST',
            `/v1/conversations/${other === 'otherClient' ? 'cnv_elena_residence' : CONVERSATION}/messages`,
            {
              as: 'owner',
              body: { body: 'Marker', idempotencyKey: freshKey() },
            },
          );
      const { id } = (await marker.json()) as { id: string };
      const event = await stream.nextEvent();
      expect(event.data).toMatchObject({ type: 'message.created', data: { message: { id } } });
      await stream.cancel();
    },
  );
});

describe('notification.created', () => {
  it('counts from zero after another tab marked everything read (the "57 then 58, server 1" case)', async () => {
    const test = await createTestApp();
    const secondTab = await openStream(test, 'owner');
    expect(await serverUnreadCount(test, 'owner')).toBeGreaterThan(0);
    await test.call('POST', '/v1/notifications/read', { as: 'owner', body: { all: true } });
    await clientReply(test);
    const received: { type: string; unreadCount: unknown }[] = [];
    while (received.length < 2) {
      const event = await secondTab.nextEvent();
      const data = event.data as { type: string; data: { unreadCount?: unknown } };
      if (data.type.startsWith('notification.'))
        received.push({ type: data.type, unreadCount: data.data.unreadCount });
    }
    // The read carries the server's count; the notification after it carries none, so a tab refetches it
    // rather than adding one to a number another tab has made stale.
    expect(received).toEqual([
      { type: 'notification.read', unreadCount: 0 },
      { type: 'notification.created', unreadCount: undefined },
    ]);
    expect(await serverUnreadCount(test, 'owner')).toBe(1);
    await secondTab.cancel();
  });

  it.each<PersonName>(['client', 'otherFirmMember'])('never reaches %s', async (other) => {
    const test = await createTestApp();
    const stream = await openStream(test, other);
    await clientReply(test);
    const marker =
      other === 'client'
        ? await test.call('POST', `/v1/conversations/${CONVERSATION}/messages`, {
            as: 'owner',
            body: { body: 'Marker', idempotencyKey: freshKey() },
          })
        : await test.call('POST', '/v1/conversations/cnv_hiro_contract/messages', {
            as: 'otherFirmMember',
            body: { body: 'Marker', idempotencyKey: freshKey() },
          });
    const { id } = (await marker.json()) as { id: string };
    let event = await stream.nextEvent();
    // The client sees its own reply first; then the marker; never a notification.
    while (
      (event.data as { type: string }).type === 'message.created' &&
      (event.data as { data: { message: { id: string } } }).data.message.id !== id
    ) {
      event = await stream.nextEvent();
    }
    expect(event.data).toMatchObject({ type: 'message.created', data: { message: { id } } });
    await stream.cancel();
  });
});
