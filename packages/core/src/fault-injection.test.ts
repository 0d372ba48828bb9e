import { QueryClient } from '@tanstack/query-core';
import { describe, expect, it } from 'vitest';
import { createConfideClient } from './client/create-confide-client.js';
import { ConfideError } from './errors/confide-error.js';
import { createMockServer, seedConversation, serverBodies, transportFor } from './test/mock-clients.js';
import { stateOf, untilState } from './test/until.js';
import type { Transport } from './transport/transport.js';

const SENDS = 200;

/** A small seeded PRNG (mulberry32), so a failing run can be replayed exactly. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * A transport with a bad network: 30% of sends and thread reads are lost (half before reaching the server,
 * half after it processed them, so only the answer is lost), 10% of sends are delivered twice, and 20% of
 * live events arrive twice.
 */
function flakyTransport(inner: Transport, random: () => number): Transport {
  const lost = () => new ConfideError('network', 'Connection reset');
  return {
    ...inner,
    async sendMessage(id, input, options) {
      const roll = random();
      if (roll < 0.15) throw lost();
      const sent = await inner.sendMessage(id, input, options);
      if (roll < 0.3) throw lost();
      return roll < 0.4 ? inner.sendMessage(id, input, options) : sent;
    },
    async listMessages(id, query, options) {
      if (random() < 0.3) throw lost();
      return inner.listMessages(id, query, options);
    },
    subscribe(onEvent, options) {
      return inner.subscribe((event) => {
        onEvent(event);
        if (random() < 0.2) onEvent(event);
      }, options);
    },
  };
}

describe('fault injection', () => {
  it(`delivers ${SENDS} sends over a flaky network exactly once each, in order`, async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock, 'Flaky network', 'Start');
    const client = createConfideClient({
      transport: flakyTransport(transportFor(mock, 'ben'), seededRandom(20261125)),
      queryClient: new QueryClient({ defaultOptions: { queries: { retry: 20, retryDelay: 1 } } }),
      outbox: { baseDelayMs: 1, maxDelayMs: 4 },
    });
    client.mount();
    await client.ready;
    const thread = client.thread(id);
    let state = stateOf(thread);
    const stop = thread.observe((next) => {
      state = next;
    });

    const expected = Array.from({ length: SENDS }, (_, index) => `Message ${index + 1}`);
    const results = await Promise.all(expected.map((body) => thread.send(body)));

    expect(new Set(results.map((result) => ('id' in result ? result.id : ''))).size).toBe(SENDS);
    expect(await serverBodies(mock, id)).toEqual(['Start', ...expected]);
    await untilState(client.stores.outbox, (state) => state.entries.length === 0);
    while (state.hasOlder) await thread.loadOlder();
    const messages = state.messages;
    expect(messages.map((message) => message.body)).toEqual(['Start', ...expected]);
    expect(new Set(messages.map((message) => message.id)).size).toBe(SENDS + 1);
    expect(messages.every((message) => message.state === 'sent')).toBe(true);
    stop();
    client.dispose();
  });
});
