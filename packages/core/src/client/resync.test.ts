import { describe, expect, it } from 'vitest';
import { deferred } from '../test/deferred.js';
import {
  clientFor,
  createMockServer,
  seedConversation,
  seedMessage,
  urlOf,
  wrappedTransport,
} from '../test/mock-clients.js';
import { until } from '../test/until.js';

describe('a reconnect without a resume point', () => {
  it('refetches what the client shows, so a message sent while the stream was down appears', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock);
    const loaded = deferred<void>();
    let streams = 0;
    const transport = wrappedTransport(
      mock,
      'ben',
      (fetch) => async (input, init) => {
        if (!urlOf(input).endsWith('/v1/events')) return fetch(input, init);
        streams += 1;
        if (streams === 1) {
          // The first stream opens once the thread is on screen and drops before any event (no id to resume from).
          await loaded.promise;
          return new Response(new ReadableStream({ start: (controller) => controller.close() }), {
            headers: { 'content-type': 'text/event-stream' },
          });
        }
        // While it is down, Daniel replies; the new stream starts after that reply.
        if (streams === 2) await seedMessage(mock, 'daniel', id, 'Sent in the gap');
        return fetch(input, init);
      },
      { events: { baseDelayMs: 1, maxDelayMs: 2 } },
    );
    const client = await clientFor(mock, 'ben', { transport });
    const thread = client.thread(id);
    await until(thread, (state) => state.status === 'success');
    loaded.resolve();
    const state = await until(thread, (current) =>
      current.messages.some((message) => message.body === 'Sent in the gap'),
    );
    expect(streams).toBeGreaterThanOrEqual(2);
    expect(state.messages.at(-1)).toMatchObject({ body: 'Sent in the gap', state: 'sent' });
  });
});
