import { QueryClient } from '@tanstack/query-core';
import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../storage/storage.js';
import { pdfFile } from '../test/files.js';
import {
  clientFor,
  createMockServer,
  DEMO_IDS,
  type DemoPerson,
  queueOffline,
  recordedTransport,
  seedConversation,
  seedMessage,
  serverBodies,
  transportFor,
  untilShown,
} from '../test/mock-clients.js';
import { stateOf, until, untilState } from '../test/until.js';
import { httpTransport } from '../transport/http-transport.js';
import { createConfideClient } from './create-confide-client.js';

describe('one QueryClient and one storage: Ben signs out, someone else signs in', () => {
  it.each<[DemoPerson]>([['ana'], ['daniel']])(
    "%s gets nothing of Ben's (viewer, queries, queued send, notifications, draft, draft file, live events) and sends nothing of his",
    async (next) => {
      const mock = createMockServer();
      const id = await seedConversation(mock, 'Shared device', 'Hello Daniel');
      await seedMessage(mock, 'daniel', id, 'A reply that notifies Ben');
      const queryClient = new QueryClient();
      const storage = memoryStorage();

      const ben = await clientFor(mock, 'ben', { queryClient, storage });
      await until(ben.conversations, (state) => state.status === 'success');
      const benNotifications = await until(ben.notifications, (state) => state.status === 'success');
      expect(benNotifications.notifications.length).toBeGreaterThan(0);
      const benDraft = ben.composer({ conversationId: id });
      benDraft.setBody('Ben’s unsent words');
      benDraft.attachFiles([pdfFile('Ben draft file.pdf')]);
      await until(benDraft, (state) => state.attachments.every((file) => file.status === 'uploaded'));
      queueOffline(ben, id, 'Queued by Ben');
      await untilState(ben.stores.outbox, (state) => state.entries.length === 1);
      expect(queryClient.getQueryCache().findAll({ queryKey: ben.keys.all }).length).toBeGreaterThan(0);
      ben.dispose();
      expect(queryClient.getQueryCache().findAll({ queryKey: ['confide'] })).toEqual([]);

      const { transport, requests } = recordedTransport(mock, next);
      const other = await clientFor(mock, next, { transport, queryClient, storage });
      expect(await other.ready).toMatchObject({ id: DEMO_IDS[next] });
      expect(other.stores.outbox.getState().entries).toEqual([]);
      const draft = stateOf(other.composer({ conversationId: id }));
      expect([draft.draft.body, draft.attachments]).toEqual(['', []]);
      const index = await until(other.conversations, (state) => state.status === 'success');
      if (next === 'daniel')
        expect(index.conversations.every((conversation) => conversation.contact.id === 'con_daniel')).toBe(
          true,
        );
      if (next === 'ana') {
        const shown = await until(other.notifications, (state) => state.status === 'success');
        const own = await transportFor(mock, 'ana').listNotifications({});
        expect(shown.notifications.map((item) => item.id)).toEqual(own.items.map((item) => item.id));
        expect(shown.unreadCount).toBe(own.unreadCount);
      }
      // A live event Ben would have received arrives while the next person's client runs.
      await until(other.thread(id), (state) => state.status === 'success');
      expect(stateOf(other.thread(id)).messages.map((message) => message.body)).not.toContain(
        'Queued by Ben',
      );
      await transportFor(mock, 'carla').sendMessage(id, {
        body: 'Firm only',
        idempotencyKey: `note_${next}`,
        internal: true,
      });
      await seedMessage(mock, 'daniel', id, 'After the switch');
      await untilShown(other.thread(id), 'After the switch');
      const keys = queryClient
        .getQueryCache()
        .findAll({ queryKey: ['confide'] })
        .map((query) => query.queryKey[1]);
      expect(new Set(keys)).toEqual(new Set([other.keys.all[1]]));
      const bodies = stateOf(other.thread(id)).messages.map((message) => message.body);
      expect(bodies.includes('Firm only')).toBe(next === 'ana');
      expect(
        requests.filter((request) => request.startsWith('POST') && request.endsWith('/messages')),
      ).toEqual([]);
      expect(await serverBodies(mock, id, 'ana')).toEqual([
        'Hello Daniel',
        'A reply that notifies Ben',
        'Firm only',
        'After the switch',
      ]);
    },
  );
});

describe('one client kept across a sign-in (the host did not give the provider a new key)', () => {
  it.each<[string, (client: ReturnType<typeof createConfideClient>, id: string) => Promise<unknown>]>([
    ['a reply', (client, id) => client.thread(id as never).send('Written by Ben')],
    [
      'a new conversation',
      (client) => {
        const composer = client.composer();
        composer.setContact(DEMO_IDS.daniel as never);
        composer.setSubject('Written by Ben');
        composer.setBody('Written by Ben');
        return composer.send();
      },
    ],
  ])("%s Ben queued is refused under Carla's token, never recorded as hers", async (_name, write) => {
    const mock = createMockServer();
    const id = await seedConversation(mock, 'Shared desk', 'Hello Daniel');
    let signedIn: DemoPerson = 'ben';
    const { baseUrl, fetch } = mock.as('ben');
    const transport = httpTransport({
      baseUrl,
      fetch,
      getToken: () => mock.as(signedIn).getToken(),
    });
    const client = createConfideClient({ transport, live: false });
    client.mount();
    await client.ready;
    client.setOnline(false);
    const sending = write(client, id);
    await untilState(client.stores.outbox, (state) => state.entries.length === 1);
    signedIn = 'carla';
    client.setOnline(true);
    await expect(sending).rejects.toMatchObject({ code: 'conflict' });
    const carla = transportFor(mock, 'carla');
    const everything = JSON.stringify([
      await serverBodies(mock, id, 'carla'),
      (await carla.listConversations({})).items.map((conversation) => conversation.subject),
    ]);
    expect(everything).not.toContain('Written by Ben');
    client.dispose();
  });
});

describe('one client, the same person signs in again', () => {
  it('reopens the live stream that closed while no token worked once a request gets through, and shows what comes next', async () => {
    // Heartbeats are rarer than the stream's patience, so the connection is reopened (asking for a token) every 100 ms.
    const mock = createMockServer({ heartbeatIntervalMs: 60_000 });
    const id = await seedConversation(mock, 'Signed out a while', 'Hello Daniel');
    const connection = mock.as('ben');
    let signedIn = true;
    const transport = httpTransport({
      ...connection,
      getToken: () => (signedIn ? connection.getToken() : ''),
      events: { baseDelayMs: 1, maxDelayMs: 2, heartbeatTimeoutMs: 100 },
    });
    const client = await clientFor(mock, 'ben', { transport });
    const thread = client.thread(id);
    await until(thread, (state) => state.status === 'success');
    await untilState(client.stores.connection, (state) => state.status === 'open');
    signedIn = false;
    await untilState(client.stores.connection, (state) => state.status === 'closed');
    expect(client.stores.connection.getState().lastError).toMatchObject({ code: 'unauthenticated' });
    signedIn = true;
    await client.queryClient.refetchQueries({ queryKey: client.keys.all });
    await untilState(client.stores.connection, (state) => state.status === 'open');
    await seedMessage(mock, 'daniel', id, 'Written after Ben signed in again');
    await untilShown(thread, 'Written after Ben signed in again');
  });
});
