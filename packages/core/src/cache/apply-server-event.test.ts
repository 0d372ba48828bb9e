import type { ConversationId, Notification } from '@confide/protocol';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { type ConfideClient, createConfideClient } from '../client/create-confide-client.js';
import type { Observable } from '../client/observe.js';
import { deferred } from '../test/deferred.js';
import {
  createMockServer,
  type MockServer,
  recordedTransport,
  seedConversation,
  seedMessage,
  transportFor,
  untilShown,
  urlOf,
  wrappedTransport,
} from '../test/mock-clients.js';
import { stateOf, until, untilState } from '../test/until.js';
import { applyServerEvent } from './apply-server-event.js';

/** What a list shows of the stream: whether it has loaded, and how many of the stream's replies it shows. */
interface StreamSeen {
  readonly status: 'pending' | 'success' | 'error';
  readonly replies: number;
}

const isStreamed = (text: string | undefined) => text?.startsWith('Stream ') ?? false;

/** An observable of a part of `source`'s state. */
function mapped<State, Part>(source: Observable<State>, part: (state: State) => Part): Observable<Part> {
  return { observe: (listener) => source.observe((state) => listener(part(state))) };
}

/** Calls `handler` once for the next notification about conversation `id` that reaches `client` live. */
function nextNotification(client: ConfideClient, id: ConversationId) {
  const arrived = deferred<void>();
  const stop = client.notifications.onNotification((notification: Notification) => {
    if (notification.conversationId !== id) return;
    stop();
    arrived.resolve();
  });
  return arrived.promise;
}

