import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { deferred } from '../test/deferred.js';
import {
  createMockServer,
  DEMO_IDS,
  type MockServer,
  seedConversation,
  seedMessage,
  urlOf,
  wrappedTransport,
} from '../test/mock-clients.js';
import { stateOf, until, untilState } from '../test/until.js';
import { type ConfideClient, createConfideClient } from './create-confide-client.js';

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
