import { type SetupWorker, setupWorker } from 'msw/browser';
import { createMockServer, type MockServer, type MockServerOptions } from './create-mock-server.js';

/** The browser entry's default base URL: a path on the page's origin. */
export const BROWSER_MOCK_BASE_URL = '/confide-api';

/** Options of `setupConfideWorker`. */
export interface ConfideWorkerOptions extends MockServerOptions {
  /** Extra MSW handlers, tried before Confide's (the host app's own API, say). */
  readonly handlers?: Parameters<typeof setupWorker>;
}

/** A mock server wired into a service worker. Call `worker.start()` before the app's first request. */
export interface ConfideWorker {
  readonly mock: MockServer;
  readonly worker: SetupWorker;
}

/**
 * Mocks the Confide API in a browser with MSW's service worker (serve `mockServiceWorker.js` from `msw init`).
 * The default base URL is `/confide-api` on the page's own origin, so no CORS is involved.
 *
 * @example
 * const { mock, worker } = setupConfideWorker();
 * await worker.start({ onUnhandledFrame: 'bypass' });
 * const transport = httpTransport({ baseUrl: mock.baseUrl, getToken: mock.getToken(DEMO_EMAILS.daniel) });
 */
export function setupConfideWorker(options: ConfideWorkerOptions = {}): ConfideWorker {
  const { handlers = [], ...serverOptions } = options;
  const mock = createMockServer({ baseUrl: BROWSER_MOCK_BASE_URL, ...serverOptions });
  return { mock, worker: setupWorker(...handlers, ...mock.handlers) };
}
