import type { ConversationId } from '@confide/protocol';
import { describe, expect, it } from 'vitest';
import type { ConfideClient } from '../client/create-confide-client.js';
import type { Observable } from '../client/observe.js';
import {
  clientFor,
  createMockServer,
  type MockServer,
  recordedTransport,
  seedConversation,
  seedMessage,
} from '../test/mock-clients.js';
import { stateOf, until } from '../test/until.js';
import { REFETCH_FIRST_PAGE_LIMIT } from './query-defaults.js';

/** Items per page of every list here (the server's default, and a thread's page). */
const PAGE = 30;

/** A list as the refetch test needs it: the ids it shows, its key, its GET path, and how items arrive on top. */
interface GapList {
  readonly path: (id: ConversationId) => string;
  readonly queryKey: (client: ConfideClient, id: ConversationId) => readonly unknown[];
  readonly shown: (client: ConfideClient, id: ConversationId) => Observable<readonly string[]>;
  /** Fills the list's first page and more before the client loads it. */
  readonly fill?: (mock: MockServer) => Promise<unknown>;
  /** Puts `count` items on top of the list while the client is away. */
  readonly gap: (mock: MockServer, id: ConversationId, count: number) => Promise<unknown>;
}

/** Daniel replies `count` times in conversation `id`: as many messages in the thread and notifications for Ben. */
async function danielReplies(mock: MockServer, id: ConversationId, count: number) {
  for (let index = 0; index < count; index += 1) await seedMessage(mock, 'daniel', id, `While away ${index}`);
}

const lists: Record<string, GapList> = {
  "a thread's messages": {
    path: (id) => `/v1/conversations/${id}/messages`,
    queryKey: (client, id) => client.keys.messages(id),
    shown: (client, id) => {
      const thread = client.thread(id);
      return {
        observe: (listener) => thread.observe((state) => listener(state.messages.map(({ id }) => id))),
      };
    },
    gap: danielReplies,
  },
  'the index': {
    path: () => '/v1/conversations',
    queryKey: (client) => client.keys.conversationList(),
    shown: (client) => ({
      observe: (listener) =>
        client.conversations.observe((state) => listener(state.conversations.map(({ id }) => id))),
    }),
    fill: (mock) => mock.addConversations({ count: PAGE + 10 }),
    // A minute apart, the newest a day ahead: all after everything loaded, so they land on top of the index.
    gap: (mock, _id, count) =>
      mock.addConversations({ count, now: new Date(Date.now() + 86_400_000), spacingMinutes: 1 }),
  },
  'the notification feed': {
    path: () => '/v1/notifications',
    queryKey: (client) => client.keys.notificationList(),
    shown: (client) => ({
      observe: (listener) =>
        client.notifications.observe((state) => listener(state.notifications.map(({ id }) => id))),
    }),
    gap: danielReplies,
  },
};

// A refetch read on from the newest page until it reached the oldest item the reader had loaded: after a long gap (a
// laptop asleep through a busy day) that was a request per page of the gap before anything showed.
describe('a refetch after items arrived while the client was away', () => {
  const rows: [string, number, number, boolean][] = [];
  for (const name of Object.keys(lists)) {
    // A gap of a third of a page reads two pages and keeps the loaded items (guard: as before).
    rows.push([name, 10, 2, true]);
    // A gap of seven pages reads the limit, and starts the list afresh from the newest items.
    rows.push([name, PAGE * 7, REFETCH_FIRST_PAGE_LIMIT, false]);
  }

  it.each(rows)(
    '%s, %i new items: %i GETs, keeps the loaded items: %s',
    async (name, gapSize, gets, keeps) => {
      const list = lists[name] as GapList;
      const mock = createMockServer();
      const id = await seedConversation(mock, 'Away', 'Hello Daniel');
      await danielReplies(mock, id, PAGE);
      await list.fill?.(mock);
      const { transport, requests } = recordedTransport(mock, 'ben');
      const client = await clientFor(mock, 'ben', { transport, live: false });
      const shown = list.shown(client, id);
      const stop = shown.observe(() => {});
      const loaded = await until(shown, (ids) => ids.length >= PAGE);
      await list.gap(mock, id, gapSize);
      const before = requests.length;
      await client.queryClient.refetchQueries({ queryKey: list.queryKey(client, id), exact: true });
      const after = stateOf(shown);
      stop();
      const reads = requests.slice(before).filter((request) => request === `GET ${list.path(id)}`);
      expect(reads).toHaveLength(gets);
      expect(new Set(after).size).toBe(after.length);
      if (keeps) {
        expect(after.length).toBeGreaterThanOrEqual(loaded.length + gapSize);
        expect(after).toEqual(expect.arrayContaining([...loaded]));
      } else {
        // The newest pages read, whole; nothing of the old window.
        expect(after).toHaveLength(gets * PAGE);
        expect(after.filter((each) => loaded.includes(each))).toEqual([]);
      }
    },
  );
});
