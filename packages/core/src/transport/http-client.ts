import { buildPath, type RouteName, type RouteResponse, routes } from '@confide/protocol';
import ky, { isHTTPError, isNetworkError, isTimeoutError } from 'ky';
import { ConfideError, type ConfideErrorContext, toConfideError } from '../errors/confide-error.js';
import { errorFromResponse } from './http-error.js';
import type { RequestOptions } from './transport.js';

/** Why the transport asks for a token: the first call, or because the server refused the last one (401). */
export type TokenReason = 'initial' | 'unauthenticated';

/** Returns a bearer token for the next request; asked on every call, never stored by the SDK. */
export type GetToken = (context: { readonly reason: TokenReason }) => string | Promise<string>;

/** What the route caller needs. */
export interface HttpClientOptions {
  /** Where the API lives; route paths are appended. */
  readonly baseUrl: string;
  /** Returns the bearer token for a request. */
  readonly getToken: GetToken;
  /** The fetch to use. @default globalThis.fetch */
  readonly fetch?: typeof globalThis.fetch;
  /** Timeout of a request in milliseconds. @default 15000 */
  readonly timeoutMs?: number;
}

/** The parts of one call: path parameters, query and JSON body. */
export interface RouteCall {
  /** Values for the path's `:name` placeholders. */
  readonly params?: Readonly<Record<string, string>>;
  /** The query string's values; empty and non-scalar ones are left out. */
  readonly query?: Readonly<Record<string, unknown>>;
  /** The JSON body. */
  readonly body?: unknown;
  /** Ids to attach to an error. */
  readonly context?: ConfideErrorContext;
}

/** Request timeout: long enough for a slow mobile link, short enough that a dead one surfaces. */
export const HTTP_TIMEOUT_MS = 15_000;

function toSearchParams(query: RouteCall['query']): Record<string, string> {
  const searchParams: Record<string, string> = {};
  for (const [key, value] of Object.entries(query ?? {})) {
    if (typeof value === 'string' ? value !== '' : typeof value === 'number' || typeof value === 'boolean') {
      searchParams[key] = String(value);
    }
  }
  return searchParams;
}

async function readJson(response: Response, context?: ConfideErrorContext): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new ConfideError('invalid_response', 'The server answered with something other than JSON', {
      cause,
      status: response.status,
      ...(context === undefined ? {} : { context }),
    });
  }
}

function toHttpConfideError(error: unknown, context?: ConfideErrorContext): ConfideError {
  const withContext = context === undefined ? {} : { context };
  if (isHTTPError(error)) return errorFromResponse(error.response, error.data, context);
  if (isTimeoutError(error))
    return new ConfideError('timeout', 'The server did not answer in time', { cause: error, ...withContext });
  if (isNetworkError(error))
    return new ConfideError('network', 'The network request failed', { cause: error, ...withContext });
  return toConfideError(error, context);
}

/**
 * Calls routes of the protocol's table over HTTP with ky: paths, methods and response schemas all come from
 * `routes`. Adds the bearer token, asks for a new token and retries once on 401, and turns every failure or
 * malformed answer into a `ConfideError`. It makes no other retries: queries retry in their options and sends
 * in the outbox, so a retry here would multiply theirs.
 */
export function createHttpClient(options: HttpClientOptions) {
  const api = ky.create({
    // An empty base means this origin's root, not a path relative to the current page.
    prefix: options.baseUrl || '/',
    timeout: options.timeoutMs ?? HTTP_TIMEOUT_MS,
    // Resolved per call so that test interceptors and polyfills installed after creation still apply.
    fetch: (input, init) => (options.fetch ?? globalThis.fetch)(input, init),
  });

  async function tokenFor(reason: TokenReason): Promise<string> {
    try {
      return await options.getToken({ reason });
    } catch (cause) {
      throw new ConfideError('unauthenticated', 'No token is available for this request', {
        cause,
        retryable: false,
      });
    }
  }

  async function attempt(name: RouteName, call: RouteCall, token: string, signal?: AbortSignal) {
    const route = routes[name];
    const path = buildPath(route.path, call.params).slice(1);
    const response = await api(path, {
      method: route.method,
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      searchParams: toSearchParams(call.query),
      ...(call.body === undefined ? {} : { json: call.body }),
      ...(signal ? { signal } : {}),
      retry: 0,
    });
    return readJson(response, call.context);
  }

  /** Calls one route and returns its answer parsed with the route's response schema. */
  async function request<Name extends RouteName>(
    name: Name,
    call: RouteCall,
    requestOptions: RequestOptions = {},
  ): Promise<RouteResponse<Name>> {
    let json: unknown;
    try {
      try {
        json = await attempt(name, call, await tokenFor('initial'), requestOptions.signal);
      } catch (error) {
        if (!(isHTTPError(error) && error.response.status === 401)) throw error;
        json = await attempt(name, call, await tokenFor('unauthenticated'), requestOptions.signal);
      }
    } catch (error) {
      throw toHttpConfideError(error, call.context);
    }
    const parsed = routes[name].response.safeParse(json);
    if (!parsed.success) {
      throw new ConfideError('invalid_response', `The answer to ${name} does not match the protocol`, {
        cause: parsed.error,
        ...(call.context === undefined ? {} : { context: call.context }),
      });
    }
    // The table types each route's schema as a union; the route name picks the one that just parsed.
    return parsed.data as RouteResponse<Name>;
  }

  return { request };
}

/** The route caller `createHttpClient` returns. */
export type HttpClient = ReturnType<typeof createHttpClient>;
