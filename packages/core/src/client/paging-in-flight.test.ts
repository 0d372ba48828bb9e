import type { ConversationId } from '@confide/protocol';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import type { IndexFilters } from '../stores/index-filters/index-store.js';
import { deferred } from '../test/deferred.js';
import {
  createMockServer,
  DEMO_IDS,
  type MockServer,
  seedConversation,
  seedKey,
  seedMessage,
  transportFor,
  urlOf,
  wrappedTransport,
} from '../test/mock-clients.js';
import { stateOf, until, untilState } from '../test/until.js';
import { type ConfideClient, createConfideClient } from './create-confide-client.js';
import type { Observable } from './observe.js';

/** Ben's client on `mock` whose older pages (`?before=` or `?cursor=`) wait for `release`. */
async function withOlderPagesHeld(mock: MockServer) {
  const gate = deferred<void>();
  const transport = wrappedTransport(mock, 'ben', (fetch) => async (input, init) => {
    const params = new URL(urlOf(input)).searchParams;
    if (params.has('before') || params.has('cursor')) await gate.promise;
    return fetch(input, init);
  });
  const client = createConfideClient({ transport });
  onTestFinished(() => client.dispose());
  client.mount();
  await client.ready;
  await untilState(client.stores.connection, (state) => state.status === 'open');
  return { client, release: () => gate.resolve() };
}

// query-core builds the next page's result on the pages it had when the load began, so a message written into the
// cache while an older page loads (an answer to a send, a live event) was dropped when the page landed.
describe('a write made while an older page loads survives the page', () => {
  const threadRows: [string, (client: ConfideClient, mock: MockServer, id: never) => Promise<unknown>][] = [
    ["the viewer's own reply, answered", (client, _mock, id) => client.thread(id).send('Sent while paging')],
    [
      "the other side's message, live",
      (_client, mock, id) => seedMessage(mock, 'daniel', id, 'Sent while paging'),
    ],
  ];

  it.each(threadRows)('in a thread: %s', async (_name, write) => {
    const mock = createMockServer();
    const id = await seedConversation(mock, 'Long thread', 'Message 0');
    for (let index = 1; index < 35; index += 1) await seedMessage(mock, 'ben', id, `Message ${index}`);
    const { client, release } = await withOlderPagesHeld(mock);
    const thread = client.thread(id);
    await until(thread, (state) => state.status === 'success');
    const stop = thread.observe(() => {});
    const older = thread.loadOlder();
    await write(client, mock, id as never);
    await until(thread, (state) => state.messages.some((message) => message.body === 'Sent while paging'));
    release();
    await older;
    const bodies = stateOf(thread).messages.map((message) => message.body);
    stop();
    expect(bodies).toHaveLength(36);
    expect(bodies.at(-1)).toBe('Sent while paging');
  });

  it('in the index: a live message moves its conversation to the top', async () => {
    const mock = createMockServer();
    await mock.addConversations({ count: 30 });
    const { client, release } = await withOlderPagesHeld(mock);
    const index = client.conversations;
    const first = await until(index, (state) => state.status === 'success' && state.hasMore);
    const stop = index.observe(() => {});
    const more = index.loadMore();
    const oldest = first.conversations.findLast(({ contact }) => contact.id === DEMO_IDS.daniel)?.id as never;
    await seedMessage(mock, 'daniel', oldest, 'Moved while paging');
    await until(index, (state) => state.conversations[0]?.id === oldest);
    release();
    await more;
    const { conversations } = stateOf(index);
    stop();
    expect(conversations[0]?.lastMessage?.text).toBe('Moved while paging');
    expect(conversations.filter((conversation) => conversation.id === oldest)).toHaveLength(1);
    expect(new Set(conversations.map((conversation) => conversation.id)).size).toBe(conversations.length);
  });
});

/**
 * Ben's client on `mock` whose GETs matching `held` are answered by the server at once but handed over only on
 * `release`, while `holding` is on: an answer from before whatever happens meanwhile.
 */
async function withAnswersHeld(mock: MockServer, held: (url: URL) => boolean) {
  const gate = deferred<void>();
  const answered = deferred<void>();
  let holding = false;
  const transport = wrappedTransport(mock, 'ben', (fetch) => async (input, init) => {
    const url = new URL(urlOf(input));
    if (!holding || (init?.method ?? 'GET') !== 'GET' || !held(url)) return fetch(input, init);
    const response = await fetch(input, init);
    answered.resolve();
    await gate.promise;
    return response;
  });
  const client = createConfideClient({ transport });
  onTestFinished(() => client.dispose());
  client.mount();
  await client.ready;
  await untilState(client.stores.connection, (state) => state.status === 'open');
  return {
    client,
    hold: () => {
      holding = true;
      return answered.promise;
    },
    release: () => gate.resolve(),
  };
}

