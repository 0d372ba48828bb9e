import { createMockServer, DEMO_EMAILS, DEMO_IDS } from '@confide/mocks';
import { ContactIdSchema, ConversationIdSchema } from '@confide/protocol';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfideError, httpTransport, type ServerEvent } from '../index.js';
import { deferred } from '../test/deferred.js';

const WORK_PERMIT = ConversationIdSchema.parse('cnv_daniel_work_permit');
const mock = createMockServer();
const server = setupServer(...mock.handlers);

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterAll(() => server.close());

const transportFor = (email: string) =>
  httpTransport({ baseUrl: mock.baseUrl, getToken: mock.getToken(email) });

describe('createMockServer', () => {
  it("lists only Daniel's own conversations for Daniel", async () => {
    const page = await transportFor(DEMO_EMAILS.daniel).listConversations({});
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((item) => item.contact.id === DEMO_IDS.daniel)).toBe(true);
    expect(page.items.map((item) => item.subject)).toContain('Work permit renewal');
  });

  it("lists the whole firm's conversations for Ben, internal notes included in the thread", async () => {
    const ben = transportFor(DEMO_EMAILS.ben);
    const page = await ben.listConversations({});
    const contacts = new Set(page.items.map((item) => item.contact.id));
    expect(contacts).toEqual(new Set([DEMO_IDS.daniel, DEMO_IDS.elena]));
    const messages = await ben.listMessages(WORK_PERMIT, {});
    expect(messages.items.some((message) => message.internal)).toBe(true);
  });

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

  it('answers with the protocol error envelope for requests the server refuses', async () => {
    const response = await fetch(`${mock.baseUrl}/v1/me`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  it('keeps each mock server to its own data', async () => {
    const other = createMockServer({ baseUrl: 'https://other.confide.test/api' });
    server.use(...other.handlers);
    const transport = httpTransport({
      baseUrl: other.baseUrl,
      getToken: other.getToken(DEMO_EMAILS.ben),
    });
    const before = await transport.listConversations({});
    await transportFor(DEMO_EMAILS.ben).startConversation({
      contactId: ContactIdSchema.parse(DEMO_IDS.elena),
      subject: 'Only on the first mock',
      body: 'Hello Elena',
      idempotencyKey: 'mocks_test_start_0001',
    });
    const after = await transport.listConversations({});
    expect(after.items.map((item) => item.id)).toEqual(before.items.map((item) => item.id));
    server.resetHandlers();
  });

  it('serves the API below a base path', async () => {
    const nested = createMockServer({ baseUrl: 'https://host.confide.test/services/confide' });
    server.use(...nested.handlers);
    const viewer = await httpTransport({
      baseUrl: nested.baseUrl,
      getToken: nested.getToken(DEMO_EMAILS.carla),
    }).getViewer();
    expect(viewer).toMatchObject({ role: 'member', id: DEMO_IDS.carla });
    server.resetHandlers();
  });

  it('turns refusals into ConfideErrors through the SDK', async () => {
    const error = await transportFor(DEMO_EMAILS.daniel)
      .getConversation(ConversationIdSchema.parse('cnv_elena_residence'))
      .catch((caught: unknown) => caught);
    expect(ConfideError.is(error)).toBe(true);
    expect(error).toMatchObject({ code: 'not_found' });
  });
});
