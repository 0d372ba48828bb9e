import type { ServerEvent } from '@confide/protocol';
import { describe, expect, it } from 'vitest';
import type { ConfideError } from '../errors/confide-error.js';
import type { Clock } from '../lib/clock.js';
import { messageEventFrame } from '../test/wire-fixtures.js';
import { httpTransport } from './http-transport.js';
import type { ConnectionStatus } from './transport.js';

const BASE = 'https://confide.test/api';
const encoder = new TextEncoder();

/** A fetch that answers the n-th call to the events route with `answers[n]` (the last one repeats). */
function scriptedFetch(answers: readonly (() => Response)[]) {
  const calls: { url: string; lastEventId: string | null; authorization: string | null }[] = [];
  const fetch = async (url: RequestInfo | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    calls.push({
      url: String(url),
      lastEventId: headers.get('last-event-id'),
      authorization: headers.get('authorization'),
    });
    const answer = answers[Math.min(calls.length, answers.length) - 1];
    if (!answer) throw new Error('no answer scripted');
    return answer();
  };
  return { fetch, calls };
}

/** An event stream that sends `chunks` one by one and then closes (or stays open). */
function stream(chunks: readonly string[], close = true) {
  return () =>
    new Response(
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
          if (close) controller.close();
        },
      }),
      { headers: { 'content-type': 'text/event-stream; charset=utf-8' } },
    );
}

function refusal(status: number, code: string) {
  return () =>
    new Response(JSON.stringify({ error: { code, message: 'No' } }), {
      status,
      headers: { 'content-type': 'application/json' },
    });
}

/** A clock whose timers fire at once but which records every delay it was asked for. */
function recordingClock() {
  const delays: number[] = [];
  const clock: Clock = {
    now: () => Date.now(),
    setTimeout(callback, delayMs) {
      delays.push(delayMs);
      return globalThis.setTimeout(callback, 0);
    },
    clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
  };
  return { clock, delays };
}

function open(fetch: typeof globalThis.fetch, options: { clock?: Clock; heartbeatTimeoutMs?: number } = {}) {
  const events: ServerEvent[] = [];
  const errors: ConfideError[] = [];
  const statuses: [ConnectionStatus, ConfideError | undefined][] = [];
  const transport = httpTransport({
    baseUrl: BASE,
    getToken: ({ reason }) => (reason === 'initial' ? 'token-1' : 'token-2'),
    fetch,
    events: { baseDelayMs: 1, maxDelayMs: 2, heartbeatTimeoutMs: 0, ...options },
  });
  const stop = transport.subscribe((event) => events.push(event), {
    onStatusChange: (status, error) => statuses.push([status, error]),
    onError: (error) => errors.push(error),
  });
  return { events, errors, statuses, stop };
}

async function eventually(check: () => boolean) {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 1));
}

describe('event stream', () => {
  it('sends the token in the Authorization header, not the URL, and parses events', async () => {
    const { fetch, calls } = scriptedFetch([stream([': hello\n\n', messageEventFrame('1', 'First')], false)]);
    const { events, stop } = open(fetch);
    await eventually(() => events.length === 1);
    stop();
    expect(events[0]).toMatchObject({
      id: '1',
      type: 'message.created',
      data: { message: { body: 'First' } },
    });
    expect(calls).toEqual([{ url: `${BASE}/v1/events`, lastEventId: null, authorization: 'Bearer token-1' }]);
  });

  it('reconnects after the stream drops, resumes with Last-Event-ID and closes for good when unsubscribed', async () => {
    const { fetch, calls } = scriptedFetch([
      stream([messageEventFrame('1'), messageEventFrame('2')]),
      stream([messageEventFrame('3')], false),
    ]);
    const { events, statuses, stop } = open(fetch);
    await eventually(() => events.length === 3);
    stop();
    await eventually(() => statuses.at(-1)?.[0] === 'closed');
    expect(events.map((event) => event.id)).toEqual(['1', '2', '3']);
    expect(calls.map((call) => call.lastEventId)).toEqual([null, '2']);
    expect(statuses.map(([status]) => status)).toEqual([
      'connecting',
      'open',
      'reconnecting',
      'open',
      'closed',
    ]);
  });

  it('reports a malformed event and keeps reading', async () => {
    const malformed = 'id: 1\nevent: message.created\ndata: {"nope":true}\n\n';
    const { fetch } = scriptedFetch([stream([malformed, messageEventFrame('2')], false)]);
    const { events, errors, stop } = open(fetch);
    await eventually(() => events.length === 1);
    stop();
    expect(events.map((event) => event.id)).toEqual(['2']);
    expect(errors.map((error) => [error.code, error.context?.eventId])).toEqual([['invalid_response', '1']]);
  });

  it('reopens a connection that has gone quiet, resuming from the last event', async () => {
    // Each connection delivers one event and then nothing at all (no close, no heartbeat).
    const { fetch, calls } = scriptedFetch([
      stream([messageEventFrame('1')], false),
      stream([messageEventFrame('2')], false),
    ]);
    const { events, statuses, stop } = open(fetch, { heartbeatTimeoutMs: 30 });
    await eventually(() => events.length === 2);
    stop();
    expect(calls.slice(0, 2).map((call) => call.lastEventId)).toEqual([null, '1']);
    expect(statuses.map(([status]) => status)).toContain('reconnecting');
  });
});

