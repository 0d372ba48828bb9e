import { routes, type ServerEvent } from '@confide/protocol';
import { createParser } from 'eventsource-parser';
import { ConfideError, toConfideError } from '../errors/confide-error.js';
import { absoluteUrl } from '../lib/absolute-url.js';
import { backoffDelay } from '../lib/backoff.js';
import { type Clock, systemClock, type TimerHandle } from '../lib/clock.js';
import { type HttpClient, type TokenReason, tokenFor } from './http-client.js';
import { errorFromResponse } from './http-error.js';
import type { HttpTransportOptions } from './http-transport.js';
import type { SubscribeOptions, Unsubscribe } from './transport.js';
import { deliverEvent } from './validated-transport.js';

/** First reconnect delay after the stream drops, in milliseconds (doubles per failed attempt, with jitter). */
export const RECONNECT_BASE_DELAY_MS = 1_000;
/** Longest wait between reconnect attempts, in milliseconds: a laptop waking up should not wait minutes. */
export const RECONNECT_MAX_DELAY_MS = 30_000;
/**
 * A connection that delivers nothing, not even a comment line, for this long is presumed dead (a network that
 * vanished without closing the socket) and is reopened, in milliseconds. Servers should send a comment well
 * within it (the reference server: every 15 s by default).
 */
export const HEARTBEAT_TIMEOUT_MS = 90_000;

/** What `openEventStream` needs. */
export interface EventStreamOptions
  extends SubscribeOptions,
    Pick<HttpTransportOptions, 'baseUrl' | 'getToken' | 'fetch'> {
  /** Called with each parsed event. */
  readonly onEvent: (event: ServerEvent) => void;
  /** Timers for the reconnect delays. @default the system clock */
  readonly clock?: Clock;
  /** First reconnect delay in milliseconds. @default 1000 */
  readonly baseDelayMs?: number;
  /** Longest reconnect delay in milliseconds. @default 30000 */
  readonly maxDelayMs?: number;
  /** Silence after which the connection is reopened, in milliseconds; 0 turns it off. @default 90000 */
  readonly heartbeatTimeoutMs?: number;
  /**
   * The transport's other requests: when one begun after the stream failed succeeds, the server is reachable and
   * takes the token. A stream waiting out its backoff then reconnects at once, and one closed for want of a valid
   * token (a 401 after a fresh token, a `getToken` that failed for good twice) reopens.
   */
  readonly requests?: Pick<HttpClient, 'started' | 'onSuccess'>;
}

/**
 * Client errors that a later attempt may pass: a token to refresh (401, once), a request timeout (408), a resume
 * point to drop (410), too early (425) and rate limits (429). Every other 4xx (a bad `Last-Event-ID`, a deactivated
 * portal, a route that is not there, a method or type the server does not take) will never succeed: the stream
 * stops and reports the error instead of asking again every 30 s.
 */
const MAY_SUCCEED_LATER: ReadonlySet<number> = new Set([401, 408, 410, 425, 429]);

/** Whether the server asked the stream to keep away for a while: a rate limit, or any answer with `Retry-After`. */
export function serverAskedToWait(error: ConfideError): boolean {
  return error.code === 'rate_limited' || error.retryAfterSeconds !== undefined;
}

function neverSucceeds(status: number): boolean {
  return status >= 400 && status < 500 && !MAY_SUCCEED_LATER.has(status);
}

/** Whether a `Content-Type` names an event stream, whatever its case and parameters. */
function isEventStream(contentType: string | null): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'text/event-stream';
}

/**
 * `Transport.subscribe` over fetch streaming (which errors reconnect and which close: see there). Reconnects use
 * backoff with jitter and `Last-Event-ID`; events are parsed by `eventsource-parser`, then with the protocol's
 * schema (a malformed one is reported through `onError` and skipped).
 */
