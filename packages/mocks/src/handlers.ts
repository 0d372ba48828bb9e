import { ERROR_STATUS } from '@confide/protocol';
import { HttpResponse, http } from 'msw';
import type { MockFailure, MockScenario } from './scenario/mock-scenario.js';
import { matchRoute } from './scenario/route-matcher.js';

/** Anything that answers fetch requests: the server's Hono app, typically. */
export interface FetchApp {
  fetch(request: Request): Response | Promise<Response>;
}

/** Options of `createConfideHandlers`. */
export interface ConfideHandlersOptions {
  /** Where the API is mocked: an absolute URL, or a path on the page's origin in a browser (`/confide-api`). */
  readonly baseUrl: string;
  /** The app that answers; requests reach it with the base path removed (`/v1/me`). */
  readonly app: FetchApp;
  /** The scenario in force, read on every request so it can change while the mock runs. */
  readonly scenario: () => MockScenario;
  /** Resolves once the app's data is in place; requests wait for it. */
  readonly ready?: Promise<unknown>;
}

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

function basePathOf(baseUrl: string, origin: string): string {
  return new URL(baseUrl, origin).pathname.replace(/\/+$/, '');
}

async function forward(request: Request, path: string, search: string, origin: string): Promise<Request> {
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  return new Request(new URL(`${path}${search}`, origin), {
    method: request.method,
    headers: request.headers,
    signal: request.signal,
    ...(hasBody ? { body: await request.arrayBuffer() } : {}),
  });
}

function failureResponse(failure: MockFailure): Response {
  const code = failure.code ?? 'internal';
  const status = failure.status ?? ERROR_STATUS[code];
  const headers: Record<string, string> = {};
  if (failure.retryAfterSeconds !== undefined) headers['Retry-After'] = String(failure.retryAfterSeconds);
  return HttpResponse.json(
    { error: { code, message: `The mock answered ${status} ${code} (scenario)` } },
    { status, headers },
  );
}

/**
 * MSW handlers that hand every request below `baseUrl` to `app` (the real server rules), applying the scenario
 * (latency, offline, server errors) on the way. The event stream passes through as it is.
 */
export function createConfideHandlers(options: ConfideHandlersOptions) {
  const base = options.baseUrl.replace(/\/+$/, '');
  return [
    http.all(`${base}/*`, async ({ request }) => {
      await options.ready;
      const url = new URL(request.url);
      const path = url.pathname.slice(basePathOf(base, url.origin).length) || '/';
      const scenario = options.scenario();
      await wait(scenario.latencyMs ?? 0, request.signal);
      if (scenario.offline) return HttpResponse.error();
      const routeName = matchRoute(request.method, path);
      const failure = routeName === undefined ? undefined : scenario.failures?.[routeName];
      if (failure) return failureResponse(failure);
      return options.app.fetch(await forward(request, path, url.search, url.origin));
    }),
  ];
}
