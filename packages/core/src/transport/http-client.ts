import { buildPath, type RouteName, type RouteResponse, routes } from '@confide/protocol';
import ky, { isHTTPError } from 'ky';
import { ConfideError, type ConfideErrorContext, toConfideError } from '../errors/confide-error.js';
import { errorFromResponse } from './http-error.js';
import type { HttpTransportOptions } from './http-transport.js';
import type { RequestOptions } from './transport.js';
import { parseAnswer } from './validated-transport.js';

/** Why the transport asks for a token: the first call, or because the server refused the last one (401). */
export type TokenReason = 'initial' | 'unauthenticated';

/**
 * Returns a bearer token for the next request; asked on every call, never stored by the SDK. Throwing, rejecting or
 * answering `''` means there is none: the call fails with `unauthenticated` without asking the server, retryable
 * only when `getToken` failed for a reason that may pass (a network failure or timeout of its own, or a retryable
 * `ConfideError`).
 */
export type GetToken = (context: { readonly reason: TokenReason }) => string | Promise<string>;

/** The parts of one call: path parameters, query (only non-empty scalars are sent), JSON body, ids for errors. */
export interface RouteCall {
  readonly params?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, unknown>>;
  readonly body?: unknown;
  readonly context?: ConfideErrorContext;
}

/** Request timeout: long enough for a slow mobile link, short enough that a dead one surfaces. */
const HTTP_TIMEOUT_MS = 15_000;
const SCALAR = new Set(['string', 'number', 'boolean']);

/** A token from `getToken`, or the `unauthenticated` error that `GetToken` describes. */
export async function tokenFor(getToken: GetToken, reason: TokenReason): Promise<string> {
  let cause: unknown;
  try {
    const token = await getToken({ reason });
    if (token) return token;
  } catch (error) {
    cause = error;
  }
  // The host's own request for a token failing on the network is a network failure, retried as one would be.
  const retryable = cause !== undefined && toConfideError(cause).retryable;
  throw new ConfideError('unauthenticated', 'No token is available for this request', { cause, retryable });
}

/**
 * Calls routes of the protocol's table over HTTP with ky: paths, methods and response schemas all come from
 * `routes`. Adds the bearer token, asks for a new token and retries once on 401, and turns every failure or
 * malformed answer into a `ConfideError`. It makes no other retries: queries retry in their options and sends
 * in the outbox, so a retry here would multiply theirs.
 */
/** The requests of one `httpTransport`, as the event stream watches them. */
export type HttpClient = ReturnType<typeof createHttpClient>;

export function createHttpClient(
  options: Pick<HttpTransportOptions, 'baseUrl' | 'getToken' | 'fetch' | 'timeoutMs'>,
) {
  const api = ky.create({
    // An empty base means this origin's root, not a path relative to the current page.
    prefix: options.baseUrl || '/',
    timeout: options.timeoutMs ?? HTTP_TIMEOUT_MS,
    retry: 0,
    // Resolved per call so that test interceptors and polyfills installed after creation still apply.
    fetch: (input, init) => (options.fetch ?? globalThis.fetch)(input, init),
  });

  let started = 0;
  const successes = new Set<(startedAt: number) => void>();

  async function attempt(name: RouteName, call: RouteCall, token: string, signal?: AbortSignal) {
    const route = routes[name];
    const response = await api(buildPath(route.path, call.params).slice(1), {
      method: route.method,
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      searchParams: Object.fromEntries(
        Object.entries(call.query ?? {}).filter(([, value]) => value !== '' && SCALAR.has(typeof value)),
      ) as Record<string, string | number | boolean>,
      ...(call.body === undefined ? {} : { json: call.body }),
      ...(signal ? { signal } : {}),
    });
    return response.json().catch((cause: unknown) => {
      throw new ConfideError('invalid_response', 'The server answered with something other than JSON', {
        cause,
        status: response.status,
        context: call.context,
      });
    });
  }

  /** Calls one route and returns its answer parsed with the route's response schema. */
  async function request<Name extends RouteName>(
    name: Name,
    call: RouteCall,
    { signal }: RequestOptions = {},
  ): Promise<RouteResponse<Name>> {
    started += 1;
    const startedAt = started;
    let json: unknown;
    try {
      try {
        json = await attempt(name, call, await tokenFor(options.getToken, 'initial'), signal);
      } catch (error) {
        if (!(isHTTPError(error) && error.response.status === 401)) throw error;
        json = await attempt(name, call, await tokenFor(options.getToken, 'unauthenticated'), signal);
      }
    } catch (error) {
      throw isHTTPError(error)
        ? errorFromResponse(error.response, error.data, call.context)
        : toConfideError(error, call.context);
    }
    // The table types each route's schema as a union; the route name picks the one that just parsed.
    const answer = parseAnswer(name, routes[name].response, json, call.context) as RouteResponse<Name>;
    for (const listener of [...successes]) listener(startedAt);
    return answer;
  }

  return {
    request,
    /** How many requests have begun; each request's number is the count when it began. */
    started: () => started,
    /** Calls `listener` with the number of each request that the server answered (so its token was good). */
    onSuccess(listener: (startedAt: number) => void): () => void {
      successes.add(listener);
      return () => successes.delete(listener);
    },
  };
}
