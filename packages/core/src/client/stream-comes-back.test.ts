import type { ConversationId } from '@confide/protocol';
import { focusManager } from '@tanstack/query-core';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { eventually, manualClock } from '../test/manual-clock.js';
import {
  clientFor,
  createMockServer,
  type MockServer,
  seedConversation,
  seedMessage,
  untilShown,
  urlOf,
  wrappedTransport,
} from '../test/mock-clients.js';
import { until, untilState } from '../test/until.js';
import type { ConfideClient } from './create-confide-client.js';

/** The server's limit of open streams per person in one process (DEFAULT_MAX_STREAMS_PER_PERSON). */
const STREAMS_PER_PERSON = 32;

/**
 * Ben's client over `mock`, whose event streams the test counts and can cut as a connection reset cuts them; the
 * stream's backoff runs on a clock that only the test advances, and its heartbeat watchdog is off.
 */
async function benWithStreams(mock: MockServer) {
  const timers = manualClock();
  const streams: (string | null)[] = [];
  let cutOpen: (() => void) | undefined;
  const transport = wrappedTransport(
    mock,
    'ben',
    (fetch) => async (input, init) => {
      if (!urlOf(input).endsWith('/v1/events')) return fetch(input, init);
      const request = new Request(input, init);
      streams.push(request.headers.get('last-event-id'));
      const response = await fetch(request);
      if (!response.ok || !response.body) return response;
      const reader = response.body.getReader();
      let cut = false;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          cutOpen = () => {
            cut = true;
            controller.error(new TypeError('network error'));
            void reader.cancel().catch(() => {});
          };
        },
        async pull(controller) {
          const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
          if (cut) return;
          if (chunk.done) controller.close();
          else controller.enqueue(chunk.value);
        },
        cancel: (reason) => reader.cancel(reason),
      });
      return new Response(body, { status: response.status, headers: response.headers });
    },
    { events: { clock: timers.clock, heartbeatTimeoutMs: 0 } },
  );
  const ben = await clientFor(mock, 'ben', { transport });
  return { ben, timers, streams, cut: () => cutOpen?.() };
}

/** Every moment that shows the way is open again, all at once: two refetches, online, visible. */
async function everyTrigger(ben: ConfideClient) {
  ben.setOnline(true);
  focusManager.setFocused(true);
  await Promise.all([ben.queryClient.refetchQueries({ queryKey: ben.keys.all }), ben.transport.getViewer()]);
}

/** A moment that shows the server is reachable again, and what set it up when the stream dropped. */
interface Trigger {
  /** Runs as the stream drops (the device goes offline, the page is hidden). */
  readonly onDrop?: (ben: ConfideClient) => void;
  /** Happens once the server is back; resolves when it has. */
  readonly fire: (ben: ConfideClient, id: ConversationId) => unknown;
}

const triggers: [string, Trigger][] = [
  ['a refetch of what the client shows', { fire: (ben) => ben.queryClient.refetchQueries() }],
  ['a reply sent', { fire: (ben, id) => ben.thread(id).send('Sent once the server was back') }],
  ['the device coming online', { onDrop: (ben) => ben.setOnline(false), fire: (ben) => ben.setOnline(true) }],
  [
    'the page becoming visible',
    { onDrop: () => focusManager.setFocused(false), fire: () => focusManager.setFocused(true) },
  ],
  [
    'all of them at once',
    {
      onDrop: (ben) => {
        ben.setOnline(false);
        focusManager.setFocused(false);
      },
      fire: everyTrigger,
    },
  ],
];

/** How the server is down while the stream tries again. */
const outages: [string, (mock: MockServer) => void][] = [
  ['unreachable', (mock) => mock.setScenario({ offline: true })],
  ['answering 503', (mock) => mock.setScenario({ failures: { events: { status: 503 } } })],
];

afterEach(() => {
  focusManager.setFocused(undefined);
});

