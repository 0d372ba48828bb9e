import { delay, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConfideError } from '../errors/confide-error.js';
import { messageJson, viewerJson } from '../test/wire-fixtures.js';
import { httpTransport } from './http-transport.js';

const BASE = 'https://confide.test/api';
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function transport(overrides: Partial<Parameters<typeof httpTransport>[0]> = {}) {
  return httpTransport({ baseUrl: BASE, getToken: () => 'token-1', ...overrides });
}

type Target = ReturnType<typeof httpTransport>;

/** An answer with the protocol's error envelope. */
function refusal(status: number, code: string, headers: Record<string, string> = {}) {
  return HttpResponse.json({ error: { code, message: 'Refused' } }, { status, headers });
}

async function slowAnswer() {
  await delay(1_000);
  return HttpResponse.json(viewerJson);
}

describe('httpTransport', () => {
  it.each<[string, (target: Target) => Promise<unknown>]>([
    ['a read', (target) => target.getViewer()],
    ['a send', (target) => target.sendMessage('cnv_1' as never, { body: 'Hi', idempotencyKey: 'idk_0001' })],
    ['creating a template', (target) => target.createTemplate({ name: 'a', subject: 'b', body: 'c' })],
  ])(
    'makes one request for %s that fails with 503: queries and the outbox own retries',
    async (_name, call) => {
      let requests = 0;
      server.use(
        http.all(`${BASE}/*`, () => {
          requests += 1;
          return refusal(503, 'internal');
        }),
      );
      await expect(call(transport())).rejects.toMatchObject({ code: 'internal', retryable: true });
      expect(requests).toBe(1);
    },
  );

  it('calls the route from the table with the bearer token, path parameters and query, never the token in the URL', async () => {
    const seen: { url: string; authorization: string | null }[] = [];
    const page = { items: [messageJson], nextCursor: null };
    server.use(
      http.get(`${BASE}/v1/conversations/:id/messages`, ({ request }) => {
        seen.push({ url: request.url, authorization: request.headers.get('authorization') });
        return HttpResponse.json(page);
      }),
    );
    await expect(transport().listMessages('cnv_01' as never, { before: 'o30', limit: 10 })).resolves.toEqual(
      page,
    );
    expect(seen).toEqual([
      {
        url: `${BASE}/v1/conversations/cnv_01/messages?before=o30&limit=10`,
        authorization: 'Bearer token-1',
      },
    ]);
  });

  it.each([
    ['goes on with it when it is accepted', 'fresh', 'mem_ben'],
    ['gives up with unauthenticated when it is refused too', 'never', 'unauthenticated 401'],
  ])('asks for a new token once after a 401 and %s', async (_name, accepted, outcome) => {
    const getToken = vi.fn(({ reason }: { reason: string }) => (reason === 'initial' ? 'expired' : 'fresh'));
    let attempts = 0;
    server.use(
      http.get(`${BASE}/v1/me`, ({ request }) => {
        attempts += 1;
        return request.headers.get('authorization') === `Bearer ${accepted}`
          ? HttpResponse.json(viewerJson)
          : refusal(401, 'unauthenticated');
      }),
    );
    const settled = await transport({ getToken })
      .getViewer()
      .then(
        (viewer) => viewer.id,
        (error: ConfideError) => `${error.code} ${error.status}`,
      );
    expect(settled).toBe(outcome);
    expect(getToken.mock.calls.map(([context]) => context.reason)).toEqual(['initial', 'unauthenticated']);
    expect(attempts).toBe(2);
  });

  it.each([
    [
      'an answer that is not JSON',
      () => HttpResponse.text('<html>gateway</html>'),
      { code: 'invalid_response' },
    ],
    [
      'JSON that does not match the protocol',
      () => HttpResponse.json({ ...viewerJson, role: 'superuser' }),
      { code: 'invalid_response', retryable: false },
    ],
    [
      'the error envelope',
      () => refusal(409, 'portal_inactive'),
      { code: 'portal_inactive', status: 409, retryable: false, message: 'Refused' },
    ],
    [
      'a 429 with Retry-After',
      () => refusal(429, 'rate_limited', { 'retry-after': '0' }),
      { code: 'rate_limited', retryable: true, retryAfterSeconds: 0 },
    ],
    [
      'a bare 5xx without an envelope',
      () => HttpResponse.text('Bad gateway', { status: 502 }),
      { code: 'internal', status: 502 },
    ],
    ['a network failure', () => HttpResponse.error(), { code: 'network', retryable: true }],
    ['a slow answer', slowAnswer, { code: 'timeout', retryable: true }, { timeoutMs: 20 }],
    [
      'a getToken that fails (the server, which would answer, is not called)',
      () => HttpResponse.json(viewerJson),
      { code: 'unauthenticated', retryable: false },
      {
        getToken: () => {
          throw new Error('signed out');
        },
      },
    ],
  ])(
    'turns %s into a ConfideError',
    async (_name, answer, expected, overrides: Parameters<typeof transport>[0] = {}) => {
      server.use(http.get(`${BASE}/v1/me`, answer));
      const error = await transport(overrides)
        .getViewer()
        .catch((caught: unknown) => caught);
      expect(ConfideError.is(error)).toBe(true);
      expect(error).toMatchObject(expected);
    },
  );

  it('reports a call cancelled by its signal as aborted', async () => {
    server.use(http.get(`${BASE}/v1/me`, slowAnswer));
    const controller = new AbortController();
    const pending = transport().getViewer({ signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'aborted' });
  });
});
