import type { ServerEvent } from '@confide/protocol';
import { describe, expect, it } from 'vitest';
import type { ConfideError } from '../errors/confide-error.js';
import { type Clock, systemClock } from '../lib/clock.js';
import { messageEventFrame } from '../test/wire-fixtures.js';
import { httpTransport } from './http-transport.js';
import type { ConnectionStatus } from './transport.js';

const BASE = 'https://confide.test/api';
const encoder = new TextEncoder();

/** A fetch that answers the n-th call to the events route with `answers[n]` (the last one repeats). */
function scriptedFetch(answers: readonly (() => Response)[]) {
  const calls: { url: string; lastEventId: string | null; authorization: string | null }[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const { url, headers } = new Request(input, init);
    calls.push({
      url,
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
    ...systemClock,
    setTimeout(callback, delayMs) {
      delays.push(delayMs);
      return systemClock.setTimeout(callback, 0);
    },
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
  it('sends the token in the Authorization header, not the URL, parses events, reconnects after the stream drops, resumes with Last-Event-ID and closes for good when unsubscribed', async () => {
    const { fetch, calls } = scriptedFetch([
      stream([': hello\n\n', messageEventFrame('1', 'First'), messageEventFrame('2')]),
      stream([messageEventFrame('3')], false),
    ]);
    const { events, statuses, stop } = open(fetch);
    await eventually(() => events.length === 3);
    stop();
    await eventually(() => statuses.at(-1)?.[0] === 'closed');
    expect(events[0]).toMatchObject({
      id: '1',
      type: 'message.created',
      data: { message: { body: 'First' } },
    });
    expect(events.map((event) => event.id)).toEqual(['1', '2', '3']);
    expect(calls).toEqual([
      { url: `${BASE}/v1/events`, lastEventId: null, authorization: 'Bearer token-1' },
      { url: `${BASE}/v1/events`, lastEventId: '2', authorization: 'Bearer token-1' },
    ]);
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

describe('event stream resume points', () => {
  const crlf = messageEventFrame('5').replaceAll('\n', '\r\n');
  // The first chunk ends between the `\r` and the `\n` of the `id:` line.
  const crlfHalves = [crlf.slice(0, crlf.indexOf('\n')), crlf.slice(crlf.indexOf('\n'))];
  const opened = stream([': open\n\n'], false);
  // A 410 is not a refusal: the stream reconnects without its resume point, so the client refetches.
  const expired = refusal(410, 'events_expired');
  it.each([
    ['a CRLF split across two chunks', ['5'], [null, '5'], [1], [stream(crlfHalves), opened]],
    ['an id in a block without data', [], [null, '42'], [1], [stream(['id: 42\n\n']), opened]],
    ['a retry in a block without data', [], [null, null], [4321], [stream(['retry: 4321\n\n']), opened]],
    [
      'a 410 events_expired',
      ['6'],
      [null, '5', null],
      [1, 1],
      [stream(['id: 5\n\n']), expired, stream([messageEventFrame('6')], false)],
    ],
  ])(
    'after %s delivers %j, resumes from %j and waits %j ms',
    async (_name, ids, resumedFrom, delays, answers) => {
      const { clock, delays: asked } = recordingClock();
      const { fetch, calls } = scriptedFetch(answers);
      const { events, statuses, stop } = open(fetch, { clock });
      await eventually(
        () =>
          calls.length === answers.length && events.length === ids.length && statuses.at(-1)?.[0] === 'open',
      );
      stop();
      expect(events.map((event) => event.id)).toEqual(ids);
      expect(calls.map((call) => call.lastEventId)).toEqual(resumedFrom);
      expect(asked).toEqual(delays);
    },
  );
});

describe('event stream answers', () => {
  const once = ['Bearer token-1'];
  const refreshed = ['Bearer token-1', 'Bearer token-2'];
  const twice = ['Bearer token-1', 'Bearer token-1'];
  /** An answer with `status`, a body and headers of its own (no Confide error envelope unless the body is one). */
  const answer =
    (status: number, body: string, headers: Record<string, string> = {}) =>
    () =>
      new Response(body, { status, headers });
  const limited = (retryAfterSeconds: number) =>
    answer(
      429,
      JSON.stringify({
        error: { code: 'rate_limited', message: 'Slow down', details: { retryAfterSeconds } },
      }),
      {
        'content-type': 'application/json',
      },
    );
  // A 200 that is not an event stream (a captive portal's page, a JSON route, a proxy) is not read: it stops the
  // stream with a typed error instead of being asked again forever.
  const notAStream = (contentType: string | undefined) =>
    answer(
      200,
      contentType?.includes('json') ? '{"ok":true}' : '<html>Sign in</html>',
      contentType ? { 'content-type': contentType } : {},
    );
  it.each([
    ['a 400', once, ['connecting', 'closed invalid_input 400'], [], refusal(400, 'invalid_input')],
    ['a 403', once, ['connecting', 'closed forbidden 403'], [], refusal(403, 'forbidden')],
    ['a 404', once, ['connecting', 'closed not_found 404'], [], refusal(404, 'not_found')],
    ['a 405', once, ['connecting', 'closed invalid_response 405'], [], answer(405, 'Method Not Allowed')],
    ['a 415', once, ['connecting', 'closed type_not_allowed 415'], [], answer(415, '')],
    ['a 422', once, ['connecting', 'closed invalid_response 422'], [], answer(422, '{}')],
    [
      'a 401 twice',
      refreshed,
      ['connecting', 'reconnecting unauthenticated 401', 'closed unauthenticated 401'],
      [1],
      refusal(401, 'unauthenticated'),
    ],
    [
      'a 401, then a fresh token',
      refreshed,
      ['connecting', 'reconnecting unauthenticated 401', 'open'],
      [1],
      refusal(401, 'unauthenticated'),
    ],
    ['a 500', twice, ['connecting', 'reconnecting internal 500', 'open'], [1], refusal(500, 'internal')],
    [
      'a bare 502',
      twice,
      ['connecting', 'reconnecting internal 502', 'open'],
      [1],
      answer(502, 'Bad Gateway'),
    ],
    ['a 503', twice, ['connecting', 'reconnecting internal 503', 'open'], [1], refusal(503, 'internal')],
    [
      'a 503 with Retry-After: 5',
      twice,
      ['connecting', 'reconnecting internal 503', 'open'],
      [5_000],
      answer(503, '', { 'retry-after': '5' }),
    ],
    ['a bare 504', twice, ['connecting', 'reconnecting internal 504', 'open'], [1], answer(504, '')],
    ['a bare 429', twice, ['connecting', 'reconnecting rate_limited 429', 'open'], [1], answer(429, '')],
    [
      'a 429 with Retry-After: 7',
      twice,
      ['connecting', 'reconnecting rate_limited 429', 'open'],
      [7_000],
      answer(429, '', { 'retry-after': '7' }),
    ],
    [
      'a 429 saying 3 s in its body',
      twice,
      ['connecting', 'reconnecting rate_limited 429', 'open'],
      [3_000],
      limited(3),
    ],
    [
      'a 200 in application/json',
      once,
      ['connecting', 'closed invalid_response 200'],
      [],
      notAStream('application/json'),
    ],
    ['a 200 page', once, ['connecting', 'closed invalid_response 200'], [], notAStream('text/html')],
    [
      'a 200 without a content type',
      once,
      ['connecting', 'closed invalid_response 200'],
      [],
      notAStream(undefined),
    ],
    [
      'a 200 in text/event-streams',
      once,
      ['connecting', 'closed invalid_response 200'],
      [],
      notAStream('text/event-streams'),
    ],
  ])(
    'after %s answer asks with the tokens %j, reports %j and waits %j ms',
    async (_name, tokens, expected, delays, answer) => {
      // The next answer opens the stream where it should open, and repeats the refusal where it should not.
      const next = expected.at(-1) === 'open' ? stream([': open\n\n'], false) : answer;
      const { clock, delays: asked } = recordingClock();
      const { fetch, calls } = scriptedFetch([answer, next]);
      const { statuses, stop } = open(fetch, { clock });
      await eventually(() => statuses.length === expected.length);
      stop();
      expect(calls.map((call) => call.authorization)).toEqual(tokens);
      const reported = statuses.map(([status, error]) =>
        error ? `${status} ${error.code} ${error.status}` : status,
      );
      expect(reported.slice(0, expected.length)).toEqual(expected);
      expect(asked).toEqual(delays);
    },
  );
});
