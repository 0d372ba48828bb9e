import type { ServerEvent } from '@confide/protocol';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { ConfideError } from '../errors/confide-error.js';
import { type Clock, systemClock } from '../lib/clock.js';
import { pdfFile } from '../test/files.js';
import {
  createMockServer,
  seedConversation,
  seedMessage,
  urlOf,
  wrappedTransport,
} from '../test/mock-clients.js';
import { messageEventFrame } from '../test/wire-fixtures.js';
import type { GetToken } from './http-client.js';
import { httpTransport } from './http-transport.js';
import type { ConnectionStatus, Transport } from './transport.js';

const BASE = 'https://confide.test/api';
const encoder = new TextEncoder();
const decoder = () => new TextDecoder('utf-8', { ignoreBOM: true });

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

/** An answer with the protocol's error envelope. */
function refusal(status: number, code: string, details?: { retryAfterSeconds: number }) {
  return () =>
    new Response(JSON.stringify({ error: { code, message: 'No', ...(details ? { details } : {}) } }), {
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
  return listen(
    httpTransport({
      baseUrl: BASE,
      getToken: ({ reason }) => (reason === 'initial' ? 'token-1' : 'token-2'),
      fetch,
      events: { baseDelayMs: 1, maxDelayMs: 2, heartbeatTimeoutMs: 0, ...options },
    }),
  );
}

/** Subscribes to `transport`, collecting what it delivers and reports. */
function listen(transport: Transport) {
  const events: ServerEvent[] = [];
  const errors: ConfideError[] = [];
  const statuses: [ConnectionStatus, ConfideError | undefined][] = [];
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
  /** An answer with `status`, a body and headers of its own (no Confide error envelope unless the body is one). */
  const answer =
    (status: number, body: string, headers: Record<string, string> = {}) =>
    () =>
      new Response(body, { status, headers });
  // A 200 that is not an event stream (a captive portal's page, a JSON route, a proxy) is not read: it stops the
  // stream with a typed error instead of being asked again forever.
  const notAStream = (contentType: string | undefined) =>
    answer(
      200,
      contentType?.includes('json') ? '{"ok":true}' : '<html>Sign in</html>',
      contentType ? { 'content-type': contentType } : {},
    );

  /** Opens the stream on `first`, then `next`; what it asked with, reported (`status code httpStatus`) and waited. */
  async function answered(first: () => Response, next: () => Response, statusCount: number) {
    const { clock, delays } = recordingClock();
    const { fetch, calls } = scriptedFetch([first, next]);
    const { statuses, stop } = open(fetch, { clock });
    await eventually(() => statuses.length === statusCount);
    stop();
    const reported = statuses.map(([status, error]) =>
      error ? `${status} ${error.code} ${error.status}` : status,
    );
    return {
      tokens: calls.map((call) => call.authorization),
      reported: reported.slice(0, statusCount),
      delays,
    };
  }

  it.each([
    ['a 400', 'invalid_input 400', refusal(400, 'invalid_input')],
    ['a 403', 'forbidden 403', refusal(403, 'forbidden')],
    ['a 404', 'not_found 404', refusal(404, 'not_found')],
    ['a 405', 'invalid_response 405', answer(405, 'Method Not Allowed')],
    ['a 415', 'type_not_allowed 415', answer(415, '')],
    ['a 422', 'invalid_response 422', answer(422, '{}')],
    ['a 200 in application/json', 'invalid_response 200', notAStream('application/json')],
    ['a 200 page', 'invalid_response 200', notAStream('text/html')],
    ['a 200 without a content type', 'invalid_response 200', notAStream(undefined)],
    ['a 200 in text/event-streams', 'invalid_response 200', notAStream('text/event-streams')],
  ])('after %s answer asks once and closes with %s', async (_name, error, refused) => {
    expect(await answered(refused, refused, 2)).toEqual({
      tokens: ['Bearer token-1'],
      reported: ['connecting', `closed ${error}`],
      delays: [],
    });
  });

  it.each([
    ['a 500', 'internal 500', 1, refusal(500, 'internal')],
    ['a bare 502', 'internal 502', 1, answer(502, 'Bad Gateway')],
    ['a 503', 'internal 503', 1, refusal(503, 'internal')],
    ['a 503 with Retry-After: 5', 'internal 503', 5_000, answer(503, '', { 'retry-after': '5' })],
    ['a bare 504', 'internal 504', 1, answer(504, '')],
    ['a bare 429', 'rate_limited 429', 1, answer(429, '')],
    ['a 429 with Retry-After: 7', 'rate_limited 429', 7_000, answer(429, '', { 'retry-after': '7' })],
    [
      'a 429 saying 3 s in its body',
      'rate_limited 429',
      3_000,
      refusal(429, 'rate_limited', { retryAfterSeconds: 3 }),
    ],
  ])(
    'after %s answer reconnects with the same token (%s) after %d ms',
    async (_name, error, delay, failed) => {
      expect(await answered(failed, stream([': open\n\n'], false), 3)).toEqual({
        tokens: ['Bearer token-1', 'Bearer token-1'],
        reported: ['connecting', `reconnecting ${error}`, 'open'],
        delays: [delay],
      });
    },
  );

  it.each([
    ['a 401 twice', 'closed unauthenticated 401', refusal(401, 'unauthenticated')],
    ['a 401, then a fresh token', 'open', stream([': open\n\n'], false)],
  ])('after %s asks again with a fresh token and ends %s', async (_name, ending, next) => {
    expect(await answered(refusal(401, 'unauthenticated'), next, 3)).toEqual({
      tokens: ['Bearer token-1', 'Bearer token-2'],
      reported: ['connecting', 'reconnecting unauthenticated 401', ending],
      delays: [1],
    });
  });
});

describe('a getToken that gives no token (the event stream, requests and uploads alike)', () => {
  const signedOut = new Error('signed out');
  const mock = createMockServer();

  /** Ben's transport on the real server with `getToken`, and every request it sent without a token. */
  function transportWith(getToken: GetToken) {
    const tokenless: string[] = [];
    const transport = wrappedTransport(
      mock,
      'ben',
      (fetch) => (input, init) => {
        const request = new Request(input, init);
        if (!/^Bearer \S/.test(request.headers.get('authorization') ?? ''))
          tokenless.push(`${request.method} ${new URL(request.url).pathname}`);
        return fetch(request);
      },
      {
        getToken,
        events: { baseDelayMs: 1, maxDelayMs: 2, heartbeatTimeoutMs: 0 },
        uploads: { retryDelaysMs: [0] },
      },
    );
    return { transport, tokenless };
  }

  /** The stream's first three statuses with `getToken`, and the requests it sent without a token. */
  async function streamWith(getToken: GetToken) {
    const { transport, tokenless } = transportWith(getToken);
    const { statuses, stop } = listen(transport);
    await eventually(() => statuses.length >= 3);
    stop();
    const reported = statuses.map(([status, error]) => (error ? `${status} ${error.code}` : status));
    return { reported: reported.slice(0, 3), tokenless };
  }

  /** How two reads and then two uploads end with `getToken`, and the requests they sent without a token. */
  async function callsWith(getToken: GetToken) {
    const { transport, tokenless } = transportWith(getToken);
    const outcome = (call: Promise<unknown>) =>
      call.then(
        () => 'ok',
        (error: ConfideError) => `${error.code} ${error.retryable}`,
      );
    const outcomes = [await outcome(transport.getViewer()), await outcome(transport.getViewer())];
    for (const name of ['Lease.pdf', 'Payslip.pdf'])
      outcomes.push(await outcome(transport.uploadFile?.(pdfFile(name)) ?? Promise.reject()));
    return { outcomes, tokenless };
  }

  const real: GetToken = () => mock.as('ben').getToken();
  const closed = ['connecting', 'reconnecting unauthenticated', 'closed unauthenticated'];
  const refused = Array<string>(4).fill('unauthenticated false');
  it.each<[string, () => GetToken, string[], string[]]>([
    [
      'throws synchronously',
      () => () => {
        throw signedOut;
      },
      closed,
      refused,
    ],
    [
      // The host's auth backend blipped: the stream asks again after its backoff, later calls succeed.
      'rejects once, then succeeds',
      () => {
        let calls = 0;
        return (context) => (++calls === 1 ? Promise.reject(signedOut) : real(context));
      },
      ['connecting', 'reconnecting unauthenticated', 'open'],
      ['unauthenticated false', 'ok', 'ok', 'ok'],
    ],
    ['rejects always', () => () => Promise.reject(signedOut), closed, refused],
    ['returns an empty string', () => () => '', closed, refused],
    [
      // Its own request for a token failed on the network: retried as a network failure is, the stream backs off.
      'rejects always with a network failure',
      () => () => Promise.reject(new TypeError('Failed to fetch')),
      ['connecting', 'reconnecting unauthenticated', 'reconnecting unauthenticated'],
      Array<string>(4).fill('unauthenticated true'),
    ],
  ])(
    'that %s means unauthenticated without a request, and the stream asks again',
    async (_name, getTokenOf, reported, outcomes) => {
      expect(await streamWith(getTokenOf())).toEqual({ reported, tokenless: [] });
      expect(await callsWith(getTokenOf())).toEqual({ outcomes, tokenless: [] });
    },
  );
});

describe('an event stream closed for want of a valid token', () => {
  const mock = createMockServer();
  const real: GetToken = () => mock.as('ben').getToken();
  const signedOut = new Error('signed out');

  it.each<[string, GetToken]>([
    ['a 401 after a fresh token', () => 'not.a.token'],
    [
      'a getToken that throws',
      () => {
        throw signedOut;
      },
    ],
    ['a getToken that rejects', () => Promise.reject(signedOut)],
    ['a getToken that returns an empty string', () => ''],
  ])(
    'after %s reopens once a later request gets through, and delivers what happens next',
    async (_cause, refused) => {
      const id = await seedConversation(mock);
      let getToken = refused;
      const transport = wrappedTransport(mock, 'ben', (fetch) => fetch, {
        getToken: (context) => getToken(context),
        events: { baseDelayMs: 1, maxDelayMs: 2, heartbeatTimeoutMs: 0 },
      });
      const { events, statuses, stop } = listen(transport);
      onTestFinished(stop);
      const reported = () => statuses.map(([status, error]) => (error ? `${status} ${error.code}` : status));
      await eventually(() => statuses.at(-1)?.[0] === 'closed');
      // A request that is still refused proves nothing: the stream stays closed.
      await expect(transport.getViewer()).rejects.toMatchObject({ code: 'unauthenticated' });
      expect(reported()).toEqual(['connecting', 'reconnecting unauthenticated', 'closed unauthenticated']);
      getToken = real;
      await transport.getViewer();
      await eventually(() => statuses.at(-1)?.[0] === 'open');
      await seedMessage(mock, 'daniel', id, 'Sent after Ben signed in again');
      await eventually(() => events.some((event) => JSON.stringify(event).includes('Ben signed in again')));
      expect(reported()).toEqual([
        'connecting',
        'reconnecting unauthenticated',
        'closed unauthenticated',
        'connecting',
        'open',
      ]);
    },
  );
});

/** Rewrites each chunk of the events route's body: `text` changes its text, `split` cuts the bytes into pieces. */
interface Rewrite {
  readonly text?: (chunk: string, index: number) => string;
  readonly split?: number;
  readonly contentType?: string;
}

/** The real server's event stream, its bytes re-cut and re-written the way networks and proxies deliver them. */
function rewriteEvents(fetch: typeof globalThis.fetch, rewrite: Rewrite): typeof globalThis.fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (!urlOf(input).endsWith('/v1/events') || !response.ok || !response.body) return response;
    const text = decoder();
    let index = 0;
    const body = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          const rewritten = rewrite.text
            ? encoder.encode(rewrite.text(text.decode(chunk, { stream: true }), index))
            : chunk;
          index += 1;
          const size = rewrite.split ?? rewritten.length;
          for (let start = 0; start < rewritten.length; start += size)
            controller.enqueue(rewritten.slice(start, start + size));
        },
      }),
    );
    const headers = new Headers(response.headers);
    if (rewrite.contentType !== undefined) headers.set('content-type', rewrite.contentType);
    return new Response(body, { status: response.status, headers });
  };
}

