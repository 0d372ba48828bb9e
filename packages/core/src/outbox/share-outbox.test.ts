import type { ConversationId } from '@confide/protocol';
import { describe, expect, it, onTestFinished } from 'vitest';
import { type ConfideClient, createConfideClient } from '../client/create-confide-client.js';
import { memoryStorage, type StorageAdapter } from '../storage/storage.js';
import {
  clientFor,
  createMockServer,
  type MockServer,
  queueOffline,
  seedConversation,
  serverBodies,
  urlOf,
  wrappedTransport,
} from '../test/mock-clients.js';
import { until, untilState } from '../test/until.js';

/** `count` clients of Ben on one storage, like tabs of one browser; `posts` counts every send any of them makes. */
async function tabsOfBen(mock: MockServer, storage: StorageAdapter, count: number, first: ConfideClient) {
  const posts: string[] = [];
  const tabs = [first];
  for (let index = 1; index < count; index += 1)
    tabs.push(await clientFor(mock, 'ben', { storage, transport: countingPosts(mock, posts) }));
  return { tabs, posts };
}

/** Ben's transport on `mock` that records the idempotency key of every message it POSTs in `posts`. */
function countingPosts(mock: MockServer, posts: string[], hang?: () => boolean) {
  return wrappedTransport(mock, 'ben', (fetch) => async (input, init) => {
    const request = new Request(input, init);
    if (request.method !== 'POST' || !urlOf(input).endsWith('/messages')) return fetch(request);
    posts.push(String((await request.clone().json()).idempotencyKey));
    if (hang?.())
      return new Promise<Response>((_resolve, reject) =>
        request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true }),
      );
    return fetch(request);
  });
}

describe('one outbox for the tabs of one viewer on one storage', () => {
  it.each([
    [2, 'a reply that reaches the server'],
    [3, 'a reply that reaches the server'],
    [2, 'a reply the server refuses (no such conversation)'],
    [3, 'a reply the server refuses (no such conversation)'],
  ])('%i tabs send %s once, and every tab shows the outcome', async (count, outcome) => {
    const mock = createMockServer();
    const refused = outcome.includes('refuses');
    const id = refused ? ('cnv_missing' as ConversationId) : await seedConversation(mock, 'Tabs', 'Hello');
    const storage = memoryStorage();
    const firstPosts: string[] = [];
    const first = await clientFor(mock, 'ben', { storage, transport: countingPosts(mock, firstPosts) });
    queueOffline(first, id, 'Queued in the first tab');
    // The others open while it waits, and find it in the storage.
    const { tabs, posts } = await tabsOfBen(mock, storage, count, first);
    for (const tab of tabs)
      expect(tab.stores.outbox.getState().entries.map((entry) => entry.body)).toEqual([
        'Queued in the first tab',
      ]);
    first.setOnline(true);
    for (const tab of tabs) {
      if (refused) {
        const [failed] = (
          await untilState(tab.stores.outbox, (state) => state.entries[0]?.status === 'failed')
        ).entries;
        expect(failed?.failure).toMatchObject({ code: 'not_found', retryable: false });
      } else {
        await untilState(tab.stores.outbox, (state) => state.entries.length === 0);
        const shown = await until(tab.thread(id), (state) =>
          state.messages.some(
            (message) => message.body === 'Queued in the first tab' && message.state === 'sent',
          ),
        );
        expect(shown.messages.map((message) => message.body)).toEqual(['Hello', 'Queued in the first tab']);
      }
    }
    expect([...firstPosts, ...posts]).toHaveLength(1);
    if (!refused) return expect(await serverBodies(mock, id)).toEqual(['Hello', 'Queued in the first tab']);
    // Retrying in the last tab sends once more (from the tab that sends), and every tab sees it fail again.
    const failedId = first.stores.outbox.getState().entries[0]?.id ?? '';
    const statusOf = (tab: ConfideClient) => tab.stores.outbox.getState().entries[0]?.status;
    // Every tab is watched from the start, so none can pass through the retry unseen.
    const retried = tabs.map((tab) => untilState(tab.stores.outbox, () => statusOf(tab) !== 'failed'));
    (tabs.at(-1) as ConfideClient).thread(id).retry(failedId);
    await Promise.all(retried);
    await Promise.all(tabs.map((tab) => untilState(tab.stores.outbox, () => statusOf(tab) === 'failed')));
    expect(firstPosts).toHaveLength(2);
    expect(posts).toHaveLength(0);
  });

  it.each([2, 3])(
    'with %i tabs, one queued in a tab that does not send is sent by the one that does, and resolves where it was written',
    async (count) => {
      const mock = createMockServer();
      const id = await seedConversation(mock, 'Tabs', 'Hello');
      const storage = memoryStorage();
      const firstPosts: string[] = [];
      const first = await clientFor(mock, 'ben', { storage, transport: countingPosts(mock, firstPosts) });
      const { tabs, posts } = await tabsOfBen(mock, storage, count, first);
      const last = tabs.at(-1) as ConfideClient;
      await expect(last.thread(id).send('Written in the last tab')).resolves.toMatchObject({
        body: 'Written in the last tab',
      });
      expect(posts).toHaveLength(0);
      expect(firstPosts).toHaveLength(1);
      for (const tab of tabs) await untilState(tab.stores.outbox, (state) => state.entries.length === 0);
      expect(await serverBodies(mock, id)).toEqual(['Hello', 'Written in the last tab']);
    },
  );

  it('sends once what a tab queued while it was still starting', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock, 'Tabs', 'Hello');
    const storage = memoryStorage();
    const posts: string[] = [];
    await clientFor(mock, 'ben', { storage, transport: countingPosts(mock, posts) });
    const starting = createConfideClient({ storage, transport: countingPosts(mock, posts) });
    onTestFinished(() => starting.dispose());
    starting.mount();
    const sent = starting.thread(id).send('Written while the tab started');
    await starting.ready;
    await expect(sent).resolves.toMatchObject({ body: 'Written while the tab started' });
    expect(posts).toHaveLength(1);
  });

  it('lets the next tab send what a tab closed mid-send left', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock, 'Tabs', 'Hello');
    const storage = memoryStorage();
    const posts: string[] = [];
    let hang = true;
    const first = await clientFor(mock, 'ben', {
      storage,
      transport: countingPosts(mock, posts, () => hang),
    });
    const second = await clientFor(mock, 'ben', { storage, transport: countingPosts(mock, posts) });
    void first.thread(id).send('Sent while the first tab closed');
    await untilState(second.stores.outbox, (state) => state.entries[0]?.status === 'sending');
    hang = false;
    first.dispose();
    await untilState(second.stores.outbox, (state) => state.entries.length === 0);
    expect(posts).toHaveLength(2);
    expect(new Set(posts).size).toBe(1);
    expect(await serverBodies(mock, id)).toEqual(['Hello', 'Sent while the first tab closed']);
    await until(second.thread(id), (state) => state.messages.at(-1)?.state === 'sent');
  });
});
