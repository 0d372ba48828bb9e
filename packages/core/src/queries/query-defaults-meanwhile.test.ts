import type { ConversationId, ConversationSummary } from '@confide/protocol';
import { QueryClient } from '@tanstack/query-core';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import type { ConfideClient } from '../client/create-confide-client.js';
import type { Observable } from '../client/observe.js';
import { deferred } from '../test/deferred.js';
import {
  clientFor,
  createMockServer,
  DEMO_IDS,
  type MockServer,
  seedConversation,
  seedKey,
  seedMessage,
  transportFor,
  untilShown,
  wrappedTransport,
} from '../test/mock-clients.js';
import { stateOf, until, untilState } from '../test/until.js';
import type { ConversationListParams } from './query-keys.js';

/** What a list shows, in the terms the server's own listing can be put in: its items in order, and its count. */
interface Shown {
  readonly ready: boolean;
  /** Each item as `id` plus what may change about it (unread count, preview, read mark). */
  readonly items: readonly string[];
  readonly count: number;
}

/** The conversations a row works on, and anything else its set-up made. */
type Seeded = Record<string, ConversationId>;

/** One list under test: how it is shown, its key, the GET that fills it, and the same list read from the server. */
interface ListUnderTest {
  readonly path: (seeded: Seeded) => string;
  readonly queryKey: (client: ConfideClient, seeded: Seeded) => readonly unknown[];
  readonly shown: (client: ConfideClient, seeded: Seeded) => Observable<Shown>;
  /** The server's list now, cut to the `length` items the client shows. */
  readonly onServer: (mock: MockServer, seeded: Seeded, length: number) => Promise<Shown>;
}

const summaryLine = (summary: ConversationSummary) =>
  `${summary.id} unread ${summary.unreadCount} last ${summary.lastMessage?.id}`;

function indexList(params: ConversationListParams = {}): ListUnderTest {
  return {
    path: () => '/v1/conversations',
    queryKey: (client) => client.keys.conversationList(params),
    shown: (client) => {
      client.conversations.setFilters({
        unread: params.unread ?? false,
        query: params.query ?? '',
        matterId: params.matterId ?? null,
      });
      return {
        observe: (listener) =>
          client.conversations.observe((state) =>
            listener({
              ready: state.status === 'success',
              items: state.conversations.map(summaryLine),
              count: state.unreadTotal,
            }),
          ),
      };
    },
    async onServer(mock, _seeded, length) {
      const page = await transportFor(mock, 'ben').listConversations({
        limit: 100,
        ...(params.unread ? { unread: 'true' as const } : {}),
        ...(params.query ? { query: params.query } : {}),
        ...(params.matterId ? { matterId: params.matterId } : {}),
      });
      return { ready: true, items: page.items.slice(0, length).map(summaryLine), count: page.unreadTotal };
    },
  };
}

const threadList: ListUnderTest = {
  path: (seeded) => `/v1/conversations/${seeded.thread}/messages`,
  queryKey: (client, seeded) => client.keys.messages(seeded.thread as ConversationId),
  shown: (client, seeded) => ({
    observe: (listener) =>
      client.thread(seeded.thread as ConversationId).observe((state) =>
        listener({
          ready: state.status === 'success',
          items: state.messages.map((message) => message.id),
          count: 0,
        }),
      ),
  }),
  async onServer(mock, seeded, length) {
    const page = await transportFor(mock, 'ben').listMessages(seeded.thread as ConversationId, {
      limit: 100,
    });
    // The server's order (its page, oldest first), not the messages' times: two servers' clocks may disagree.
    return { ready: true, items: page.items.slice(-length).map((message) => message.id), count: 0 };
  },
};

const feedList: ListUnderTest = {
  path: () => '/v1/notifications',
  queryKey: (client) => client.keys.notificationList(),
  shown: (client) => ({
    observe: (listener) =>
      client.notifications.observe((state) =>
        listener({
          ready: state.status === 'success',
          items: state.notifications.map((item) => `${item.id} read ${item.readAt !== null}`),
          count: state.unreadCount,
        }),
      ),
  }),
  async onServer(mock, _seeded, length) {
    const page = await transportFor(mock, 'ben').listNotifications({ limit: 100 });
    const items = page.items.slice(0, length).map((item) => `${item.id} read ${item.readAt !== null}`);
    return { ready: true, items, count: page.unreadCount };
  },
};

