import { createMockServer, DEMO_EMAILS, DEMO_IDS, EMPTY_ACCOUNT, scenarios } from '@confide/mocks';
import { ContactIdSchema, ConversationIdSchema } from '@confide/protocol';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConfideError, httpTransport } from '../index.js';

const mock = createMockServer();
const inactive = createMockServer({
  baseUrl: 'https://inactive.confide.test',
  inactivePortals: [DEMO_IDS.daniel],
});
const server = setupServer(...mock.handlers, ...inactive.handlers);

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => {
  mock.setScenario({});
  vi.useRealTimers();
});
afterAll(() => server.close());

const transportFor = (email: string, base = mock) =>
  httpTransport({ baseUrl: base.baseUrl, getToken: base.getToken(email) });

describe('scenario: server errors', () => {
  it('answers 503 with Retry-After on the chosen routes only', async () => {
    mock.setScenario(scenarios.serverErrors(['listConversations']));
    const response = await fetch(`${mock.baseUrl}/v1/conversations`, {
      headers: { authorization: `Bearer ${await mock.tokenFor(DEMO_EMAILS.ben)}` },
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(await response.json()).toMatchObject({ error: { code: 'internal' } });
    await expect(transportFor(DEMO_EMAILS.ben).getViewer()).resolves.toMatchObject({ id: DEMO_IDS.ben });
  });

  it('reaches the SDK as a retryable error that recovers when the scenario changes', async () => {
    mock.setScenario({ failures: { listMessages: { status: 500 } } });
    const ben = transportFor(DEMO_EMAILS.ben);
    const thread = ConversationIdSchema.parse('cnv_daniel_work_permit');
    const error = await ben.listMessages(thread, {}).catch((caught: unknown) => caught);
    expect(ConfideError.is(error) && error.retryable).toBe(true);
    expect(error).toMatchObject({ code: 'internal', status: 500 });
    mock.setScenario({});
    await expect(ben.listMessages(thread, {})).resolves.toMatchObject({ items: expect.any(Array) });
  });
});

describe('scenario: refusals', () => {
  it('answers a chosen route with a protocol error code and its status', async () => {
    mock.setScenario({ failures: { sendMessage: { code: 'forbidden' } } });
    const error = await transportFor(DEMO_EMAILS.ben)
      .sendMessage(ConversationIdSchema.parse('cnv_daniel_work_permit'), {
        body: 'Refused',
        idempotencyKey: 'mocks_refused_0001',
      })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'forbidden', status: 403, retryable: false });
  });
});

describe('scenario: offline', () => {
  it('fails every request as a network error', async () => {
    mock.setScenario(scenarios.offline());
    const error = await transportFor(DEMO_EMAILS.daniel)
      .listConversations({})
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'network' });
  });
});

describe('scenario: slow network', () => {
  it('holds each answer for the latency, then answers', async () => {
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
});

describe('scenario: portal inactive', () => {
  it('shows the contact as inactive and refuses messages to them', async () => {
    const ben = transportFor(DEMO_EMAILS.ben, inactive);
    const contacts = await ben.listContacts({});
    expect(contacts.items.find((contact) => contact.id === DEMO_IDS.daniel)).toMatchObject({
      portalStatus: 'inactive',
    });
    const error = await ben
      .startConversation({
        contactId: ContactIdSchema.parse(DEMO_IDS.daniel),
        subject: 'Hello',
        body: 'Hello Daniel',
        idempotencyKey: 'mocks_inactive_0001',
      })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'portal_inactive' });
    await expect(inactive.tokenFor(DEMO_EMAILS.daniel)).rejects.toMatchObject({ code: 'portal_inactive' });
  });

  it('keeps the rest of the demo data', async () => {
    const page = await transportFor(DEMO_EMAILS.ben, inactive).listConversations({});
    expect(page.items.map((item) => item.subject)).toContain('Work permit renewal');
  });
});

describe('scenario: empty account', () => {
  it('has people but no conversations, notifications or templates', async () => {
    const owner = transportFor(EMPTY_ACCOUNT.ownerEmail);
    await expect(owner.listConversations({})).resolves.toMatchObject({ items: [], unreadTotal: 0 });
    await expect(owner.listNotifications({})).resolves.toMatchObject({ items: [] });
    await expect(owner.listTemplates({})).resolves.toMatchObject({ items: [] });
    const client = transportFor(EMPTY_ACCOUNT.clientEmail);
    await expect(client.listConversations({})).resolves.toMatchObject({ items: [] });
  });
});