describe('event stream parsing', () => {
  it('reads a CRLF split across two chunks as one event that keeps its id', async () => {
    const frame = messageEventFrame('5').replaceAll('\n', '\r\n');
    // The first chunk ends between the `\r` and the `\n` of the `id:` line.
    const split = frame.indexOf('\n');
    const { fetch, calls } = scriptedFetch([
      stream([frame.slice(0, split), frame.slice(split)]),
      stream([': open\n\n'], false),
    ]);
    const { events, stop } = open(fetch);
    await eventually(() => calls.length === 2);
    stop();
    expect(events.map((event) => event.id)).toEqual(['5']);
    // The event kept its SSE id: the reconnect resumes from it.
    expect(calls.map((call) => call.lastEventId)).toEqual([null, '5']);
  });

  it('takes an id from a block without data as the resume point', async () => {
    const { fetch, calls } = scriptedFetch([stream(['id: 42\n\n']), stream([': open\n\n'], false)]);
    const { stop } = open(fetch);
    await eventually(() => calls.length === 2);
    stop();
    expect(calls.map((call) => call.lastEventId)).toEqual([null, '42']);
  });

  it('takes a retry from a block without data as the reconnect delay', async () => {
    const { clock, delays } = recordingClock();
    const { fetch, calls } = scriptedFetch([stream(['retry: 4321\n\n']), stream([': open\n\n'], false)]);
    const { stop } = open(fetch, { clock });
    await eventually(() => calls.length === 2);
    stop();
    expect(delays).toContain(4321);
  });
});

describe('event stream answers', () => {
  const once = ['Bearer token-1'];
  const refreshed = ['Bearer token-1', 'Bearer token-2'];
  it.each([
    [400, 'invalid_input', 'closed', once],
    [403, 'forbidden', 'closed', once],
    [404, 'not_found', 'closed', once],
    [401, 'unauthenticated', 'closed', refreshed],
    [401, 'unauthenticated', 'open', refreshed],
    [500, 'internal', 'open', ['Bearer token-1', 'Bearer token-1']],
    [503, 'internal', 'open', ['Bearer token-1', 'Bearer token-1']],
  ] as const)(
    'after a %i %s answer the stream is %s, having asked with %j',
    async (status, code, final, tokens) => {
      // The second answer is only asked for where the first one is worth another try: the stream opens, or the
      // fresh token is refused too.
      const second = final === 'open' ? stream([': open\n\n'], false) : refusal(status, code);
      const { fetch, calls } = scriptedFetch([refusal(status, code), second]);
      const { statuses, stop } = open(fetch);
      await eventually(() => statuses.at(-1)?.[0] === final);
      stop();
      expect(calls.map((call) => call.authorization)).toEqual(tokens);
      // A refusal closes the stream with its typed error; any other answer is reported with the reconnect.
      const error =
        final === 'closed' ? statuses.at(-1) : statuses.find(([state]) => state === 'reconnecting');
      expect(error?.[1]).toMatchObject({ code, status });
    },
  );

  it('does not read a 200 answer that is not an event stream, and tries again', async () => {
    const page = () =>
      new Response('<html>Sign in to the Wi-Fi</html>', { headers: { 'content-type': 'text/html' } });
    const { fetch, calls } = scriptedFetch([page, stream([': open\n\n'], false)]);
    const { statuses, stop } = open(fetch);
    await eventually(() => statuses.at(-1)?.[0] === 'open');
    stop();
    expect(calls).toHaveLength(2);
    expect(statuses.find(([status]) => status === 'reconnecting')?.[1]).toMatchObject({
      code: 'invalid_response',
    });
  });
});

describe('event stream resume points', () => {
  it('reconnects without Last-Event-ID after 410 events_expired, so the client refetches instead of asking forever', async () => {
    const { fetch, calls } = scriptedFetch([
      stream(['id: 5\n\n']),
      refusal(410, 'events_expired'),
      stream([messageEventFrame('6')], false),
    ]);
    const { events, statuses, stop } = open(fetch);
    await eventually(() => events.length === 1);
    stop();
    expect(calls.map((call) => call.lastEventId)).toEqual([null, '5', null]);
    // A 410 is not a refusal: the stream kept going rather than closing with an error.
    expect(statuses.filter(([status, error]) => status === 'closed' && error !== undefined)).toEqual([]);
  });
});