/** What a row does while the list's refetch is on the wire, and what it can ask of the harness. */
interface During {
  readonly mock: MockServer;
  readonly client: ConfideClient;
  readonly seeded: Seeded;
  /** GETs of the list's path so far (a restarted load asks again). */
  readonly reads: () => number;
}

interface MeanwhileRow {
  readonly list: ListUnderTest;
  /** Whether Ben's client reads the event stream; without it only his own writes reach the cache meanwhile. */
  readonly live: boolean;
  /** Whether the server reads the refetch's answer before the writes of `during` (else after them). @default before */
  readonly answer?: 'before' | 'after';
  /** Which of the refetch's pages is held: the first, or (a list with two pages loaded) the next. @default first */
  readonly held?: 'first' | 'next';
  readonly seed: (mock: MockServer) => Promise<Seeded>;
  /** Runs before the refetch: loads a second page, or changes the server where the client does not hear of it. */
  readonly prepare?: (client: ConfideClient, seeded: Seeded, mock: MockServer) => Promise<unknown>;
  readonly during: (step: During) => Promise<unknown>;
}

/**
 * Holds the list's refetch on the wire (its answer read on the server before or after `row.during`), runs the row's
 * writes, lets the answer land, and checks the list ends as the server lists it with nothing shown twice over.
 */
async function refetchWhileWritten(row: MeanwhileRow) {
  const mock = createMockServer();
  const seeded = await row.seed(mock);
  let hold: Promise<void> | undefined;
  let reached = deferred<void>();
  let reads = 0;
  const transport = wrappedTransport(mock, 'ben', (fetch) => async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const next = url.searchParams.has('cursor') || url.searchParams.has('before');
    const held =
      request.method === 'GET' && url.pathname === row.list.path(seeded) && next === (row.held === 'next');
    if (held) reads += 1;
    const waitFor = held ? hold : undefined;
    if (waitFor && row.answer === 'after') await waitFor;
    const response = await fetch(request);
    if (waitFor) reached.resolve();
    if (waitFor && row.answer !== 'after') await waitFor;
    return response;
  });
  const client = await clientFor(mock, 'ben', { transport, live: row.live });
  if (row.live) await untilState(client.stores.connection, (state) => state.status === 'open');
  const shown = row.list.shown(client, seeded);
  const states: Shown[] = [];
  const stop = shown.observe((state) => {
    if (state.ready) states.push(state);
  });
  await until(shown, (state) => state.ready);
  await row.prepare?.(client, seeded, mock);
  await vi.waitFor(() => expect(client.queryClient.isFetching({ queryKey: client.keys.all })).toBe(0));
  const answered = deferred<void>();
  hold = answered.promise;
  reached = deferred<void>();
  const refetch = client.queryClient.refetchQueries({
    queryKey: row.list.queryKey(client, seeded),
    exact: true,
  });
  if (row.answer !== 'after') await reached.promise;
  await row.during({ mock, client, seeded, reads: () => reads });
  hold = undefined;
  answered.resolve();
  await refetch;
  await vi.waitFor(async () => {
    expect(client.queryClient.isFetching({ queryKey: client.keys.all })).toBe(0);
    const now = stateOf(shown);
    expect(now).toEqual(await row.list.onServer(mock, seeded, now.items.length));
  });
  stop();
  expect(cameBack(states)).toEqual([]);
}

/** Ids that a sequence of shown lists showed, then left out, then showed again; and counts that came back likewise. */
function cameBack(states: readonly Shown[]): string[] {
  const faults: string[] = [];
  const left = new Set<string>();
  let shownBefore = new Set<string>();
  const counts: number[] = [];
  for (const state of states) {
    const ids = new Set(state.items.map((item) => item.split(' ')[0] as string));
    for (const id of shownBefore) if (!ids.has(id)) left.add(id);
    for (const id of ids) if (left.has(id)) faults.push(`${id} left and came back`);
    shownBefore = ids;
    if (counts.at(-1) !== state.count) {
      if (counts.includes(state.count)) faults.push(`count ${counts.join(' → ')} → ${state.count}`);
      counts.push(state.count);
    }
  }
  return [...new Set(faults)];
}

/** Daniel's newest message in conversation `id`, as Ben sees it. */
async function newestOf(mock: MockServer, id: ConversationId) {
  const page = await transportFor(mock, 'ben').listMessages(id, { limit: 1 });
  return page.items.at(-1)?.id as never;
}

