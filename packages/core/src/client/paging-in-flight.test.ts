import { describe, expect, it, onTestFinished } from 'vitest';
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
