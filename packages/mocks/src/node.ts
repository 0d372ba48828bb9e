import { type SetupServer, setupServer } from 'msw/node';
import { createMockServer, type MockServer, type MockServerOptions } from './create-mock-server.js';

/** Options of `setupConfideServer`. */
export interface ConfideServerOptions extends MockServerOptions {
  /** Extra MSW handlers, tried before Confide's. */
  readonly handlers?: Parameters<typeof setupServer>;
}

/** A mock server wired into MSW's Node interceptor. Call `server.listen()` in `beforeAll`. */
export interface ConfideNodeServer {
  readonly mock: MockServer;
  readonly server: SetupServer;
}

/**
 * Mocks the Confide API in Node (test runners, SSR) with MSW's request interception.
 *
 * @example
 * const { mock, server } = setupConfideServer();
 * beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
 * afterAll(() => server.close());
 */
export function setupConfideServer(options: ConfideServerOptions = {}): ConfideNodeServer {
  const { handlers = [], ...serverOptions } = options;
  const mock = createMockServer(serverOptions);
  return { mock, server: setupServer(...handlers, ...mock.handlers) };
}
