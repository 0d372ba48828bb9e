import { ServerEventSchema } from '@confide/protocol';
import { describe, expect, it, vi } from 'vitest';
import { readSse } from '../testing/read-sse.js';
import { createTestApp, freshKey, type PersonName } from '../testing/test-app.js';

const CONVERSATION = 'cnv_daniel_work_permit';
const send = (body: string, extra: Record<string, unknown> = {}) => ({
  body: { body, idempotencyKey: freshKey(), ...extra },
});

/** A test app with `as`'s event stream open, past its `connected` comment. */
async function appWithStream(as: PersonName, options?: Parameters<typeof createTestApp>[0]) {
  const test = await createTestApp(options);
  const stream = readSse(await test.call('GET', '/v1/events', { as }));
  expect(await stream.nextComment()).toBe('connected');
  return { ...test, stream };
}

describe('GET /v1/events', () => {
  it('streams protocol events whose SSE id is the store sequence', async () => {
    const { call, stream } = await appWithStream('owner');
    const sent = await (
      await call('POST', `/v1/conversations/${CONVERSATION}/messages`, { as: 'client', ...send('Hi') })
    ).json();
    const first = await stream.nextEvent();
    expect(first.event).toBe('message.created');
    expect(ServerEventSchema.parse(first.data)).toMatchObject({
      id: first.id,
      type: 'message.created',
      data: { message: { id: sent.id } },
    });
    const second = await stream.nextEvent();
    expect(second.data).toMatchObject({
      type: 'notification.created',
      data: { notification: { messageId: sent.id } },
    });
    expect(Number(second.id)).toBeGreaterThan(Number(first.id));
    await stream.cancel();
  });

  it('resumes after Last-Event-ID without gaps', async () => {
    const { call } = await createTestApp();
    const path = `/v1/conversations/${CONVERSATION}/messages`;
    const stream = readSse(await call('GET', '/v1/events', { as: 'member' }));
    await stream.nextComment();
    await call('POST', path, { as: 'admin', ...send('One') });
    const seen = await stream.nextEvent();
    await stream.cancel();
    const missed = [];
    for (const body of ['Two', 'Three', 'Four'])
      missed.push((await (await call('POST', path, { as: 'admin', ...send(body) })).json()).id);
    const resumed = readSse(
      await call('GET', '/v1/events', { as: 'member', headers: { 'Last-Event-ID': String(seen.id) } }),
    );
    const received = [];
    const ids = [];
    for (let index = 0; index < missed.length; index += 1) {
      const event = await resumed.nextEvent();
      ids.push(Number(event.id));
      received.push((event.data.data as { message: { id: string } }).message.id);
    }
    expect(received).toEqual(missed);
    expect(ids[0]).toBeGreaterThan(Number(seen.id));
    expect([...ids].sort((left, right) => left - right)).toEqual(ids);
    await resumed.cancel();
  });

  it('writes heartbeat comments while idle', async () => {
    const { stream } = await appWithStream('client', { heartbeatIntervalMs: 5 });
    expect(await stream.nextComment()).toBe('heartbeat');
    await stream.cancel();
  });

  it('never sends a client internal notes or members’ reads', async () => {
    const { call, stream } = await appWithStream('client');
    await call('POST', `/v1/conversations/${CONVERSATION}/messages`, {
      as: 'owner',
      ...send('Secret note', { internal: true }),
    });
    await call('POST', `/v1/conversations/${CONVERSATION}/read`, {
      as: 'owner',
      body: { upTo: 'msg_daniel_4' },
    });
    const visible = await (
      await call('POST', `/v1/conversations/${CONVERSATION}/messages`, { as: 'owner', ...send('Visible') })
    ).json();
    const event = await stream.nextEvent();
    expect(event.data).toMatchObject({
      type: 'message.created',
      data: { message: { id: visible.id, internal: false } },
    });
    await stream.cancel();
  });

  it("sends members the client's read receipts", async () => {
    const { call, stream } = await appWithStream('member');
    await call('POST', `/v1/conversations/${CONVERSATION}/read`, {
      as: 'client',
      body: { upTo: 'msg_daniel_4' },
    });
    const event = await stream.nextEvent();
    expect(event.data).toMatchObject({
      type: 'conversation.read',
      data: { reader: { kind: 'client', id: 'con_daniel' }, upToMessageId: 'msg_daniel_4' },
    });
    await stream.cancel();
  });

  it("sends nothing of another client's conversations", async () => {
    const { call, stream } = await appWithStream('otherClient');
    await call('POST', `/v1/conversations/${CONVERSATION}/messages`, { as: 'owner', ...send('For Daniel') });
    const own = await (
      await call('POST', '/v1/conversations/cnv_elena_residence/messages', {
        as: 'owner',
        ...send('For Elena'),
      })
    ).json();
    const event = await stream.nextEvent();
    expect(event.data).toMatchObject({ data: { message: { id: own.id } } });
    await stream.cancel();
  });

  it('ends the stream when the token expires', async () => {
    const { app, clock, tokenFor } = await createTestApp({ heartbeatIntervalMs: 5 });
    const token = await tokenFor('client', 60);
    const stream = readSse(
      await app.request('/v1/events', { headers: { Authorization: `Bearer ${token}` } }),
    );
    expect(await stream.nextComment()).toBe('connected');
    clock.advance(91_000);
    const frames = await stream.untilEnd();
    expect(frames.every((frame) => frame.kind !== 'event')).toBe(true);
  });

  it('ends open streams when the server shuts down', async () => {
    const shutdown = new AbortController();
    const { stream } = await appWithStream('owner', {
      shutdownSignal: shutdown.signal,
      heartbeatIntervalMs: 60_000,
    });
    await stream.nextPosition();
    shutdown.abort();
    expect(await stream.untilEnd()).toEqual([]);
  });

  it('announces a new conversation to its client without the firm-only read receipt', async () => {
    const { call, stream } = await appWithStream('client');
    const started = await (
      await call('POST', '/v1/conversations', {
        as: 'member',
        body: { contactId: 'con_daniel', subject: 'New matter', body: 'Hello', idempotencyKey: freshKey() },
      })
    ).json();
    const event = await stream.nextEvent();
    expect(event.data).toMatchObject({
      type: 'conversation.created',
      data: { conversation: { id: started.conversation.id } },
    });
    expect((event.data.data as { conversation: object }).conversation).not.toHaveProperty('clientRead');
    await stream.cancel();
  });

  it.each<PersonName>(['client', 'owner'])(
    'opens no stream for a HEAD request (it would hold one of the person’s streams unread): %s',
    async (person) => {
      const { call, eventHub } = await createTestApp({ heartbeatIntervalMs: 600_000 });
      const head = await call('HEAD', '/v1/events', { as: person });
      expect(head.status).toBe(404);
      expect(eventHub.stats().subscribers).toBe(0);
    },
  );

  it('refuses a malformed Last-Event-ID', async () => {
    const { call } = await createTestApp();
    const response = await call('GET', '/v1/events', { as: 'owner', headers: { 'Last-Event-ID': 'abc' } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_input' } });
  });

  it('starts every stream with its position, so a resume from there misses nothing', async () => {
    const { call, store, stream } = await appWithStream('owner');
    const position = await stream.nextPosition();
    expect(Number(position)).toBe((await store.eventBounds()).latestSeq);
    await stream.cancel();
    const sent = await (
      await call('POST', `/v1/conversations/${CONVERSATION}/messages`, {
        as: 'client',
        ...send('While away'),
      })
    ).json();
    const resumed = readSse(
      await call('GET', '/v1/events', { as: 'owner', headers: { 'Last-Event-ID': position } }),
    );
    expect((await resumed.nextEvent()).data).toMatchObject({ data: { message: { id: sent.id } } });
    await resumed.cancel();
  });

  it.each([
    ['beyond the newest event', async (latest: number) => latest + 5],
    [
      'older than the retention window',
      async (latest: number, prune: () => Promise<void>) => {
        await prune();
        return latest - 2;
      },
    ],
  ] as const)('answers events_expired to a Last-Event-ID %s', async (_, chooseId) => {
    const { call, store } = await createTestApp();
    for (const body of ['One', 'Two', 'Three'])
      await call('POST', `/v1/conversations/${CONVERSATION}/messages`, { as: 'owner', ...send(body) });
    const { latestSeq } = await store.eventBounds();
    const prune = async () => {
      await store.pruneEvents('2999-01-01T00:00:00.000Z');
    };
    const lastEventId = String(await chooseId(latestSeq, prune));
    const response = await call('GET', '/v1/events', {
      as: 'owner',
      headers: { 'Last-Event-ID': lastEventId },
    });
    expect(response.status).toBe(410);
    expect(await response.json()).toMatchObject({ error: { code: 'events_expired' } });
    const fromNewest = await call('GET', '/v1/events', {
      as: 'owner',
      headers: { 'Last-Event-ID': String(latestSeq) },
    });
    expect(fromNewest.status).toBe(200);
    await fromNewest.body?.cancel();
  });

  it('prunes events older than the retention window once an interval has passed', async () => {
    const { call, store, clock } = await createTestApp({ eventRetentionMs: 60_000 });
    const stream = readSse(await call('GET', '/v1/events', { as: 'owner' }));
    await stream.nextPosition();
    await call('POST', `/v1/conversations/${CONVERSATION}/messages`, { as: 'owner', ...send('Old') });
    const old = await stream.nextEvent();
    clock.advance(2 * 60 * 60 * 1000);
    await call('POST', `/v1/conversations/${CONVERSATION}/messages`, { as: 'owner', ...send('New') });
    const fresh = await stream.nextEvent();
    await vi.waitFor(async () => expect((await store.eventBounds()).oldestSeq).toBe(Number(fresh.id)));
    expect(Number(old.id)).toBeLessThan(Number(fresh.id));
    await stream.cancel();
  });

  it('reads the store once per commit, however many streams are open', async () => {
    const reads = { hub: 0, perStream: 0 };
    const { createMemoryStore } = await import('../store/memory-store.js');
    const { seedDemo } = await import('../seed/demo.js');
    const inner = createMemoryStore();
    await seedDemo(inner);
    const store = {
      ...inner,
      readEvents: (...parameters: Parameters<typeof inner.readEvents>) => {
        reads.hub += 1;
        return inner.readEvents(...parameters);
      },
      listEventsSince: (...parameters: Parameters<typeof inner.listEventsSince>) => {
        reads.perStream += 1;
        return inner.listEventsSince(...parameters);
      },
    };
    const { call } = await createTestApp({ store, heartbeatIntervalMs: 600_000 });
    const people = ['owner', 'admin', 'member', 'client', 'otherClient', 'otherFirmMember'] as const;
    const streams = [];
    for (let index = 0; index < 100; index += 1) {
      const person = people[index % people.length] ?? 'owner';
      const stream = readSse(await call('GET', '/v1/events', { as: person }));
      await stream.nextPosition();
      streams.push({ stream, entitled: index % people.length < 4 });
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    Object.assign(reads, { hub: 0, perStream: 0 });
    const sent = await (
      await call('POST', `/v1/conversations/${CONVERSATION}/messages`, { as: 'admin', ...send('Fan out') })
    ).json();
    const entitled = streams.filter((entry) => entry.entitled);
    expect(entitled).toHaveLength(68);
    for (const { stream } of entitled)
      expect((await stream.nextEvent()).data).toMatchObject({ data: { message: { id: sent.id } } });
    expect(reads).toEqual({ hub: 1, perStream: 0 });
    await Promise.all(streams.map((entry) => entry.stream.cancel()));
  });
});
