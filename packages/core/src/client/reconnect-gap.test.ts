import type { ConversationId } from '@confide/protocol';
import { describe, expect, it } from 'vitest';
import { deferred } from '../test/deferred.js';
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
import { stateOf, until, untilState } from '../test/until.js';

/** Where the first stream drops, and what the reconnect asks for. */
interface Drop {
  /** Messages Daniel sends (and Ben's stream delivers) before it drops. */
  readonly before: number;
  /** The `Last-Event-ID` the reconnect sends instead of the SDK's (a resume point the server no longer has). */
  readonly resumeFrom?: string;
}

type Stream = (count: number, request: Request, fetch: typeof globalThis.fetch) => Promise<Response>;

/** Ben's client whose n-th event stream request `stream` answers, with the thread `id` and conversations loaded. */
async function benWithStreams(mock: MockServer, id: ConversationId, stream: Stream) {
  let streams = 0;
  const transport = wrappedTransport(
    mock,
    'ben',
    (fetch) => (input, init) => {
      if (!urlOf(input).endsWith('/v1/events')) return fetch(input, init);
      streams += 1;
      return stream(streams, new Request(input, init), fetch);
    },
    { events: { baseDelayMs: 1, maxDelayMs: 2, heartbeatTimeoutMs: 0 } },
  );
  const ben = await clientFor(mock, 'ben', { transport });
  const thread = ben.thread(id);
  await until(thread, (state) => state.status === 'success');
  await until(ben.conversations, (state) => state.status === 'success');
  return { ben, thread, streams: () => streams };
}

/** The real stream, closed once it has delivered its opening and then `events` message events. */
function cutAfter(response: Response, events: number): Response {
  const reader = response.body!.getReader();
  const text = new TextDecoder();
  let chunks = 0;
  let seen = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (chunks > 0 && seen >= events) {
        await reader.cancel();
        return controller.close();
      }
      const { done, value } = await reader.read();
      if (done) return controller.close();
      chunks += 1;
      seen += text.decode(value, { stream: true }).split('event: message.created').length - 1;
      controller.enqueue(value);
    },
    cancel: () => reader.cancel(),
  });
  return new Response(body, { status: response.status, headers: response.headers });
}

describe('a stream that drops and reconnects', () => {
  // The `Last-Event-ID`s the reconnects send: `seq` stands for any position the server gave.
  it.each<[string, Drop, (string | null)[]]>([
    ['after two events, resuming from the last', { before: 2 }, ['seq']],
    ['before any event, resuming from the position it opened at', { before: 0 }, ['seq']],
    [
      'when the server no longer has the resume point (410), refetching',
      { before: 1, resumeFrom: '999999' },
      ['999999', null],
    ],
  ])('%s shows every message once, the one sent during the gap too', async (_name, drop, resumes) => {
    const mock = createMockServer();
    const id = await seedConversation(mock, 'Gaps', 'Hello Daniel');
    const cut = deferred<void>();
    const gapFilled = deferred<void>();
    const asked: (string | null)[] = [];
    const { ben, thread } = await benWithStreams(mock, id, async (count, request, fetch) => {
      if (count === 1) return cutAfter(await fetch(request), drop.before);
      // The reconnect waits until Daniel has replied while the stream was down.
      cut.resolve();
      await gapFilled.promise;
      if (count === 2 && drop.resumeFrom) request.headers.set('last-event-id', drop.resumeFrom);
      asked.push(request.headers.get('last-event-id'));
      return fetch(request);
    });
    const sent: string[] = [];
    for (let index = 0; index < drop.before; index += 1) {
      sent.push(`Before the drop ${index}`);
      await seedMessage(mock, 'daniel', id, `Before the drop ${index}`);
      await untilShown(thread, `Before the drop ${index}`);
    }
    await cut.promise;
    await seedMessage(mock, 'daniel', id, 'Sent during the gap');
    gapFilled.resolve();
    await untilShown(thread, 'Sent during the gap');
    await untilState(ben.stores.connection, (state) => state.status === 'open');
    await seedMessage(mock, 'daniel', id, 'After the reconnect');
    await untilShown(thread, 'After the reconnect');
    const shown = stateOf(thread).messages;
    expect(shown.map((message) => message.body)).toEqual([
      'Hello Daniel',
      ...sent,
      'Sent during the gap',
      'After the reconnect',
    ]);
    expect(shown.every((message) => message.state === 'sent')).toBe(true);
    const summary = stateOf(ben.conversations).conversations.find((conversation) => conversation.id === id);
    expect(summary?.lastMessage).toMatchObject({ text: 'After the reconnect' });
    expect(
      asked.map((resume) => (resume && /^\d+$/.test(resume) && resume !== drop.resumeFrom ? 'seq' : resume)),
    ).toEqual(resumes);
  });
});

describe('a stream that opens after the client has loaded', () => {
  it('shows a message sent between the first load and the first open', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock, 'Late stream', 'Hello Daniel');
    const loaded = deferred<void>();
    const { thread, streams } = await benWithStreams(mock, id, async (count, request, fetch) => {
      // A slow network: the first stream opens only after the thread has loaded and Daniel has replied.
      if (count === 1) {
        await loaded.promise;
        await seedMessage(mock, 'daniel', id, 'Sent before the stream opened');
      }
      return fetch(request);
    });
    loaded.resolve();
    await untilShown(thread, 'Sent before the stream opened');
    await seedMessage(mock, 'daniel', id, 'After the open');
    await untilShown(thread, 'After the open');
    expect(stateOf(thread).messages.map((message) => message.body)).toEqual([
      'Hello Daniel',
      'Sent before the stream opened',
      'After the open',
    ]);
    expect(streams()).toBe(1);
  });
});

describe('a reconnect without a resume point', () => {
  it('refetches what the client shows, so a message sent while the stream was down appears', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock);
    const loaded = deferred<void>();
    const { thread, streams } = await benWithStreams(mock, id, async (count, request, fetch) => {
      if (count === 1) {
        // The first stream opens once the thread is on screen and drops before any event (no id to resume from).
        await loaded.promise;
        return new Response(new ReadableStream({ start: (controller) => controller.close() }), {
          headers: { 'content-type': 'text/event-stream' },
        });
      }
      // While it is down, Daniel replies; the new stream starts after that reply.
      if (count === 2) await seedMessage(mock, 'daniel', id, 'Sent in the gap');
      return fetch(request);
    });
    loaded.resolve();
    const state = await untilShown(thread, 'Sent in the gap');
    expect(streams()).toBeGreaterThanOrEqual(2);
    expect(state.messages.at(-1)).toMatchObject({ body: 'Sent in the gap', state: 'sent' });
  });
});