// Arabic, an emoji family joined with ZWJ, a flag and a combining accent: 2-, 3- and 4-byte UTF-8 sequences.
const BODY = 'مرحبا 👨‍👩‍👧‍👦 🇳🇬 é';

describe('event stream bytes (the real server’s stream, re-cut)', () => {
  it.each<[string, Rewrite]>([
    ['one byte per chunk (every multi-byte character split)', { split: 1 }],
    ['chunks of 3 bytes', { split: 3 }],
    ['a BOM at the start', { text: (chunk, index) => (index === 0 ? `\uFEFF${chunk}` : chunk) }],
    [
      'a BOM at the start, split from the rest',
      { text: (chunk, index) => (index === 0 ? `\uFEFF${chunk}` : chunk), split: 2 },
    ],
    ['comment lines between events', { text: (chunk) => `: keep-alive\n\n${chunk}: keep-alive\n\n` }],
    ['CR alone as line end', { text: (chunk) => chunk.replaceAll('\n', '\r') }],
    ['CR alone, one byte per chunk', { text: (chunk) => chunk.replaceAll('\n', '\r'), split: 1 }],
    ['CRLF, one byte per chunk', { text: (chunk) => chunk.replaceAll('\n', '\r\n'), split: 1 }],
    [
      'data over several data: lines',
      { text: (chunk) => chunk.replaceAll('data: {', 'data: {\ndata: ').replaceAll(',"', ',\ndata: "') },
    ],
    ['content type with charset', { contentType: 'text/event-stream; charset=utf-8' }],
    ['content type in upper case', { contentType: 'Text/Event-Stream' }],
    ['content type in upper case with parameters', { contentType: 'TEXT/EVENT-STREAM;Charset=UTF-8' }],
  ])('delivers a message from %s', async (_name, rewrite) => {
    const mock = createMockServer();
    const id = await seedConversation(mock, 'Bytes', 'Hello Daniel');
    const { events, errors, statuses, stop } = listen(
      wrappedTransport(mock, 'ben', (fetch) => rewriteEvents(fetch, rewrite)),
    );
    await eventually(() => statuses.some(([status]) => status === 'open'));
    const sent = await seedMessage(mock, 'daniel', id, BODY);
    await eventually(() => events.some((event) => event.type === 'message.created'));
    stop();
    const created = events.filter((event) => event.type === 'message.created');
    expect(created.map((event) => event.type === 'message.created' && event.data.message)).toEqual([
      expect.objectContaining({ id: sent.id, body: BODY }),
    ]);
    expect(errors).toEqual([]);
    expect(statuses.slice(0, 2).map(([status]) => status)).toEqual(['connecting', 'open']);
  });
});
