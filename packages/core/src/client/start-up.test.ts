import { onlineManager, QueryClient, QueryObserver } from '@tanstack/query-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deferred } from '../test/deferred.js';
import {
  clientFor,
  createMockServer,
  DEMO_IDS,
  type MockServer,
  seedConversation,
  serverBodies,
  transportFor,
  urlOf,
  wrappedTransport,
} from '../test/mock-clients.js';
import { stateOf, until } from '../test/until.js';
import { type ConfideClient, createConfideClient } from './create-confide-client.js';

afterEach(() => {
  vi.useRealTimers();
  onlineManager.setOnline(true);
});

/** Daniel's client on `mock` whose `GET /v1/me` goes through `answer` (the real route when it calls `fetch`). */
function danielWithViewer(
  mock: MockServer,
  answer: (fetch: () => Promise<Response>) => Promise<Response>,
): ConfideClient {
  const transport = wrappedTransport(mock, 'daniel', (fetch) => (input, init) => {
    if (urlOf(input).endsWith('/v1/me')) return answer(() => fetch(input, init));
    return fetch(input, init);
  });
  const client = createConfideClient({ transport });
  client.mount();
  return client;
}

/**
 * Moves the faked clock on one second at a time, letting real work (the in-process server's crypto and I/O) run
 * in between, until `done()` or `seconds` have passed. Advancing a minute in one go let a request still on its way
 * in real time miss every timer it then needed, and the test hung on a loaded machine.
 */
async function advanceUntil(done: () => boolean, seconds = 300) {
  for (let step = 0; step < seconds && !done(); step += 1) {
    await vi.advanceTimersByTimeAsync(1_000);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const refused = (status: number, code: string) =>
  new Response(JSON.stringify({ error: { code, message: 'Refused (test)' } }), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

describe('start-up: a send goes out whatever happens to the first viewer load', () => {
  it('a component that reads the viewer goes away while it loads (StrictMode, a quick route change)', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock);
    const gate = deferred<void>();
    const client = danielWithViewer(mock, async (fetch) => {
      await gate.promise;
      return fetch();
    });
    // query-core cancels a fetch whose last observer leaves; the client's own load must not go with it.
    const component = new QueryObserver(client.queryClient, client.queries.viewer.viewer());
    component.subscribe(() => {})();
    gate.resolve();
    expect((await client.ready).id).toBe(DEMO_IDS.daniel);
    await client.thread(id).send('After the component went away');
    expect(await serverBodies(mock, id)).toContain('After the component went away');
    client.dispose();
  });

  it.each([
    ['the device is offline', (mock: MockServer) => mock.setScenario({ offline: true })],
    [
      'the server answers 503 with Retry-After',
      (mock: MockServer) =>
        mock.setScenario({ failures: { getMe: { status: 503, code: 'internal', retryAfterSeconds: 20 } } }),
    ],
  ])('%s when the client starts, and recovers a minute later', async (_name, fail) => {
    const mock = createMockServer();
    const id = await seedConversation(mock);
    await mock.as('daniel').getToken();
    fail(mock);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const client = danielWithViewer(mock, (fetch) => fetch());
    const settled = vi.fn();
    client.ready.then(settled, settled);
    // A reply and a new conversation written while the viewer loads wait for the start-up instead of failing with
    // the viewer's load.
    const early = [client.composer({ conversationId: id }), client.composer()].map((composer) => {
      composer.setSubject('Started while the viewer loads');
      composer.setBody('Written while the viewer loads');
      return composer.send();
    });
    await advanceUntil(() => false, 60);
    expect(settled).not.toHaveBeenCalled();
    mock.setScenario({});
    await advanceUntil(() => settled.mock.calls.length > 0);
    expect(settled).toHaveBeenCalled();
    expect((await client.ready).id).toBe(DEMO_IDS.daniel);
    const sends = Promise.all([...early, client.thread(id).send('Once the network is back')]);
    let through = false;
    sends.then(
      () => (through = true),
      () => (through = true),
    );
    await advanceUntil(() => through);
    expect(through).toBe(true);
    await sends;
    vi.useRealTimers();
    expect(await serverBodies(mock, id)).toEqual(
      expect.arrayContaining(['Written while the viewer loads', 'Once the network is back']),
    );
    const started = (await transportFor(mock, 'daniel').listConversations({})).items;
    expect(started.map((conversation) => conversation.subject)).toContain('Started while the viewer loads');
    client.dispose();
  });

  it('the server refuses the viewer: ready rejects with its code, and a send is answered instead of left pending', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock);
    const client = danielWithViewer(mock, async () => refused(403, 'forbidden'));
    const composer = client.composer({ conversationId: id });
    composer.setBody('Written while the viewer loaded');
    const early = composer.send();
    await expect(client.ready).rejects.toMatchObject({ code: 'forbidden' });
    // Only `GET /v1/me` refuses here, so the sends are accepted: they went to the server rather than waiting forever
    // or failing with the viewer's refusal.
    await client.thread(id).send('Sent although the viewer was refused');
    await early;
    expect(await serverBodies(mock, id)).toEqual(
      expect.arrayContaining(['Written while the viewer loaded', 'Sent although the viewer was refused']),
    );
    client.dispose();
  });

  it('a dispose during the retries stops them: no timer is left', async () => {
    const mock = createMockServer({ scenario: { offline: true } });
    await mock.as('daniel').getToken();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const client = createConfideClient({
      transport: wrappedTransport(mock, 'daniel', (fetch) => fetch),
      live: false,
    });
    client.mount();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    client.dispose();
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(0);
    await expect(client.ready).rejects.toMatchObject({ code: expect.any(String) });
  });
});