export function openEventStream(options: EventStreamOptions): Unsubscribe {
  const clock = options.clock ?? systemClock;
  const controller = new AbortController();
  const url = absoluteUrl(options.baseUrl, routes.events.path);
  let lastEventId: string | undefined;
  let serverRetryMs: number | undefined;
  let tokenReason: TokenReason = 'initial';
  let tokenFailed = false;
  let attempts = 0;
  let refusal: ConfideError | undefined;

  const stop = () => controller.abort();
  options.signal?.addEventListener('abort', stop, { once: true });

  async function connectOnce(): Promise<void> {
    // One controller per connection, so a silent connection can be dropped without stopping the stream.
    const connection = new AbortController();
    const dropConnection = () => connection.abort();
    controller.signal.addEventListener('abort', dropConnection, { once: true });
    const heartbeatMs = options.heartbeatTimeoutMs ?? HEARTBEAT_TIMEOUT_MS;
    const quiet = new ConfideError('timeout', 'The event stream went quiet', { retryable: true });
    let idleTimer: TimerHandle | undefined;
    const armIdleTimer = () => {
      if (heartbeatMs <= 0) return;
      if (idleTimer !== undefined) clock.clearTimeout(idleTimer);
      idleTimer = clock.setTimeout(() => connection.abort(quiet), heartbeatMs);
    };
    try {
      armIdleTimer();
      await readStream(connection.signal, armIdleTimer);
    } catch (error) {
      if (connection.signal.reason !== quiet) throw error;
    } finally {
      if (idleTimer !== undefined) clock.clearTimeout(idleTimer);
      controller.signal.removeEventListener('abort', dropConnection);
    }
    if (connection.signal.reason === quiet) throw quiet;
  }

  async function readStream(signal: AbortSignal, onActivity: () => void): Promise<void> {
    const token = await tokenFor(options.getToken, tokenReason).catch((error: ConfideError) => {
      // A getToken that failed for good is, like a 401, worth one more try after the backoff (the host's auth
      // backend may have blipped); twice in a row, it will not pass. A passing failure backs off like a network one.
      if (!error.retryable) {
        if (tokenFailed) refusal = error;
        tokenFailed = true;
      }
      throw error;
    });
    tokenFailed = false;
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'text/event-stream' };
    if (lastEventId !== undefined) headers['last-event-id'] = lastEventId;
    const resumable = lastEventId !== undefined;
    const reconnect = attempts > 0;
    attempts += 1;
    const response = await (options.fetch ?? globalThis.fetch)(url, { headers, signal });
    if (!response.ok) {
      const refreshed = tokenReason === 'unauthenticated';
      tokenReason = response.status === 401 ? 'unauthenticated' : 'initial';
      const error = errorFromResponse(response, await response.json().catch(() => undefined));
      // The resume point is older than the server keeps events (or unknown to it): reconnect without it, which
      // makes the client refetch what it shows (`onResync`) instead of asking for the same id forever.
      if (response.status === 410) lastEventId = undefined;
      // A 401 is worth one more try with a fresh token; a second one, or a refusal, will never succeed.
      if (response.status === 401 ? refreshed : neverSucceeds(response.status)) refusal = error;
      throw error;
    }
    if (!response.body || !isEventStream(response.headers.get('content-type'))) {
      // A JSON route, a proxy's or a captive portal's page: the same URL will keep answering it, so the stream stops
      // with a typed error the host can show (and a new subscribe, e.g. after signing in to the Wi-Fi, tries again).
      await response.body?.cancel().catch(() => {});
      refusal = new ConfideError('invalid_response', 'The events route did not answer with an event stream', {
        retryable: false,
        status: response.status,
      });
      throw refusal;
    }
    tokenReason = 'initial';
    onActivity();
    options.onStatusChange?.('open');
    // Without a resume point the server cannot replay what happened while the stream was down.
    if (reconnect && !resumable) options.onResync?.();
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    // `retry:` and `id:` take effect as soon as they arrive, also in a block without data (the SSE spec).
    const parser = createParser({
      onEvent: (message) =>
        deliverEvent(() => JSON.parse(message.data), options.onEvent, options.onError, message.id),
      onId: (id) => {
        lastEventId = id;
      },
      onRetry: (retryMs) => {
        serverRetryMs = retryMs;
      },
    });
    // Not every fetch (polyfills, interceptors) errors an open body when its signal aborts: cancel it ourselves
    // so that unsubscribing always closes the connection.
    const cancel = () => void reader.cancel().catch(() => {});
    signal.addEventListener('abort', cancel, { once: true });
    if (signal.aborted) cancel();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        onActivity();
        parser.feed(value);
      }
    } finally {
      signal.removeEventListener('abort', cancel);
      reader.releaseLock();
    }
  }

  /** Why a wait may end early: a request of the same transport got through, or the host saw the way open again. */
  type Wake = 'request' | 'reachable';
  /** The wait in progress and what may end it early; one at a time, so many wake-ups at once open one stream. */
  let waiting: { readonly endsOn: readonly Wake[]; readonly end: () => void } | undefined;
  /** The transport's request count when the stream last failed: a request begun after it that succeeds got through. */
  let failedAt = 0;

  /** Resolves after `delayMs` (never when undefined), when the stream stops, or on a wake-up in `endsOn`. */
  function wait(delayMs: number | undefined, endsOn: readonly Wake[]): Promise<void> {
    return new Promise((resolve) => {
      const end = () => {
        if (timer !== undefined) clock.clearTimeout(timer);
        controller.signal.removeEventListener('abort', end);
        waiting = undefined;
        resolve();
      };
      const timer = delayMs === undefined ? undefined : clock.setTimeout(end, delayMs);
      controller.signal.addEventListener('abort', end, { once: true });
      waiting = { endsOn, end };
    });
  }
  const wakeUp = (reason: Wake) => {
    if (waiting?.endsOn.includes(reason)) waiting.end();
  };
  const stopListening = [
    options.requests?.onSuccess((startedAt) => {
      if (startedAt > failedAt) wakeUp('request');
    }),
    options.reconnectTriggers?.(() => wakeUp('reachable')),
  ];
  function finish() {
    for (const stopOne of stopListening) stopOne?.();
    options.signal?.removeEventListener('abort', stop);
  }

  async function run() {
    let failures = 0;
    options.onStatusChange?.('connecting');
    while (!controller.signal.aborted) {
      let dropError: ConfideError | undefined;
      try {
        await connectOnce();
        failures = 0;
      } catch (error) {
        dropError = toConfideError(error);
        failures += 1;
        failedAt = options.requests?.started() ?? 0;
      }
      if (controller.signal.aborted) break;
      if (refusal) {
        options.onStatusChange?.('closed', refusal);
        // Closed for want of a valid token: a request begun after now that gets through shows the host has a good
        // token again (the person signed in again), and the stream reopens, resuming or resyncing.
        if (refusal.code !== 'unauthenticated' || !options.requests) return finish();
        await wait(undefined, ['request']);
        if (controller.signal.aborted) return finish();
        refusal = undefined;
        tokenReason = 'initial';
        tokenFailed = false;
        failures = 0;
        options.onStatusChange?.('connecting');
        continue;
      }
      options.onStatusChange?.('reconnecting', dropError);
      // A stream the server closed cleanly is reopened after the base delay; failures back off exponentially.
      const baseDelayMs = serverRetryMs ?? options.baseDelayMs ?? RECONNECT_BASE_DELAY_MS;
      const maxDelayMs = options.maxDelayMs ?? RECONNECT_MAX_DELAY_MS;
      const backoff = failures === 0 ? baseDelayMs : backoffDelay(failures, { baseDelayMs, maxDelayMs });
      // A server that says when to come back (429, 503 with `Retry-After`) is believed over our own backoff.
      const delay = Math.max(backoff, (dropError?.retryAfterSeconds ?? 0) * 1_000);
      // Our own backoff ends as soon as the way looks open again (a request got through, the device came online,
      // the page became visible), so live updates do not stay away for up to 30 s after the server is back. A
      // wait the server asked for (a rate limit, `Retry-After`) is about this client, not the way, and is kept.
      await wait(delay, dropError && !serverAskedToWait(dropError) ? ['request', 'reachable'] : []);
    }
    options.onStatusChange?.('closed', refusal);
    finish();
  }

  void run();
  return stop;
}