describe('a live stream that dropped while the server was down', () => {
  const rows = outages.flatMap(([outage, down]) =>
    triggers.map(([trigger, how]) => [outage, trigger, down, how] as const),
  );
  it.each(rows)(
    'with the server %s, reopens at once on %s, without waiting out its backoff, and once',
    async (_outage, _trigger, down, trigger) => {
      const mock = createMockServer();
      const id = await seedConversation(mock, 'Back again', 'Hello Daniel');
      const { ben, timers, streams, cut } = await benWithStreams(mock);
      const thread = ben.thread(id);
      await until(thread, (state) => state.status === 'success');
      await untilState(ben.stores.connection, (state) => state.status === 'open');

      down(mock);
      trigger.onDrop?.(ben);
      cut();
      await untilState(ben.stores.connection, (state) => state.status === 'reconnecting');
      // One more attempt fails while the server is down, so the backoff has grown.
      await eventually(() => timers.pending().length === 1);
      timers.runAll();
      await eventually(() => streams.length === 2 && timers.pending().length === 1);

      mock.setScenario({});
      await trigger.fire(ben, id);
      await untilState(ben.stores.connection, (state) => state.status === 'open');
      expect(timers.pending()).toEqual([]);
      await seedMessage(mock, 'daniel', id, 'Sent after the stream came back');
      await untilShown(thread, 'Sent after the stream came back');
      expect(streams).toHaveLength(3);
      // It resumed from where it was, as it would have after the backoff.
      expect(streams[2]).toMatch(/^\d+$/);
    },
  );
});

describe('a stream that waits because the server said so', () => {
  /** Makes the server answer the events route with a wait of 30 s; returns what ends that. */
  type Limit = (mock: MockServer) => Promise<() => void> | (() => void);
  const limits: [string, string, Limit][] = [
    [
      'the per-person stream limit (429, Retry-After: 30)',
      'rate_limited',
      async (mock) => {
        const connection = mock.as('ben');
        const headers = {
          authorization: `Bearer ${await connection.getToken()}`,
          accept: 'text/event-stream',
        };
        const held = new AbortController();
        for (let index = 0; index < STREAMS_PER_PERSON; index += 1) {
          const response = await connection.fetch(`${mock.baseUrl}/v1/events`, {
            headers,
            signal: held.signal,
          });
          expect(response.status).toBe(200);
        }
        return () => held.abort();
      },
    ],
    [
      'a 503 with Retry-After: 30',
      'internal',
      (mock) => {
        mock.setScenario({ failures: { events: { status: 503, retryAfterSeconds: 30 } } });
        return () => {};
      },
    ],
  ];

  it.each(limits)(
    'waits out %s although requests succeed, the device comes online and the page becomes visible',
    async (_limit, code, limit) => {
      const mock = createMockServer();
      onTestFinished(await limit(mock));
      const { ben, timers, streams } = await benWithStreams(mock);
      await untilState(ben.stores.connection, (state) => state.lastError?.code === code);
      await eventually(() => timers.pending().length === 1);
      const [wait] = timers.pending();
      expect(wait).toBeGreaterThanOrEqual(30_000);

      ben.setOnline(false);
      focusManager.setFocused(false);
      await everyTrigger(ben);
      expect(timers.pending()).toEqual([wait]);
      expect(ben.stores.connection.getState().status).toBe('reconnecting');
      expect(streams).toHaveLength(1);

      // The wait still ends when the server said.
      timers.runAll();
      await eventually(() => streams.length === 2);
    },
  );
});

describe('a stream stopped for good', () => {
  it.each(['forbidden', 'not_found', 'invalid_input'] as const)(
    'after %s stays closed when requests succeed, the device comes online and the page becomes visible',
    async (code) => {
      const mock = createMockServer({ scenario: { failures: { events: { code } } } });
      const { ben, timers, streams } = await benWithStreams(mock);
      await untilState(ben.stores.connection, (state) => state.status === 'closed');
      expect(ben.stores.connection.getState().lastError?.code).toBe(code);

      mock.setScenario({});
      ben.setOnline(false);
      focusManager.setFocused(false);
      await everyTrigger(ben);
      await ben.transport.getViewer();
      expect(ben.stores.connection.getState()).toMatchObject({ status: 'closed', lastError: { code } });
      expect(streams).toHaveLength(1);
      expect(timers.pending()).toEqual([]);
    },
  );
});