/** Daniel replies in `id` and the reply's event reaches the client's index. */
async function danielRepliesLive(step: During, id: ConversationId, body: string) {
  await seedMessage(step.mock, 'daniel', id, body);
  await until(step.client.conversations, (state) =>
    state.conversations.some((summary) => summary.id === id && summary.lastMessage?.text === body),
  );
}

/** Conversations of Daniel's that Ben's index lists at `from` or further down, each with an unread reply. */
async function danielsUnreadFrom(mock: MockServer, from: number) {
  const daniels = new Set(
    (await transportFor(mock, 'daniel').listConversations({ limit: 100 })).items.map(({ id }) => id),
  );
  const bens = await transportFor(mock, 'ben').listConversations({ limit: 100 });
  return bens.items
    .slice(from)
    .filter((summary) => daniels.has(summary.id) && summary.unreadCount > 0)
    .map(({ id }) => id);
}

/** 45 conversations, one of them Daniel's with an unread reply past the index's first page (`read`). */
async function oneUnreadOnSecondPage(mock: MockServer): Promise<Seeded> {
  await mock.addConversations({ count: 45 });
  const [read] = await danielsUnreadFrom(mock, 30);
  return { read: read as ConversationId };
}

/** 70 conversations, three of them Daniel's with unread replies past the index's first page. */
async function threeUnreadBeyondFirstPage(mock: MockServer): Promise<Seeded> {
  await mock.addConversations({ count: 70 });
  const [first, second, third] = await danielsUnreadFrom(mock, 30);
  return { first, second, third } as Seeded;
}

/** Ben opens the seeded `read` conversation in this tab and marks it read. */
async function readInThisTab({ client, seeded }: During) {
  const thread = client.thread(seeded.read as ConversationId);
  await until(thread, (state) => state.status === 'success');
  await thread.markRead();
}

/** Daniel replies in each of the three seeded conversations, one after another, each reaching the index live. */
async function lateRepliesInThree(step: During) {
  for (const name of ['first', 'second', 'third'])
    await danielRepliesLive(step, step.seeded[name] as ConversationId, `Late reply in ${name}`);
}

/** A thread whose three messages carry a clock a minute ahead (another server's), and Ben's reply sent meanwhile. */
const laterClockReply: MeanwhileRow = {
  list: threadList,
  live: false,
  seed: async (mock) => ({
    thread: (await mock.addLongThread({ messages: 3, now: new Date(Date.now() + 60_000) })) as ConversationId,
  }),
  during: ({ client, seeded }) => client.thread(seeded.thread as ConversationId).send('Sent later'),
};

/** The client replies in a thread whose newest message carries a clock a minute ahead: his is stamped before it. */
const laterClockClientReply: MeanwhileRow = {
  ...laterClockReply,
  live: true,
  during: async ({ mock, client, seeded }) => {
    const id = seeded.thread as ConversationId;
    await seedMessage(mock, 'daniel', id, 'Stamped earlier');
    await untilShown(client.thread(id), 'Stamped earlier');
  },
};

