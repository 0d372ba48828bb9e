import type { ServerEvent } from '@confide/protocol';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConfideError } from '../errors/confide-error.js';
import { messageEventFrame } from '../test/wire-fixtures.js';
import { httpTransport } from './http-transport.js';
import type { ConnectionStatus } from './transport.js';

const BASE = 'https://confide.test/api';
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const encoder = new TextEncoder();

/** An SSE answer that sends `frames` and then either closes or stays open. */
function sse(frames: string[], options: { close: boolean }) {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const frame of frames) controller.enqueue(encoder.encode(frame));
      if (options.close) controller.close();
    },
  });
  return new HttpResponse(stream, { headers: { 'content-type': 'text/event-stream' } });
}

function transport(
  getToken: (context: { reason: string }) => string = () => 'token-1',
  heartbeatTimeoutMs = 0,
) {
  return httpTransport({
    baseUrl: BASE,
    getToken,
    events: { baseDelayMs: 2, maxDelayMs: 5, heartbeatTimeoutMs },
  });
}

function collect(count: number, subscribe: (onEvent: (event: ServerEvent) => void) => () => void) {
  return new Promise<ServerEvent[]>((resolve) => {
    const events: ServerEvent[] = [];
    const stop = subscribe((event) => {
      events.push(event);
      if (events.length === count) {
        stop();
        resolve(events);
      }
    });
  });
}

describe('event stream', () => {
  it('sends the token in the Authorization header, not the URL, and parses events', async () => {
    const requests: { url: string; authorization: string | null }[] = [];
    server.use(
      http.get(`${BASE}/v1/events`, ({ request }) => {
        requests.push({ url: request.url, authorization: request.headers.get('authorization') });
        return sse([': hello\n\n', messageEventFrame('1', 'First')], { close: false });
      }),
    );
    const [event] = await collect(1, (onEvent) => transport().subscribe(onEvent));
    expect(event).toMatchObject({ id: '1', type: 'message.created', data: { message: { body: 'First' } } });
    expect(requests[0]).toEqual({ url: `${BASE}/v1/events`, authorization: 'Bearer token-1' });
  });

  it('reconnects after the stream drops and resumes with Last-Event-ID', async () => {
    const lastEventIds: (string | null)[] = [];
    server.use(
      http.get(`${BASE}/v1/events`, ({ request }) => {
        lastEventIds.push(request.headers.get('last-event-id'));
        return lastEventIds.length === 1
          ? sse([messageEventFrame('1'), messageEventFrame('2')], { close: true })
          : sse([messageEventFrame('3')], { close: false });
      }),
    );
    const events = await collect(3, (onEvent) => transport().subscribe(onEvent));
    expect(events.map((event) => event.id)).toEqual(['1', '2', '3']);
    expect(lastEventIds).toEqual([null, '2']);
  });

  it('reports a malformed event and keeps reading', async () => {
    server.use(
      http.get(`${BASE}/v1/events`, () =>
        sse(['id: 1\nevent: message.created\ndata: {"nope":true}\n\n', messageEventFrame('2')], {
          close: false,
        }),
      ),
    );
    const errors: ConfideError[] = [];
    const events = await collect(1, (onEvent) =>
      transport().subscribe(onEvent, { onError: (error) => errors.push(error) }),
    );
    expect(events.map((event) => event.id)).toEqual(['2']);
    expect(errors.map((error) => [error.code, error.context?.eventId])).toEqual([['invalid_response', '1']]);
  });

  it('asks for a new token when the stream is refused with 401', async () => {
    const reasons: string[] = [];
    server.use(
      http.get(`${BASE}/v1/events`, ({ request }) =>
        request.headers.get('authorization') === 'Bearer fresh'
          ? sse([messageEventFrame('1')], { close: false })
          : HttpResponse.json({ error: { code: 'unauthenticated', message: 'Expired' } }, { status: 401 }),
      ),
    );
    const getToken = ({ reason }: { reason: string }) => {
      reasons.push(reason);
      return reason === 'initial' ? 'expired' : 'fresh';
    };
    await collect(1, (onEvent) => transport(getToken).subscribe(onEvent));
    expect(reasons).toEqual(['initial', 'unauthenticated']);
  });

  it('reports its status and closes for good when unsubscribed', async () => {
    server.use(http.get(`${BASE}/v1/events`, () => sse([': connected\n\n'], { close: false })));
    const statuses: ConnectionStatus[] = [];
    const closed = new Promise<void>((resolve) => {
      const stop = transport().subscribe(() => {}, {
        onStatusChange: (status) => {
          statuses.push(status);
          if (status === 'open') stop();
          if (status === 'closed') resolve();
        },
      });
    });
    await closed;
    expect(statuses).toEqual(['connecting', 'open', 'closed']);
  });

  it('reopens a connection that has gone quiet, resuming from the last event', async () => {
    // A fetch of our own: each connection delivers one event and then nothing at all (no close, no heartbeat).
    const lastEventIds: (string | null)[] = [];
    const quietFetch = async (_url: RequestInfo | URL, init?: RequestInit) => {
      lastEventIds.push(new Headers(init?.headers).get('last-event-id'));
      const frame = messageEventFrame(String(lastEventIds.length));
      const body = new ReadableStream<Uint8Array>({
        start: (controller) => controller.enqueue(encoder.encode(frame)),
      });
      return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
    };
    const quiet = httpTransport({
      baseUrl: BASE,
      getToken: () => 'token-1',
      fetch: quietFetch,
      events: { baseDelayMs: 2, maxDelayMs: 5, heartbeatTimeoutMs: 30 },
    });
    const statuses: ConnectionStatus[] = [];
    const events = await collect(2, (onEvent) =>
      quiet.subscribe(onEvent, { onStatusChange: (status) => statuses.push(status) }),
    );
    expect(events.map((event) => event.id)).toEqual(['1', '2']);
    expect(lastEventIds.slice(0, 2)).toEqual([null, '1']);
    expect(statuses).toContain('reconnecting');
  });
});
