import type { ConversationId } from '@confide/protocol';
import { focusManager } from '@tanstack/query-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConfideClient } from '../client/create-confide-client.js';
import { eventually, manualClock } from '../test/manual-clock.js';
import {
  clientFor,
  createMockServer,
  type MockServer,
  seedConversation,
  serverBodies,
  urlOf,
  wrappedTransport,
} from '../test/mock-clients.js';
import { untilState } from '../test/until.js';

/** How the server is down while a reply waits in the outbox. */
interface Outage {
  /** Takes the server down; `answers` stands for the answers of message POSTs. */
  readonly down: (mock: MockServer, answers: { lost: boolean }) => void;
}

const outages: [string, Outage][] = [
  ['unreachable', { down: (mock) => mock.setScenario({ offline: true }) }],
  ['answering 503', { down: (mock) => mock.setScenario({ failures: { sendMessage: { status: 503 } } }) }],
  // The server stored the reply but its answer never came back: sending again must not make a second one.
  [
    'losing the answer after storing the reply',
    {
      down: (_mock, answers) => {
        answers.lost = true;
      },
    },
  ],
];

/** A moment that shows the server is reachable again, and what set it up after the send failed. */
interface Trigger {
  /** Runs once the send has failed (the device goes offline, the page is hidden). */
  readonly afterFailure?: (ben: ConfideClient) => void;
  /** Happens once the server is back; resolves when it has. */
  readonly fire: (ben: ConfideClient) => unknown;
}

/** Every moment that shows the way is open again, all at once: a refetch, online, visible. */
async function everyTrigger(ben: ConfideClient) {
  ben.setOnline(true);
  focusManager.setFocused(true);
  await Promise.all([ben.queryClient.refetchQueries({ queryKey: ben.keys.all }), ben.transport.getViewer()]);
}

const triggers: [string, Trigger][] = [
  ['a refetch of what the client shows', { fire: (ben) => ben.queryClient.refetchQueries() }],
  ['another request of the client', { fire: (ben) => ben.transport.listConversations({}) }],
  [
    'the device coming online',
    { afterFailure: (ben) => ben.setOnline(false), fire: (ben) => ben.setOnline(true) },
  ],
  [
    'the page becoming visible',
    { afterFailure: () => focusManager.setFocused(false), fire: () => focusManager.setFocused(true) },
  ],
  [
    'all of them at once',
    {
      afterFailure: (ben) => {
        ben.setOnline(false);
        focusManager.setFocused(false);
      },
      fire: everyTrigger,
    },
  ],
];

/**
 * Ben's client over `mock` without a live stream, whose outbox backoff runs on a clock only the test advances; while
 * `answers.lost`, his message POSTs reach the server and their answers are lost on the way back.
 */
async function benWithOutbox(mock: MockServer) {
  const timers = manualClock();
  const answers = { lost: false };
  const transport = wrappedTransport(mock, 'ben', (fetch) => async (input, init) => {
    const response = await fetch(input, init);
    const method = input instanceof Request ? input.method : init?.method;
    if (answers.lost && method === 'POST' && urlOf(input).endsWith('/messages'))
      throw new TypeError('network error');
    return response;
  });
  const ben = await clientFor(mock, 'ben', { transport, clock: timers.clock, live: false });
  return { ben, timers, answers };
}

/** Sends `body` in `id` while the server is down; resolves once its retry waits, with the send (still pending). */
async function sendIntoOutage(
  ben: ConfideClient,
  timers: ReturnType<typeof manualClock>,
  id: ConversationId,
  body: string,
) {
  const sent = ben.thread(id).send(body);
  await untilState(
    ben.stores.outbox,
    ({ entries: [entry] }) => entry?.status === 'queued' && entry.failure !== null,
  );
  await eventually(() => timers.pending().length === 1);
  return { sent };
}

afterEach(() => {
  focusManager.setFocused(undefined);
});

describe('a reply waiting in the outbox while the server was down', () => {
  const rows = outages.flatMap(([outage, how]) =>
    triggers.map(([trigger, when]) => [outage, trigger, how, when] as const),
  );
  it.each(rows)(
    'with the server %s, goes at once on %s, without waiting out its backoff, and arrives once',
    async (_outage, _trigger, outage, trigger) => {
      const mock = createMockServer();
      const id = await seedConversation(mock, 'Back again', 'First');
      const { ben, timers, answers } = await benWithOutbox(mock);

      outage.down(mock, answers);
      const { sent } = await sendIntoOutage(ben, timers, id, 'Written during the outage');
      trigger.afterFailure?.(ben);

      mock.setScenario({});
      answers.lost = false;
      await trigger.fire(ben);
      await vi.waitFor(() => expect(ben.stores.outbox.getState().entries).toEqual([]), { timeout: 2_000 });
      await sent;
      expect(timers.pending()).toEqual([]);
      expect(await serverBodies(mock, id)).toEqual(['First', 'Written during the outage']);
    },
  );
});

describe('a reply waiting because the server said so', () => {
  const limits: [string, { status?: 503; code?: 'rate_limited'; retryAfterSeconds?: number }, number][] = [
    ['a 503 with Retry-After: 30', { status: 503, retryAfterSeconds: 30 }, 30_000],
    ['a 429 with Retry-After: 30', { code: 'rate_limited', retryAfterSeconds: 30 }, 30_000],
    ['a 429 without Retry-After', { code: 'rate_limited' }, 0],
  ];

  it.each(limits)(
    'waits out %s although requests succeed, the device comes online and the page becomes visible',
    async (_limit, failure, atLeastMs) => {
      const mock = createMockServer();
      const id = await seedConversation(mock, 'Asked to wait', 'First');
      const { ben, timers } = await benWithOutbox(mock);
      mock.setScenario({ failures: { sendMessage: failure } });
      const { sent } = await sendIntoOutage(ben, timers, id, 'Sent when the server said');
      const [wait] = timers.pending();
      expect(wait).toBeGreaterThanOrEqual(atLeastMs);

      mock.setScenario({});
      ben.setOnline(false);
      focusManager.setFocused(false);
      await everyTrigger(ben);
      expect(timers.pending()).toEqual([wait]);
      expect(ben.stores.outbox.getState().entries).toMatchObject([{ status: 'queued' }]);
      expect(await serverBodies(mock, id)).toEqual(['First']);

      // The wait still ends when the server said.
      timers.runAll();
      await sent;
      expect(await serverBodies(mock, id)).toEqual(['First', 'Sent when the server said']);
    },
  );
});