describe("the client's own reads outlive the components", () => {
  type Read = (client: ConfideClient) => Promise<unknown>;
  it.each<[string, string, (client: ConfideClient) => object, Read]>([
    ['contacts.list', '/v1/contacts', (c) => c.queries.viewer.contacts(''), (c) => c.contacts.list()],
    ['templates.list', '/v1/templates', (c) => c.queries.templates.list(''), (c) => c.templates.list()],
    [
      'settings.getNotificationSettings',
      '/v1/settings/notifications',
      (c) => c.queries.notifications.settings(),
      (c) => c.settings.getNotificationSettings(),
    ],
  ])(
    '%s resolves although the last component reading it went away mid-load',
    async (_name, path, options, read) => {
      const mock = createMockServer();
      const gate = deferred<void>();
      const transport = wrappedTransport(mock, 'ben', (fetch) => async (input, init) => {
        if (new URL(urlOf(input)).pathname === path) await gate.promise;
        return fetch(input, init);
      });
      const client = createConfideClient({ transport, live: false });
      client.mount();
      await client.ready;
      const reading = read(client);
      const component = new QueryObserver(client.queryClient, options(client) as never);
      component.subscribe(() => {})();
      gate.resolve();
      await expect(reading).resolves.toBeDefined();
      client.dispose();
    },
  );

  it('the viewer stays known while no component reads it, whatever gcTime the host QueryClient gives', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock);
    const queryClient = new QueryClient({ defaultOptions: { queries: { gcTime: 0 } } });
    const client = await clientFor(mock, 'ben', { queryClient });
    const stop = client.conversations.observe(() => {});
    await until(client.conversations, (state) => state.status === 'success');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(client.viewer.current()?.id).toBe(DEMO_IDS.ben);
    // Without the viewer the client cannot tell its own message from another's, and counted it unread.
    await client.thread(id).send('My own reply');
    const summary = stateOf(client.conversations).conversations.find(
      (conversation) => conversation.id === id,
    );
    stop();
    expect(summary?.unreadCount).toBe(0);
  });
});

describe("a client mounted after query-core's page-wide online state went stale", () => {
  // query-core keeps one online state per page and hears the browser's events only while a client listens: a
  // sign-out while offline, the network back, then the next sign-in leaves it saying "offline" with the device online.
  it.each([
    { name: 'a new QueryClient of its own', shared: false },
    { name: "the host's QueryClient, reused across the sign-ins", shared: true },
  ])('loads at once on $name, following its network', async ({ shared }) => {
    const mock = createMockServer();
    const hostQueryClient = new QueryClient();
    onlineManager.setOnline(false);
    const listeners = new Set<(online: boolean) => void>();
    const network = {
      isOnline: () => true,
      subscribe: (listener: (online: boolean) => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    const client = createConfideClient({
      transport: transportFor(mock, 'ben'),
      network,
      ...(shared ? { queryClient: hostQueryClient } : {}),
    });
    client.mount();
    await client.ready;
    expect(onlineManager.isOnline()).toBe(true);
    // And it keeps following: the device going offline pauses the client's queries too.
    for (const listener of listeners) listener(false);
    expect(onlineManager.isOnline()).toBe(false);
    expect(client.stores.connection.getState().online).toBe(false);
    client.dispose();
  });
});
