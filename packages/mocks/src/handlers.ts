import { HttpResponse, http } from 'msw';
import { createMockFetch, type MockFetch, type MockFetchOptions } from './mock-fetch.js';

/** Options of `createConfideHandlers`: those of `createMockFetch`. */
export type ConfideHandlersOptions = MockFetchOptions;

/** MSW handlers that answer every request below `baseUrl` with `fetch` (the mock's in-process fetch). */
export function handlersFor(baseUrl: string, fetch: MockFetch) {
  return [
    http.all(`${baseUrl.replace(/\/+$/, '')}/*`, async ({ request }) => {
      try {
        return await fetch(request);
      } catch (error) {
        // The in-process fetch fails the way a network does; MSW's way to say so is a network error answer.
        if (error instanceof TypeError) return HttpResponse.error();
        throw error;
      }
    }),
  ];
}

/**
 * MSW handlers that hand every request below `baseUrl` to `app` (the real server rules), applying the scenario
 * (latency, offline, server errors) on the way. The event stream passes through as it is.
 */
export function createConfideHandlers(options: ConfideHandlersOptions) {
  return handlersFor(options.baseUrl, createMockFetch(options));
}