// A refetch's answer keeps, as it lands, what the cache was given while it was on the wire (`withMeanwhile`). Each row
// writes to the cache in a way the answer may not show (a read, a filter, a second person, a later page, a clock
// ahead), and the list must end as the server lists it, with nothing shown once leaving and coming back.
describe('a refetch while the cache is written to', () => {
  const rows: [string, MeanwhileRow][] = [
    [
      'the unread index, a conversation read in this tab',
      {
        list: indexList({ unread: true }),
        live: false,
        seed: async (mock) => {
          const read = await seedConversation(mock, 'Read meanwhile');
          await seedMessage(mock, 'daniel', read, 'Unread until read');
          return { read };
        },
        during: readInThisTab,
      },
    ],
    [
      'the unread index, a conversation read in another tab (guard)',
      {
        list: indexList({ unread: true }),
        live: true,
        seed: async (mock) => {
          const read = await seedConversation(mock, 'Read elsewhere');
          await seedMessage(mock, 'daniel', read, 'Unread until read');
          return { read };
        },
        during: async ({ mock, seeded, reads }) => {
          const id = seeded.read as ConversationId;
          const asked = reads();
          await transportFor(mock, 'ben').markRead(id, { upTo: await newestOf(mock, id) });
          await vi.waitFor(() => expect(reads()).toBeGreaterThan(asked));
        },
      },
    ],
    [
      'a search of the index, a reply by the client and one by the viewer (guard)',
      {
        list: indexList({ query: 'Passport' }),
        live: true,
        seed: async (mock) => ({ searched: await seedConversation(mock, 'Passport renewal') }),
        during: async (step) => {
          const id = step.seeded.searched as ConversationId;
          await danielRepliesLive(step, id, 'Found it');
          await step.client.thread(id).send('Thanks');
        },
      },
    ],
    [
      "a matter's list, the client's reply and then the viewer's in its conversation (guard)",
      {
        list: indexList({ matterId: 'matter-77' }),
        live: true,
        seed: async (mock) => {
          const started = await transportFor(mock, 'ben').startConversation({
            contactId: DEMO_IDS.daniel as never,
            subject: 'On the matter',
            body: 'Hello Daniel',
            idempotencyKey: seedKey(),
            matter: { id: 'matter-77', label: 'Matter 77' },
          });
          return { matter: started.conversation.id };
        },
        during: async (step) => {
          const id = step.seeded.matter as ConversationId;
          await danielRepliesLive(step, id, 'About the matter');
          await step.client.thread(id).send('Noted');
        },
      },
    ],
    [
      "a thread, the client's and the member's replies crossing (guard)",
      {
        list: threadList,
        live: true,
        seed: async (mock) => ({ thread: await seedConversation(mock, 'Crossing') }),
        during: async ({ mock, client, seeded }) => {
          const id = seeded.thread as ConversationId;
          const mine = client.thread(id).send('From Ben');
          await seedMessage(mock, 'daniel', id, 'From Daniel');
          await mine;
          await until(client.thread(id), (state) =>
            state.messages.some((message) => message.body === 'From Daniel'),
          );
        },
      },
    ],
    ["a thread whose newest message carries a later clock (another server's), a reply sent", laterClockReply],
    [
      'a thread whose newest message carries a later clock, a reply sent, the answer read after it',
      { ...laterClockReply, answer: 'after' },
    ],
    [
      "a thread whose newest message carries a later clock, the client's reply arriving live",
      laterClockClientReply,
    ],
    [
      "a thread whose newest message carries a later clock, the client's reply arriving live, the answer read after it",
      { ...laterClockClientReply, answer: 'after' },
    ],
    [
      "a thread, the viewer's reply and then the client's sharing its timestamp, the answer read after both",
      {
        list: threadList,
        live: false,
        answer: 'after',
        seed: async (mock) => ({ thread: await seedConversation(mock, 'Same instant') }),
        during: async ({ mock, client, seeded }) => {
          // The server's clock stands still: both messages get one timestamp, and only the server's order tells them apart.
          vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 1_000 });
          onTestFinished(() => {
            vi.useRealTimers();
          });
          await client.thread(seeded.thread as ConversationId).send('First at this instant');
          await seedMessage(mock, 'daniel', seeded.thread as ConversationId, 'Second at this instant');
          vi.useRealTimers();
        },
      },
    ],
    [
      'the notification feed, all read in this tab with more unread than loaded',
      {
        list: feedList,
        live: false,
        seed: async (mock) => {
          const thread = await seedConversation(mock, 'Many replies');
          for (let index = 0; index < 35; index += 1)
            await seedMessage(mock, 'daniel', thread, `Reply ${index}`);
          return { thread };
        },
        during: ({ client }) => client.notifications.markAllRead(),
      },
    ],
    [
      'the notification feed, all read in another tab with more unread than loaded (guard)',
      {
        list: feedList,
        live: true,
        seed: async (mock) => {
          const thread = await seedConversation(mock, 'Many replies');
          for (let index = 0; index < 35; index += 1)
            await seedMessage(mock, 'daniel', thread, `Reply ${index}`);
          return { thread };
        },
        during: async ({ mock, client }) => {
          await transportFor(mock, 'ben').markNotificationsRead({ all: true });
          await until(client.notifications, (state) => state.unreadCount === 0);
        },
      },
    ],
    [
      'the index, a conversation on its loaded second page read in this tab',
      {
        list: indexList(),
        live: false,
        seed: oneUnreadOnSecondPage,
        prepare: (client) => client.conversations.loadMore(),
        during: readInThisTab,
      },
    ],
    [
      'the index, replies in three unread conversations beyond its first page (the third after the restarts)',
      {
        list: indexList(),
        live: true,
        seed: threeUnreadBeyondFirstPage,
        during: lateRepliesInThree,
      },
    ],
    [
      'the index, the same with its second page loaded',
      {
        list: indexList(),
        live: true,
        seed: threeUnreadBeyondFirstPage,
        prepare: (client) => client.conversations.loadMore(),
        during: lateRepliesInThree,
      },
    ],
    [
      "the index with two pages, a reply sent while the refetch's second page is on the wire",
      {
        list: indexList(),
        live: false,
        held: 'next',
        seed: async (mock) => {
          await mock.addConversations({ count: 45 });
          return { replied: await seedConversation(mock, 'Replied while paging') };
        },
        prepare: (client) => client.conversations.loadMore(),
        during: ({ client, seeded }) =>
          client.thread(seeded.replied as ConversationId).send('Sent meanwhile'),
      },
    ],
    [
      "the index with two pages, a conversation on the second read while the refetch's second page is on the wire",
      {
        list: indexList(),
        live: false,
        held: 'next',
        seed: oneUnreadOnSecondPage,
        prepare: (client) => client.conversations.loadMore(),
        during: readInThisTab,
      },
    ],
    [
      "a thread with two pages, a reply sent while the refetch's older page is on the wire",
      {
        list: threadList,
        live: false,
        held: 'next',
        seed: async (mock) => ({
          thread: (await mock.addLongThread({ messages: 40 })) as ConversationId,
        }),
        prepare: (client, seeded) => client.thread(seeded.thread as ConversationId).loadOlder(),
        during: ({ client, seeded }) => client.thread(seeded.thread as ConversationId).send('Sent meanwhile'),
      },
    ],
    [
      'a thread refetched over two pages, a reply sent between them (guard)',
      {
        list: threadList,
        live: false,
        seed: async (mock) => {
          const thread = await seedConversation(mock, 'Two pages');
          for (let index = 0; index < 31; index += 1)
            await seedMessage(mock, 'daniel', thread, `Old ${index}`);
          return { thread };
        },
        prepare: async (_client, seeded, mock) => {
          for (let index = 0; index < 10; index += 1)
            await seedMessage(mock, 'daniel', seeded.thread as ConversationId, `Gap ${index}`);
        },
        during: ({ client, seeded }) => client.thread(seeded.thread as ConversationId).send('Between pages'),
      },
    ],
    [
      'a thread, an older page loading while the refetch is on the wire, a reply sent',
      {
        list: threadList,
        live: false,
        seed: async (mock) => ({
          thread: (await mock.addLongThread({ messages: 40 })) as ConversationId,
        }),
        during: ({ client, seeded }) => {
          const thread = client.thread(seeded.thread as ConversationId);
          void thread.loadOlder();
          return thread.send('While paging');
        },
      },
    ],
  ];

  it.each(rows)('%s', (_name, row) => refetchWhileWritten(row));
});