// A refetch answered before a live event but landing after it replaced what the event wrote: the message was
// gone until the next refetch (the first open of the event stream refetches what loaded before it, so this hit
// a message arriving in the first moments of a page).
describe('a live event survives a refetch that was answered before it', () => {
  it('in a thread', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock, 'Refetched thread', 'Hello Daniel');
    const { client, hold, release } = await withAnswersHeld(mock, (url) =>
      url.pathname.endsWith(`/conversations/${id}/messages`),
    );
    const thread = client.thread(id);
    const stop = thread.observe(() => {});
    await until(thread, (state) => state.status === 'success');
    const answered = hold();
    void client.queryClient.invalidateQueries({ queryKey: client.keys.messages(id) });
    await answered;
    await seedMessage(mock, 'daniel', id, 'Live during a refetch');
    await until(thread, (state) =>
      state.messages.some((message) => message.body === 'Live during a refetch'),
    );
    release();
    await vi.waitFor(() => expect(client.queryClient.isFetching({ queryKey: client.keys.all })).toBe(0));
    const bodies = stateOf(thread).messages.map((message) => message.body);
    stop();
    expect(bodies).toEqual(['Hello Daniel', 'Live during a refetch']);
  });

  it('in the index', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock, 'Refetched index', 'Hello Daniel');
    const { client, hold, release } = await withAnswersHeld(mock, (url) =>
      url.pathname.endsWith('/conversations'),
    );
    const index = client.conversations;
    const stop = index.observe(() => {});
    await until(index, (state) => state.status === 'success');
    const answered = hold();
    void client.queryClient.invalidateQueries({ queryKey: client.keys.conversations() });
    await answered;
    await seedMessage(mock, 'daniel', id, 'Live during a refetch');
    await until(index, (state) => state.conversations[0]?.lastMessage?.text === 'Live during a refetch');
    release();
    await vi.waitFor(() => expect(client.queryClient.isFetching({ queryKey: client.keys.all })).toBe(0));
    const { conversations } = stateOf(index);
    stop();
    expect(conversations[0]?.id).toBe(id);
    expect(conversations[0]?.lastMessage?.text).toBe('Live during a refetch');
  });
});

/** An observable of a part of `source`'s state, for tables whose rows watch different things. */
function mapped<State, Part>(source: Observable<State>, part: (state: State) => Part): Observable<Part> {
  return { observe: (listener) => source.observe((state) => listener(part(state))) };
}

/** Ben starts a conversation with Daniel that carries a matter; resolves with its id. */
async function seedConversationWithMatter(mock: MockServer) {
  const started = await transportFor(mock, 'ben').startConversation({
    contactId: DEMO_IDS.daniel as never,
    subject: 'First load',
    body: 'Hello Daniel',
    idempotencyKey: seedKey(),
    matter: { id: 'matter-first-load', label: 'First load matter' },
  });
  return started.conversation.id;
}

const LIVE = 'Live during a first load';

/** The index with `filters`, showing whether conversation `id` is listed with the live message as its preview. */
function indexWith(filters: Partial<IndexFilters>) {
  return (client: ConfideClient, id: ConversationId) => {
    client.conversations.setFilters(filters);
    return mapped(client.conversations, (state) =>
      state.conversations.some((summary) => summary.id === id && summary.lastMessage?.text === LIVE),
    );
  };
}

// A first load (nothing cached yet) answered before a live event but landing after it missed the event: the event
// had nothing to write into, and only refetches of loaded data were restarted. It stayed missing until a refetch.
describe('a live event reaches a first load that was answered before it', () => {
  const rows: [
    string,
    (url: URL, id: ConversationId) => boolean,
    (client: ConfideClient, id: ConversationId) => Observable<boolean>,
  ][] = [
    [
      "a thread's messages",
      (url, id) => url.pathname.endsWith(`/conversations/${id}/messages`),
      (client, id) =>
        mapped(client.thread(id), (state) => state.messages.some((message) => message.body === LIVE)),
    ],
    [
      "a conversation's detail",
      (url, id) => url.pathname.endsWith(`/conversations/${id}`),
      (client, id) => mapped(client.thread(id), (state) => state.conversation?.lastMessage?.text === LIVE),
    ],
    ['the index', (url) => url.pathname.endsWith('/conversations'), indexWith({})],
    [
      'the index of unread conversations',
      (url) => url.pathname.endsWith('/conversations'),
      indexWith({ unread: true }),
    ],
    [
      'a search of the index',
      (url) => url.pathname.endsWith('/conversations'),
      indexWith({ query: 'First load' }),
    ],
    [
      'the index of one matter',
      (url) => url.pathname.endsWith('/conversations'),
      indexWith({ matterId: 'matter-first-load' }),
    ],
    [
      'the notification feed',
      (url) => url.pathname.endsWith('/notifications'),
      (client, id) =>
        mapped(client.notifications, (state) =>
          state.notifications.some((notification) => notification.conversationId === id),
        ),
    ],
  ];

  it.each(rows)('%s', async (_name, held, shows) => {
    const mock = createMockServer();
    const id = await seedConversationWithMatter(mock);
    const { client, hold, release } = await withAnswersHeld(mock, (url) => held(url, id));
    const arrived = deferred<void>();
    // The server sends the message's event before the notification it causes: once this one is in, both are.
    const stopArrivals = client.notifications.onNotification((notification) => {
      if (notification.conversationId === id) arrived.resolve();
    });
    const answered = hold();
    const shown = shows(client, id);
    const stop = shown.observe(() => {});
    await answered;
    await seedMessage(mock, 'daniel', id, LIVE);
    await arrived.promise;
    release();
    await vi.waitFor(() => expect(client.queryClient.isFetching({ queryKey: client.keys.all })).toBe(0));
    const result = stateOf(shown);
    stop();
    stopArrivals();
    expect(result).toBe(true);
  });
});

