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
  return httpTransport({
    baseUrl: BASE,
    getToken: () => 'token-1',
    retry: { limit: 3, baseDelayMs: 1, maxDelayMs: 4 },
    ...overrides,
  });
}

describe('httpTransport', () => {
  it.each([
    ['a read', (target: ReturnType<typeof httpTransport>) => target.getViewer()],
    [
      'a send',
      (target: ReturnType<typeof httpTransport>) =>
        target.sendMessage('cnv_1' as never, { body: 'Hi', idempotencyKey: 'idk_once_0001' }),
    ],
  ])('makes one request for %s that fails with 503 unless told to retry', async (_name, call) => {
    let requests = 0;
    server.use(
      http.all(`${BASE}/*`, () => {
        requests += 1;
        return HttpResponse.json({ error: { code: 'internal', message: 'Down' } }, { status: 503 });
      }),
    );
    const plain = httpTransport({ baseUrl: BASE, getToken: () => 'token-1' });
    await expect(call(plain)).rejects.toMatchObject({ code: 'internal', retryable: true });
    expect(requests).toBe(1);
  });

  it('calls the route from the table with the bearer token and never puts the token in the URL', async () => {
    const seen: { url: string; authorization: string | null }[] = [];
    server.use(
      http.get(`${BASE}/v1/me`, ({ request }) => {
        seen.push({ url: request.url, authorization: request.headers.get('authorization') });
        return HttpResponse.json(viewerJson);
      }),
    );
    await expect(transport().getViewer()).resolves.toEqual(viewerJson);
    expect(seen).toEqual([{ url: `${BASE}/v1/me`, authorization: 'Bearer token-1' }]);
  });

  it('sends the query and fills path parameters', async () => {
    let url: URL | undefined;
    server.use(
      http.get(`${BASE}/v1/conversations/:id/messages`, ({ request }) => {
        url = new URL(request.url);
        return HttpResponse.json({ items: [messageJson], nextCursor: null });
      }),
    );
    await transport().listMessages('cnv_01' as never, { before: 'o30', limit: 10 });
    expect(url?.pathname).toBe('/api/v1/conversations/cnv_01/messages');
    expect(Object.fromEntries(url?.searchParams ?? [])).toEqual({ before: 'o30', limit: '10' });
  });

  it('retries an idempotent call on 503 with backoff until it succeeds', async () => {
    let attempts = 0;
    server.use(
      http.get(`${BASE}/v1/me`, () => {
        attempts += 1;
        return attempts < 3 ? new HttpResponse(null, { status: 503 }) : HttpResponse.json(viewerJson);
      }),
    );
    await expect(transport().getViewer()).resolves.toMatchObject({ id: 'mem_ben' });
    expect(attempts).toBe(3);
  });

  it('retries a send with its idempotency key, the same key every time', async () => {
    const keys: string[] = [];
    server.use(
      http.post(`${BASE}/v1/conversations/:id/messages`, async ({ request }) => {
        keys.push(((await request.json()) as { idempotencyKey: string }).idempotencyKey);
        return keys.length === 1
          ? new HttpResponse(null, { status: 502 })
          : HttpResponse.json(messageJson, { status: 201 });
      }),
    );
    await transport().sendMessage('cnv_01' as never, { body: 'Hello', idempotencyKey: 'idk_test_0001' });
    expect(keys).toEqual(['idk_test_0001', 'idk_test_0001']);
  });

  it('does not retry creating a template, which has no idempotency key', async () => {
    let attempts = 0;
    server.use(
      http.post(`${BASE}/v1/templates`, () => {
        attempts += 1;
        return new HttpResponse(null, { status: 503 });
      }),
    );
    await expect(transport().createTemplate({ name: 'a', subject: 'b', body: 'c' })).rejects.toMatchObject({
      code: 'internal',
    });
    expect(attempts).toBe(1);
  });

  it('asks for a new token after a 401 and retries once', async () => {
    const getToken = vi.fn(({ reason }: { reason: string }) => (reason === 'initial' ? 'expired' : 'fresh'));
    server.use(
      http.get(`${BASE}/v1/me`, ({ request }) =>
        request.headers.get('authorization') === 'Bearer fresh'
          ? HttpResponse.json(viewerJson)
          : HttpResponse.json(
              { error: { code: 'unauthenticated', message: 'Token expired' } },
              { status: 401 },
            ),
      ),
    );
    await expect(transport({ getToken }).getViewer()).resolves.toMatchObject({ id: 'mem_ben' });
    expect(getToken.mock.calls.map(([context]) => context.reason)).toEqual(['initial', 'unauthenticated']);
  });

  it('gives up with unauthenticated when the new token is refused too', async () => {
    const getToken = vi.fn(() => 'always-bad');
    let attempts = 0;
    server.use(
      http.get(`${BASE}/v1/me`, () => {
        attempts += 1;
        return HttpResponse.json({ error: { code: 'unauthenticated', message: 'No' } }, { status: 401 });
      }),
    );
    await expect(transport({ getToken }).getViewer()).rejects.toMatchObject({
      code: 'unauthenticated',
      status: 401,
    });
    expect(attempts).toBe(2);
    expect(getToken).toHaveBeenCalledTimes(2);
  });

  it('turns a slow answer into a timeout error', async () => {
    server.use(
      http.get(`${BASE}/v1/me`, async () => {
        await delay(1_000);
        return HttpResponse.json(viewerJson);
      }),
    );
    const error = await transport({ timeoutMs: 20, retry: { limit: 0 } })
      .getViewer()
      .catch((caught: unknown) => caught);
    expect(ConfideError.is(error)).toBe(true);
    expect(error).toMatchObject({ code: 'timeout', retryable: true });
  });

  it('turns an answer that is not JSON into invalid_response', async () => {
    server.use(http.get(`${BASE}/v1/me`, () => HttpResponse.text('<html>gateway</html>')));
    await expect(transport().getViewer()).rejects.toMatchObject({ code: 'invalid_response' });
  });

  it('turns JSON that does not match the protocol into invalid_response, not retried', async () => {
    server.use(http.get(`${BASE}/v1/me`, () => HttpResponse.json({ ...viewerJson, role: 'superuser' })));
    await expect(transport().getViewer()).rejects.toMatchObject({
      code: 'invalid_response',
      retryable: false,
    });
  });

  it('reads the error envelope into the code, message, status and field issues', async () => {
    server.use(
      http.post(`${BASE}/v1/conversations`, () =>
        HttpResponse.json(
          { error: { code: 'portal_inactive', message: "The client's portal is not active" } },
          { status: 409 },
        ),
      ),
    );
    const error = await transport()
      .startConversation({
        contactId: 'con_farid',
        subject: 'Hi',
        body: 'Hello',
        idempotencyKey: 'idk_test_0002',
      })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'portal_inactive', status: 409, retryable: false });
    expect((error as ConfideError).message).toBe("The client's portal is not active");
  });

  it('reads how long to wait from the envelope or the Retry-After header', async () => {
    server.use(
      http.get(`${BASE}/v1/me`, () =>
        HttpResponse.json(
          { error: { code: 'rate_limited', message: 'Too many requests' } },
          { status: 429, headers: { 'retry-after': '0' } },
        ),
      ),
    );
    await expect(transport({ retry: { limit: 0 } }).getViewer()).rejects.toMatchObject({
      code: 'rate_limited',
      retryable: true,
      retryAfterSeconds: 0,
    });
  });

  it('maps a bare 5xx without an envelope to internal after the retries', async () => {
    let attempts = 0;
    server.use(
      http.get(`${BASE}/v1/me`, () => {
        attempts += 1;
        return HttpResponse.text('Bad gateway', { status: 502 });
      }),
    );
    await expect(transport().getViewer()).rejects.toMatchObject({ code: 'internal', status: 502 });
    expect(attempts).toBe(4);
  });

  it('reports a network failure as network', async () => {
    server.use(http.get(`${BASE}/v1/me`, () => HttpResponse.error()));
    await expect(transport({ retry: { limit: 1, baseDelayMs: 1 } }).getViewer()).rejects.toMatchObject({
      code: 'network',
      retryable: true,
    });
  });

  it('reports a call cancelled by its signal as aborted', async () => {
    server.use(
      http.get(`${BASE}/v1/me`, async () => {
        await delay(1_000);
        return HttpResponse.json(viewerJson);
      }),
    );
    const controller = new AbortController();
    const pending = transport().getViewer({ signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'aborted' });
  });

  it('reports a getToken that fails as unauthenticated without calling the server', async () => {
    const failing = transport({
      getToken: () => {
        throw new Error('signed out');
      },
    });
    await expect(failing.getViewer()).rejects.toMatchObject({ code: 'unauthenticated', retryable: false });
  });
});