// A refetch's answer is merged with the cache it reads when it lands: after a sign-out on a QueryClient shared with the
// host, under the same scope, that cache is the next person's.
describe('a refetch on the wire when its client is disposed', () => {
  it("lands nowhere: the next person's index on the same QueryClient and scope is theirs (guard)", async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock, 'Before the sign-out');
    await seedMessage(mock, 'daniel', id, 'Unread for Ben');
    const queryClient = new QueryClient();
    let hold: Promise<void> | undefined;
    const reached = deferred<void>();
    const transport = wrappedTransport(mock, 'ben', (fetch) => async (input, init) => {
      const request = new Request(input, init);
      const waitFor =
        request.method === 'GET' && new URL(request.url).pathname === '/v1/conversations' && hold;
      const response = await fetch(request);
      if (waitFor) {
        reached.resolve();
        await waitFor;
      }
      return response;
    });
    const ben = await clientFor(mock, 'ben', { transport, live: false, queryClient, scope: 'desk' });
    const stopBen = ben.conversations.observe(() => {});
    await until(ben.conversations, (state) => state.status === 'success');
    const answered = deferred<void>();
    hold = answered.promise;
    const refetch = ben.conversations.refresh().catch(() => {});
    await reached.promise;
    stopBen();
    ben.dispose();
    const carla = await clientFor(mock, 'carla', { live: false, queryClient, scope: 'desk' });
    const stopCarla = carla.conversations.observe(() => {});
    await until(carla.conversations, (state) => state.status === 'success');
    answered.resolve();
    await refetch;
    await vi.waitFor(() => expect(queryClient.isFetching()).toBe(0));
    const shown = stateOf(carla.conversations);
    stopCarla();
    const onServer = await transportFor(mock, 'carla').listConversations({});
    expect(shown.conversations.map(summaryLine)).toEqual(onServer.items.map(summaryLine));
    expect(shown.unreadTotal).toBe(onServer.unreadTotal);
  });
});