/** Items that arrive (or move) to the top of a list at once: a page and more, so a list of two pages overflows. */
const BURST = 31;

/** A list loaded two pages deep, as a test of its refetch needs it. */
interface LoadedList {
  /** The GETs of the list, held while its refetch is in flight. */
  readonly held: (url: URL) => boolean;
  /** The ids the list shows, in order. */
  readonly shown: (client: ConfideClient) => Observable<readonly string[]>;
  /** Loads the list's next page. */
  readonly loadMore: (client: ConfideClient) => Promise<void>;
  /** The list's query key, for the refetch. */
  readonly queryKey: (client: ConfideClient) => readonly unknown[];
  /** Brings `BURST` items to the top of the list, live. */
  readonly burst: () => Promise<void>;
}

/** Daniel sends `count` messages in conversation `id`, one after another. */
async function danielSends(mock: MockServer, id: ConversationId, count: number, label: string) {
  for (let index = 0; index < count; index += 1) await seedMessage(mock, 'daniel', id, `${label} ${index}`);
}

// query-core refetches as many pages as were loaded, from the newest: after a burst of a page or more of live items,
// the refetch ended before the oldest loaded ones, and a reader scrolled up lost the message they were reading.
describe('a refetch in flight during a burst of live items keeps every loaded item', () => {
  const rows: [string, (mock: MockServer) => Promise<LoadedList>][] = [
    [
      "a thread's messages",
      async (mock) => {
        const id = (await mock.addLongThread({ messages: 45 })) as ConversationId;
        return {
          held: (url) => url.pathname.endsWith(`/conversations/${id}/messages`),
          shown: (client) =>
            mapped(client.thread(id), (state) => state.messages.map((message) => message.id)),
          loadMore: (client) => client.thread(id).loadOlder(),
          queryKey: (client) => client.keys.messages(id),
          burst: () => danielSends(mock, id, BURST, 'Burst'),
        };
      },
    ],
    [
      'the index, as conversations beyond it move to the top',
      async (mock) => {
        const ids = (await mock.addConversations({
          count: 95,
          contactIds: [DEMO_IDS.daniel],
        })) as ConversationId[];
        return {
          held: (url) => url.pathname.endsWith('/conversations'),
          shown: (client) =>
            mapped(client.conversations, (state) => state.conversations.map((summary) => summary.id)),
          loadMore: (client) => client.conversations.loadMore(),
          queryKey: (client) => client.keys.conversationLists(),
          burst: async () => {
            for (const id of ids.slice(0, BURST)) await seedMessage(mock, 'daniel', id, 'Moved to the top');
          },
        };
      },
    ],
    [
      'the notification feed',
      async (mock) => {
        const id = await seedConversation(mock, 'Many notifications');
        await danielSends(mock, id, 40, 'Before');
        return {
          held: (url) => url.pathname.endsWith('/notifications'),
          shown: (client) =>
            mapped(client.notifications, (state) =>
              state.notifications.map((notification) => notification.id),
            ),
          loadMore: (client) => client.notifications.loadMore(),
          queryKey: (client) => client.keys.notifications(),
          burst: () => danielSends(mock, id, BURST, 'Burst'),
        };
      },
    ],
  ];

  it.each(rows)('%s', async (_name, loadList) => {
    const mock = createMockServer();
    const list = await loadList(mock);
    const { client, hold, release } = await withAnswersHeld(mock, list.held);
    const shown = list.shown(client);
    const stop = shown.observe(() => {});
    await until(shown, (ids) => ids.length > 0);
    await list.loadMore(client);
    const loaded = stateOf(shown);
    const answered = hold();
    void client.queryClient.invalidateQueries({ queryKey: list.queryKey(client) });
    await answered;
    await list.burst();
    await until(shown, (ids) => ids.length === loaded.length + BURST);
    release();
    await vi.waitFor(() => expect(client.queryClient.isFetching({ queryKey: client.keys.all })).toBe(0));
    const after = stateOf(shown);
    stop();
    expect(loaded.length).toBeGreaterThan(30);
    // The refetch reads whole pages, so it may end past the oldest loaded item, never before it.
    expect(after.length).toBeGreaterThanOrEqual(loaded.length + BURST);
    expect(new Set(after).size).toBe(after.length);
    expect(after).toEqual(expect.arrayContaining([...loaded]));
  });
});
