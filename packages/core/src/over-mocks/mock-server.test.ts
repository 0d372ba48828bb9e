import {
  createMockServer,
  DEMO_EMAILS,
  DEMO_IDS,
  EMPTY_ACCOUNT,
  type MockScenario,
  scenarios,
} from '@confide/mocks';
import { ContactIdSchema, ConversationIdSchema } from '@confide/protocol';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { httpTransport, type ServerEvent, type Transport } from '../index.js';
import { deferred } from '../test/deferred.js';

const WORK_PERMIT = ConversationIdSchema.parse('cnv_daniel_work_permit');
const mock = createMockServer();
const inactive = createMockServer({
  baseUrl: 'https://inactive.confide.test',
  inactivePortals: [DEMO_IDS.daniel],
});
const server = setupServer(...mock.handlers, ...inactive.handlers);

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => {
  mock.setScenario({});
  server.resetHandlers();
  vi.useRealTimers();
});
afterAll(() => server.close());

/** The SDK's transport for `email`, through the mock's MSW handlers. */
const transportFor = (email: string, base = mock) =>
  httpTransport({ baseUrl: base.baseUrl, getToken: base.getToken(email) });

describe('createMockServer through MSW', () => {
  it("delivers Ben's reply to Daniel over the event stream", async () => {
    const daniel = transportFor(DEMO_EMAILS.daniel);
    const opened = deferred<void>();
    const received = deferred<ServerEvent>();
    const unsubscribe = daniel.subscribe(
      (event) => {
        if (event.type === 'message.created') received.resolve(event);
      },
      { onStatusChange: (status) => status === 'open' && opened.resolve() },
    );
    await opened.promise;
    const sent = await transportFor(DEMO_EMAILS.ben).sendMessage(WORK_PERMIT, {
      body: 'Your appointment is confirmed.',
      idempotencyKey: 'mocks_test_reply_0001',
    });
    const event = await received.promise;
    unsubscribe();
    expect(event).toMatchObject({ type: 'message.created', data: { message: { id: sent.id } } });
  });

  it('issues dev tokens for demo people and refuses inactive portals and strangers', async () => {
    await expect(mock.tokenFor(DEMO_EMAILS.ben)).resolves.toMatch(/^ey/);
    await expect(mock.tokenFor(DEMO_EMAILS.farid)).rejects.toMatchObject({ code: 'portal_inactive' });
    await expect(mock.tokenFor('nobody@example.test')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('keeps each mock server to its own data, a base path below its host', async () => {
    const other = createMockServer({ baseUrl: 'https://other.confide.test/api' });
    server.use(...other.handlers);
    const transport = transportFor(DEMO_EMAILS.ben, other);
    const before = await transport.listConversations({});
    await transportFor(DEMO_EMAILS.ben).startConversation({
      contactId: ContactIdSchema.parse(DEMO_IDS.elena),
      subject: 'Only on the first mock',
      body: 'Hello Elena',
      idempotencyKey: 'mocks_test_start_0001',
    });
    const after = await transport.listConversations({});
    expect(after.items.map((item) => item.id)).toEqual(before.items.map((item) => item.id));
  });
});

describe('scenarios', () => {
  const reply = (transport: Transport) =>
    transport.sendMessage(WORK_PERMIT, { body: 'Refused', idempotencyKey: 'mocks_refused_0001' });
  it.each([
    [
      'server errors on the chosen routes',
      scenarios.serverErrors(['listConversations']),
      (transport: Transport) => transport.listConversations({}),
      { code: 'internal', status: 503, retryable: true, retryAfterSeconds: 1 },
    ],
    [
      'a refusal with a protocol code',
      { failures: { sendMessage: { code: 'forbidden' } } } satisfies MockScenario,
      reply,
      { code: 'forbidden', status: 403, retryable: false },
    ],
    ['offline', scenarios.offline(), (transport: Transport) => transport.getViewer(), { code: 'network' }],
  ])(
    '%s reach the SDK as its errors, and the healthy scenario recovers',
    async (name, scenario, call, expected) => {
      const ben = transportFor(DEMO_EMAILS.ben);
      mock.setScenario(scenario);
      await expect(call(ben)).rejects.toMatchObject(expected);
      // Routes the scenario does not name keep answering.
      if (name !== 'offline') await expect(ben.getViewer()).resolves.toMatchObject({ id: DEMO_IDS.ben });
      mock.setScenario({});
      await expect(ben.listConversations({})).resolves.toMatchObject({ items: expect.any(Array) });
    },
  );

  it('holds each answer for the latency of a slow network, then answers', async () => {
    const token = await mock.tokenFor(DEMO_EMAILS.ben);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    mock.setScenario(scenarios.slowNetwork(5_000));
    let settled = false;
    const answer = fetch(`${mock.baseUrl}/v1/me`, { headers: { authorization: `Bearer ${token}` } }).then(
      (response) => {
        settled = true;
        return response;
      },
    );
    await vi.advanceTimersByTimeAsync(4_999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await answer).status).toBe(200);
  });

  it('shows an inactive portal as such, refuses messages to it and keeps the rest of the demo data', async () => {
    const ben = transportFor(DEMO_EMAILS.ben, inactive);
    const contacts = await ben.listContacts({});
    expect(contacts.items.find((contact) => contact.id === DEMO_IDS.daniel)).toMatchObject({
      portalStatus: 'inactive',
    });
    const start = ben.startConversation({
      contactId: ContactIdSchema.parse(DEMO_IDS.daniel),
      subject: 'Hello',
      body: 'Hello Daniel',
      idempotencyKey: 'mocks_inactive_0001',
    });
    await expect(start).rejects.toMatchObject({ code: 'portal_inactive' });
    await expect(inactive.tokenFor(DEMO_EMAILS.daniel)).rejects.toMatchObject({ code: 'portal_inactive' });
    const page = await ben.listConversations({});
    expect(page.items.map((item) => item.subject)).toContain('Work permit renewal');
  });

  it('has people but no conversations, notifications or templates in the empty account', async () => {
    const owner = transportFor(EMPTY_ACCOUNT.ownerEmail);
    await expect(owner.listConversations({})).resolves.toMatchObject({ items: [], unreadTotal: 0 });
    await expect(owner.listNotifications({})).resolves.toMatchObject({ items: [] });
    await expect(owner.listTemplates({})).resolves.toMatchObject({ items: [] });
    const client = transportFor(EMPTY_ACCOUNT.clientEmail);
    await expect(client.listConversations({})).resolves.toMatchObject({ items: [] });
  });
});

describe('fixtures', () => {
  it('adds a thread of N messages that comes newest page first and leads the index', async () => {
    const id = ConversationIdSchema.parse(await mock.addLongThread({ messages: 2_000 }));
    const daniel = transportFor(DEMO_EMAILS.daniel);
    const first = await daniel.listMessages(id, { limit: 50 });
    expect(first.items).toHaveLength(50);
    const newest = first.items.at(-1);
    expect(newest?.body).toMatch(/^2000\. /);
    const index = await daniel.listConversations({});
    expect(index.items[0]).toMatchObject({ id, lastMessage: { id: newest?.id } });
  });

  it('adds N conversations across the active clients, some unread and some with a matter', async () => {
    const ids = await mock.addConversations({ count: 300 });
    const page = await transportFor(DEMO_EMAILS.ben).listConversations({ limit: 100 });
    expect(page.items[0]?.id).toBe(ids.at(-1));
    expect(page.nextCursor).not.toBeNull();
    expect(page.items.some((item) => item.matter !== null)).toBe(true);
    expect(page.items.some((item) => item.unreadCount > 0)).toBe(true);
    const contacts = new Set(page.items.map((item) => item.contact.id));
    expect(contacts).toEqual(new Set([DEMO_IDS.daniel, DEMO_IDS.elena]));
  });
});