/** What the viewer does while a refetch is on the wire, and what it then shows for as long as the test watches. */
interface OwnWrite {
  readonly path: (id: ConversationId) => string;
  readonly queryKey: (client: ConfideClient, id: ConversationId) => readonly unknown[];
  readonly write: (client: ConfideClient, id: ConversationId) => Promise<unknown>;
  readonly shows: (client: ConfideClient, id: ConversationId) => Observable<boolean>;
}

const showsOwnReply = (client: ConfideClient, id: ConversationId): Observable<boolean> => ({
  observe: (listener) =>
    client
      .thread(id)
      .observe((state) => listener(state.messages.some((message) => message.body === 'Sent meanwhile'))),
});

// A refetch whose answer the server read before the viewer's own send or mark-read landed over what that write had put
// in the cache: the reply left the thread (or the index went back to the older preview, or to unread) until the next
// fetch, as a message arriving live did under a steady stream of replies.
describe("the viewer's own writes during a refetch", () => {
  const rows: [string, OwnWrite][] = [
    [
      'a reply, in its thread',
      {
        path: (id) => `/v1/conversations/${id}/messages`,
        queryKey: (client, id) => client.keys.messages(id),
        write: (client, id) => client.thread(id).send('Sent meanwhile'),
        shows: showsOwnReply,
      },
    ],
    [
      'a reply, as the preview in the index',
      {
        path: () => '/v1/conversations',
        queryKey: (client) => client.keys.conversationList(),
        write: (client, id) => client.thread(id).send('Sent meanwhile'),
        shows: (client, id) => ({
          observe: (listener) =>
            client.conversations.observe((state) =>
              listener(
                state.conversations.find((summary) => summary.id === id)?.lastMessage?.text ===
                  'Sent meanwhile',
              ),
            ),
        }),
      },
    ],
    [
      'a mark-read, as the unread count in the index',
      {
        path: () => '/v1/conversations',
        queryKey: (client) => client.keys.conversationList(),
        write: (client, id) => client.thread(id).markRead(),
        shows: (client, id) => ({
          observe: (listener) =>
            client.conversations.observe((state) =>
              listener(state.conversations.some((summary) => summary.id === id && summary.unreadCount === 0)),
            ),
        }),
      },
    ],
  ];

  it.each(rows)('%s: once shown, stays', async (_name, row) => {
    const mock = createMockServer();
    const id = await seedConversation(mock, 'Own writes', 'Hello Daniel');
    await seedMessage(mock, 'daniel', id, 'An unread reply');
    let hold: Promise<void> | undefined;
    const transport = wrappedTransport(mock, 'ben', (fetch) => async (input, init) => {
      const request = new Request(input, init);
      const response = await fetch(request);
      if (hold && request.method === 'GET' && new URL(request.url).pathname === row.path(id)) await hold;
      return response;
    });
    // No stream: only the write's own answer can bring what it changed before the refetch lands.
    const client = await clientFor(mock, 'ben', { transport, live: false });
    const shows = row.shows(client, id);
    const watched = [client.thread(id), client.conversations].map((source) => source.observe(() => {}));
    await until(client.thread(id), (state) => state.status === 'success' && state.conversation !== undefined);
    await until(client.conversations, (state) => state.status === 'success');
    const answered = deferred<void>();
    hold = answered.promise;
    const refetch = client.queryClient.refetchQueries({ queryKey: row.queryKey(client, id), exact: true });
    await row.write(client, id);
    await until(shows, Boolean);
    const seen: boolean[] = [];
    const stop = shows.observe((shown) => seen.push(shown));
    hold = undefined;
    answered.resolve();
    await refetch;
    stop();
    for (const each of watched) each();
    expect(seen).not.toContain(false);
    expect(stateOf(shows)).toBe(true);
    // The index's unread total is the server's once the refetch lands.
    const onServer = await transportFor(mock, 'ben').listConversations({});
    expect(stateOf(client.conversations).unreadTotal).toBe(onServer.unreadTotal);
  });
});
