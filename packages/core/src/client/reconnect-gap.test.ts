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
import { stateOf, until, untilState } from '../test/until.js';

/** Where the first stream drops, and what the reconnect asks for. */
interface Drop {
  /** Messages Daniel sends (and Ben's stream delivers) before it drops. */
  readonly before: number;
  /** The `Last-Event-ID` the reconnect sends instead of the SDK's (a resume point the server no longer has). */
  readonly resumeFrom?: string;
}

/** The real stream, closed once it has delivered its opening and then `events` message events. */
function cutAfter(response: Response, events: number, onCut: () => void): Response {
  const reader = response.body!.getReader();
  const text = new TextDecoder();
  let chunks = 0;
  let seen = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (chunks > 0 && seen >= events) {
        await reader.cancel();
        controller.close();
        onCut();
        return;
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
    let streams = 0;
    const transport = wrappedTransport(
      mock,
      'ben',
      (fetch) => async (input, init) => {
        if (!urlOf(input).endsWith('/v1/events')) return fetch(input, init);
        streams += 1;
        const request = new Request(input, init);
        if (streams === 1) return cutAfter(await fetch(request), drop.before, () => cut.resolve());
        // The reconnect waits until Daniel has replied while the stream was down.
        await gapFilled.promise;
        if (streams === 2 && drop.resumeFrom) request.headers.set('last-event-id', drop.resumeFrom);
        asked.push(request.headers.get('last-event-id'));
        return fetch(request);
      },
      { events: { baseDelayMs: 1, maxDelayMs: 2, heartbeatTimeoutMs: 0 } },
    );
    const ben = await clientFor(mock, 'ben', { transport });
    const thread = ben.thread(id);
    await until(thread, (state) => state.status === 'success');
    await until(ben.conversations, (state) => state.status === 'success');
    const sent: string[] = [];
    for (let index = 0; index < drop.before; index += 1) {
      const body = `Before the drop ${index}`;
      sent.push(body);
      await seedMessage(mock, 'daniel', id, body);
      await until(thread, (state) => state.messages.some((message) => message.body === body));
    }
    await cut.promise;
    await seedMessage(mock, 'daniel', id, 'Sent during the gap');
    gapFilled.resolve();
    await until(thread, (state) => state.messages.some((message) => message.body === 'Sent during the gap'));
    await untilState(ben.stores.connection, (state) => state.status === 'open');
    await seedMessage(mock, 'daniel', id, 'After the reconnect');
    await until(thread, (state) => state.messages.some((message) => message.body === 'After the reconnect'));
    expect(stateOf(thread).messages.map((message) => message.body)).toEqual([
      'Hello Daniel',
      ...sent,
      'Sent during the gap',
      'After the reconnect',
    ]);
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
    let streams = 0;
    const transport = wrappedTransport(
      mock,
      'ben',
      (fetch) => async (input, init) => {
        if (!urlOf(input).endsWith('/v1/events')) return fetch(input, init);
        streams += 1;
        // A slow network: the first stream opens only after the thread has loaded and Daniel has replied.
        if (streams === 1) {
          await loaded.promise;
          await seedMessage(mock, 'daniel', id, 'Sent before the stream opened');
        }
        return fetch(input, init);
      },
      { events: { baseDelayMs: 1, maxDelayMs: 2, heartbeatTimeoutMs: 0 } },
    );
    const ben = await clientFor(mock, 'ben', { transport });
    const thread = ben.thread(id);
    await until(thread, (state) => state.status === 'success');
    await until(ben.conversations, (state) => state.status === 'success');
    loaded.resolve();
    await until(thread, (state) =>
      state.messages.some((message) => message.body === 'Sent before the stream opened'),
    );
    await seedMessage(mock, 'daniel', id, 'After the open');
    await until(thread, (state) => state.messages.some((message) => message.body === 'After the open'));
    expect(stateOf(thread).messages.map((message) => message.body)).toEqual([
      'Hello Daniel',
      'Sent before the stream opened',
      'After the open',
    ]);
    expect(streams).toBe(1);
  });
});
