import { QueryClient } from '@tanstack/query-core';
import { describe, expect, it } from 'vitest';
import { createConfideClient } from './client/create-confide-client.js';
import { ConfideError } from './errors/confide-error.js';
import { BEN, createMemoryBackend, seedConversation } from './test/memory-clients.js';
import { untilState } from './test/until.js';
import { memoryTransport } from './transport/memory/memory-transport.js';
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
      if (roll < 0.3) {
        await inner.sendMessage(id, input, options);
        throw lost();
      }
      if (roll < 0.4) {
        await inner.sendMessage(id, input, options);
        return inner.sendMessage(id, input, options);
      }
      return inner.sendMessage(id, input, options);
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

function serverBodies(backend: ReturnType<typeof createMemoryBackend>, id: string): string[] {
  const bodies: string[] = [];
  let before: string | undefined;
  do {
    const page = backend.as(BEN).listMessages(id, { limit: 100, ...(before ? { before } : {}) });
    bodies.unshift(...page.items.map((message) => message.body));
    before = page.nextCursor ?? undefined;
  } while (before);
  return bodies;
}

describe('fault injection', () => {
  it(`delivers ${SENDS} sends over a flaky network exactly once each, in order`, async () => {
    const backend = createMemoryBackend();
    const id = seedConversation(backend, 'Flaky network', 'Start');
    const client = createConfideClient({
      transport: flakyTransport(memoryTransport({ backend, as: BEN }), seededRandom(20261125)),
      queryClient: new QueryClient({ defaultOptions: { queries: { retry: 20, retryDelay: 1 } } }),
      outbox: { baseDelayMs: 1, maxDelayMs: 4 },
    });
    await client.ready;
    const thread = client.thread(id);
    const stop = thread.subscribe(() => {});

    const expected = Array.from({ length: SENDS }, (_, index) => `Message ${index + 1}`);
    const results = await Promise.all(expected.map((body) => thread.send(body)));

    expect(new Set(results.map((result) => ('id' in result ? result.id : ''))).size).toBe(SENDS);
    expect(serverBodies(backend, id)).toEqual(['Start', ...expected]);
    await untilState(client.stores.outbox, (state) => state.entries.length === 0);
    while (thread.getSnapshot().hasOlder) await thread.loadOlder();
    const messages = thread.getSnapshot().messages;
    expect(messages.map((message) => message.body)).toEqual(['Start', ...expected]);
    expect(new Set(messages.map((message) => message.id)).size).toBe(SENDS + 1);
    expect(messages.every((message) => message.state === 'sent')).toBe(true);
    stop();
    client.dispose();
  });
});