// A load restarted by every event that touched it never finished while events came faster than its request was
// answered: a busy firm or a slow phone network kept the reader on a spinner for as long as the replies went on, and a
// refetch (after a reconnect, say) never brought what it was for.
describe('a list loaded while a steady stream of events touches it', () => {
  const lists: [
    string,
    (url: URL, id: ConversationId) => boolean,
    (client: ConfideClient, id: ConversationId) => readonly unknown[],
    (client: ConfideClient, id: ConversationId) => Observable<StreamSeen>,
  ][] = [
    [
      "a thread's messages",
      (url, id) => url.pathname.endsWith(`/conversations/${id}/messages`),
      (client, id) => client.keys.messages(id),
      (client, id) =>
        mapped(client.thread(id), (state) => ({
          status: state.status,
          replies: state.messages.filter((message) => isStreamed(message.body)).length,
        })),
    ],
    [
      'the index',
      (url) => url.pathname.endsWith('/conversations'),
      (client) => client.keys.conversationList(),
      (client, id) =>
        mapped(client.conversations, (state) => {
          const text = state.conversations.find((summary) => summary.id === id)?.lastMessage?.text;
          return { status: state.status, replies: isStreamed(text) ? Number(text?.slice(7)) : 0 };
        }),
    ],
    [
      'the notification feed',
      (url) => url.pathname.endsWith('/notifications'),
      (client) => client.keys.notificationList(),
      (client, id) =>
        mapped(client.notifications, (state) => ({
          status: state.status,
          replies:
            state.notifications.filter((notification) => notification.conversationId === id).length - 1,
        })),
    ],
  ];

  // Daniel's replies during the load (each one before the load's answer reaches the client), and the replies after
  // which the load first lands: restarted twice, it lands with the third answer and is fetched once more after it.
  const streams: [number, number][] = [
    [2, 2], // guard: restarted for each, it lands with both
    [8, 3],
  ];
  const rows = lists.flatMap(([name, held, queryKey, shows]) =>
    (['first load', 'refetch'] as const).flatMap((load) =>
      streams.map(([stream, lands]) => [name, load, stream, lands, held, queryKey, shows] as const),
    ),
  );

  it.each(rows)(
    '%s, %s, %i replies: lands after %i, and shows every one once they stop',
    async (_name, load, stream, lands, held, queryKeyOf, shows) => {
      const mock = createMockServer();
      const id = await seedConversation(mock, 'Busy', 'Hello Daniel');
      // A notification about the conversation before the stream, so every row counts from one.
      await seedMessage(mock, 'daniel', id, 'Before the stream');
      let holding = false;
      let sent = 0;
      let client: ConfideClient | undefined;
      const transport = wrappedTransport(mock, 'ben', (fetch) => async (input, init) => {
        const response = await fetch(input, init);
        if (!holding || !client || sent >= stream || (init?.method ?? 'GET') !== 'GET') return response;
        if (!held(new URL(urlOf(input)), id)) return response;
        // The answer is ready, but before it reaches the client Daniel replies once more and his reply's events arrive.
        sent += 1;
        const arrived = nextNotification(client, id);
        await seedMessage(mock, 'daniel', id, `Stream ${sent}`);
        await arrived;
        return response;
      });
      const ben = createConfideClient({ transport });
      client = ben;
      onTestFinished(() => ben.dispose());
      ben.mount();
      await ben.ready;
      await untilState(ben.stores.connection, (state) => state.status === 'open');
      const queryKey = queryKeyOf(ben, id);
      const shown = shows(ben, id);
      // Counted from the load's start: a first load starts as the list is observed, a refetch once it is asked for.
      holding = load === 'first load';
      let started = holding;
      let landed: { readonly after: number; readonly replies: number } | undefined;
      // Replies once shown never leave: a late answer keeps what events added while it was fetched.
      let most = 0;
      const wentBack: string[] = [];
      const stop = shown.observe((state) => {
        if (started && ben.queryClient.isFetching({ queryKey }) === 0)
          landed ??= { after: sent, replies: state.replies };
        if (state.status !== 'success') return;
        if (state.replies < most) wentBack.push(`${most} replies shown, then ${state.replies}`);
        most = Math.max(most, state.replies);
      });
      if (load === 'refetch') {
        await until(shown, (state) => state.status === 'success');
        await vi.waitFor(() => expect(ben.queryClient.isFetching({ queryKey: ben.keys.all })).toBe(0));
        holding = true;
        void ben.queryClient.invalidateQueries({ queryKey });
        started = true;
      }
      const last = await until(
        shown,
        (state) =>
          sent === stream && state.replies === stream && ben.queryClient.isFetching({ queryKey }) === 0,
      );
      stop();
      expect(wentBack).toEqual([]);
      expect(landed?.after).toBe(lands);
      // A load restarted for every reply lands with all of them; one let land is fetched again for the last ones.
      if (lands === stream) expect(landed?.replies).toBe(stream);
      expect(last.status).toBe('success');
    },
  );
});

/** What an event did: the event (caused by another tab or person on the server), and how to tell it has arrived. */
interface EventRow {
  readonly cause: (mock: MockServer, id: ConversationId, client: ConfideClient) => Promise<unknown>;
  readonly arrived: (client: ConfideClient, id: ConversationId) => Promise<unknown>;
  /** The GETs the event costs, with `:id` for the conversation's id. */
  readonly costs: readonly string[];
}

