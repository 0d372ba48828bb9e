import { describe, expect, it } from 'vitest';
import { createMockServer, seedConversation, seedMessage } from '../test/mock-clients.js';
import { until } from '../test/until.js';
import { httpTransport } from '../transport/http-transport.js';
import { createConfideClient } from './create-confide-client.js';

describe('a reconnect without a resume point', () => {
  it('refetches what the client shows, so a message sent while the stream was down appears', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock);
    const { baseUrl, fetch, getToken } = mock.as('ben');
    let threadLoaded: () => void = () => {};
    const loaded = new Promise<void>((resolve) => {
      threadLoaded = resolve;
    });
    let streams = 0;
    const droppingFetch: typeof globalThis.fetch = async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (!url.endsWith('/v1/events')) return fetch(input, init);
      streams += 1;
      if (streams === 1) {
        // The first stream opens once the thread is on screen and drops before any event (no id to resume from).
        await loaded;
        return new Response(new ReadableStream({ start: (controller) => controller.close() }), {
          headers: { 'content-type': 'text/event-stream' },
        });
      }
      // While it is down, Daniel replies; the new stream starts after that reply.
      if (streams === 2) await seedMessage(mock, 'daniel', id, 'Sent in the gap');
      return fetch(input, init);
    };
    const client = createConfideClient({
      transport: httpTransport({
        baseUrl,
        getToken,
        fetch: droppingFetch,
        events: { baseDelayMs: 1, maxDelayMs: 2 },
      }),
    });
    client.mount();
    await client.ready;
    const thread = client.thread(id);
    await until(thread, (state) => state.status === 'success');
    threadLoaded();
    const state = await until(thread, (current) =>
      current.messages.some((message) => message.body === 'Sent in the gap'),
    );
    expect(streams).toBeGreaterThanOrEqual(2);
    expect(state.messages.at(-1)).toMatchObject({ body: 'Sent in the gap', state: 'sent' });
    client.dispose();
  });
});
