import { ERROR_STATUS } from '@confide/protocol';
import type { MockFailure, MockScenario } from './scenario/mock-scenario.js';
import { matchRoute } from './scenario/route-matcher.js';

/** Anything that answers fetch requests: the server's Hono app, typically. */
export interface FetchApp {
  fetch(request: Request): Response | Promise<Response>;
}

/** A `fetch` that never leaves the process: give it to `httpTransport({ fetch })`. */
export type MockFetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/** Options of `createMockFetch`. */
export interface MockFetchOptions {
  /** Where the API is mocked: an absolute URL (or, behind a service worker, a path on the page's origin). */
  readonly baseUrl: string;
  /** The app that answers; requests reach it with the base path removed (`/v1/me`). */
  readonly app: FetchApp;
  /** The scenario in force, read on every request so it can change while the mock runs. */
  readonly scenario: () => MockScenario;
  /** Resolves once the app's data is in place; requests wait for it. */
  readonly ready?: Promise<unknown>;
}

// Any origin works for a relative base: the app routes by path, and the request never leaves the process.
const LOCAL_ORIGIN = 'http://confide.local';

function wait(milliseconds: number, signal: AbortSignal): Promise<void> {
  if (milliseconds <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, milliseconds);
    // An aborted request needs no answer: stop waiting so nothing is kept alive.
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

function failureResponse(failure: MockFailure): Response {
  const code = failure.code ?? 'internal';
  const status = failure.status ?? ERROR_STATUS[code];
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (failure.retryAfterSeconds !== undefined) headers['Retry-After'] = String(failure.retryAfterSeconds);
  const body = { error: { code, message: `The mock answered ${status} ${code} (scenario)` } };
  return new Response(JSON.stringify(body), { status, headers });
}

/**
 * A real fetch errors the body of an aborted request; an in-process answer would keep streaming (an event
 * stream forever), so the body is cut off when the caller aborts.
 */
function abortableBody(response: Response, signal: AbortSignal): Response {
  const source = response.body;
  if (!source) return response;
  const reader = source.getReader();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      signal.addEventListener(
        'abort',
        () => {
          controller.error(signal.reason);
          void reader.cancel(signal.reason).catch(() => {});
        },
        { once: true },
      );
    },
    async pull(controller) {
      const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (signal.aborted) return;
      if (chunk.done) controller.close();
      else controller.enqueue(chunk.value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  return new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

/**
 * A `fetch` that hands every request below `baseUrl` to `app` (the real server rules) in the same process,
 * applying the scenario (latency, offline, server errors) on the way. Offline and requests outside `baseUrl`
 * reject with a `TypeError`, as a real fetch does when the network fails.
 */
export function createMockFetch(options: MockFetchOptions): MockFetch {
  const base = new URL(options.baseUrl.replace(/\/+$/, ''), LOCAL_ORIGIN);
  const basePath = base.pathname.replace(/\/+$/, '');
  // A path as the base (`/confide-api`) is served on whatever origin the page has.
  const anyOrigin = !/^[a-z][a-z0-9+.-]*:/i.test(options.baseUrl);
  return async (input, init) => {
    const request = new Request(input instanceof URL ? input.href : input, init);
    const url = new URL(request.url, LOCAL_ORIGIN);
    const inside =
      (anyOrigin || url.origin === base.origin) &&
      (url.pathname === basePath || url.pathname.startsWith(`${basePath}/`));
    if (!inside) throw new TypeError(`Failed to fetch: ${url.origin}${url.pathname} is not mocked`);
    await options.ready;
    const path = url.pathname.slice(basePath.length) || '/';
    const scenario = options.scenario();
    await wait(scenario.latencyMs ?? 0, request.signal);
    request.signal.throwIfAborted();
    if (scenario.offline) throw new TypeError('Failed to fetch (the mock is offline)');
    const routeName = matchRoute(request.method, path);
    const failure = routeName === undefined ? undefined : scenario.failures?.[routeName];
    if (failure) return failureResponse(failure);
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
    const forwarded = new Request(new URL(`${path}${url.search}`, url.origin), {
      method: request.method,
      headers: request.headers,
      signal: request.signal,
      ...(hasBody ? { body: await request.arrayBuffer() } : {}),
    });
    const response = await options.app.fetch(forwarded);
    if (request.signal.aborted) {
      // A real fetch aborted before its answer arrived rejects and never hands over a body.
      await response.body?.cancel(request.signal.reason).catch(() => {});
      request.signal.throwIfAborted();
    }
    // A tus upload's `Location` is relative to its creation URL, so it needs no base path put back.
    return abortableBody(response, request.signal);
  };
}