// Each kind of event the protocol defines, caused on the real server while Ben's client shows the index, a thread and
// the notification feed. `conversation.read` by the viewer and `notification.created` invalidated a list and then
// restarted the load the invalidation had just begun: each cost two GETs where one was needed.
describe('the requests one event costs', () => {
  const rows: [string, EventRow][] = [
    [
      'message.created, from another tab of the viewer (guard)',
      {
        cause: (mock, id) => seedMessage(mock, 'ben', id, 'From another tab'),
        arrived: (client, id) => untilShown(client.thread(id), 'From another tab'),
        costs: [],
      },
    ],
    [
      'conversation.created, from another tab of the viewer (guard)',
      {
        cause: (mock) => seedConversation(mock, 'Started in another tab'),
        arrived: (client) =>
          until(
            client.conversations,
            (state) => state.conversations[0]?.subject === 'Started in another tab',
          ),
        costs: [],
      },
    ],
    [
      'conversation.read, by the viewer in another tab',
      {
        cause: async (mock, id) => {
          const transport = transportFor(mock, 'ben');
          const page = await transport.listMessages(id, {});
          const newest = page.items.at(-1);
          if (newest) await transport.markRead(id, { upTo: newest.id });
        },
        arrived: (client, id) =>
          until(client.conversations, (state) =>
            state.conversations.some((summary) => summary.id === id && summary.unreadCount === 0),
          ),
        costs: ['GET /v1/conversations', 'GET /v1/conversations/:id'],
      },
    ],
    [
      'conversation.read, by the client (guard)',
      {
        cause: async (mock, id) => {
          const transport = transportFor(mock, 'daniel');
          const page = await transport.listMessages(id, {});
          const newest = page.items.at(-1);
          if (newest) await transport.markRead(id, { upTo: newest.id });
        },
        arrived: (client, id) =>
          until(client.thread(id), (state) => state.conversation?.clientRead?.upToMessageId !== undefined),
        costs: [],
      },
    ],
    [
      "notification.created, with the message.created of the client's reply",
      {
        cause: (mock, id) => seedMessage(mock, 'daniel', id, 'A new reply'),
        arrived: (client, id) =>
          until(
            client.notifications,
            (state) => state.notifications.filter((item) => item.conversationId === id).length === 2,
          ),
        costs: ['GET /v1/notifications'],
      },
    ],
    [
      'notification.read, in another tab of the viewer (guard)',
      {
        cause: (mock) => transportFor(mock, 'ben').markNotificationsRead({ all: true }),
        arrived: (client) => until(client.notifications, (state) => state.unreadCount === 0),
        costs: [],
      },
    ],
    [
      'attachment.updated (guard; the mocks scan no files, so the event is handed to the cache directly)',
      {
        cause: async (_mock, id, client) => {
          const messageId = stateOf(client.thread(id)).messages.at(-1)?.id as never;
          const cache = {
            ...client,
            viewer: () => undefined,
            fetchSummary: () => Promise.reject(new Error()),
          };
          const attachment = {
            id: 'att_scanned' as never,
            name: 'Scan.pdf',
            size: 1_000,
            mediaType: 'application/pdf',
            state: 'blocked' as const,
            internal: false,
            messageId,
            createdAt: new Date().toISOString(),
          };
          applyServerEvent(cache, {
            id: '1',
            type: 'attachment.updated',
            data: { conversationId: id, attachment },
          });
        },
        arrived: async () => {},
        costs: [],
      },
    ],
  ];

  it.each(rows)('%s', async (_name, row) => {
    const mock = createMockServer();
    const id = await seedConversation(mock, 'Counted', 'Hello Daniel');
    await seedMessage(mock, 'daniel', id, 'An unread reply');
    const { transport, requests } = recordedTransport(mock, 'ben');
    const client = createConfideClient({ transport });
    onTestFinished(() => client.dispose());
    client.mount();
    await client.ready;
    await untilState(client.stores.connection, (state) => state.status === 'open');
    const stops = [client.conversations, client.thread(id), client.notifications].map((shown) =>
      shown.observe(() => {}),
    );
    await until(client.thread(id), (state) => state.conversation !== undefined && state.status === 'success');
    await until(client.notifications, (state) =>
      state.notifications.some((notification) => notification.conversationId === id),
    );
    await vi.waitFor(() => expect(client.queryClient.isFetching({ queryKey: client.keys.all })).toBe(0));
    const before = requests.length;
    await row.cause(mock, id, client);
    await row.arrived(client, id);
    await vi.waitFor(() => expect(client.queryClient.isFetching({ queryKey: client.keys.all })).toBe(0));
    for (const stop of stops) stop();
    const gets = requests.slice(before).filter((request) => request.startsWith('GET '));
    expect(gets.map((request) => request.replace(id, ':id')).sort()).toEqual([...row.costs].sort());
    expect(stateOf(client.conversations).status).toBe('success');
  });
});
