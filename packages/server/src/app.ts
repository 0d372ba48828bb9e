import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { type AttachmentSettings, resolveAttachmentSettings } from './attachments/attachment-settings.js';
import type { BlobStore } from './attachments/blob-store.js';
import { createMemoryBlobStore } from './attachments/memory-blob-store.js';
import type { UploadHandler } from './attachments/upload-handler.js';
import { type AuthOptions, createTokenVerifier } from './auth/token-verifier.js';
import type { DomainContext } from './domain/context.js';
import { ApiError, notFound } from './errors/api-error.js';
import { createEventHub, type EventHub } from './events/event-hub.js';
import type { ConnectionCloser } from './events/event-stream.js';
import { createInProcessNotifier } from './events/in-process-notifier.js';
import type { Notifier } from './events/notifier.js';
import type { ClientAddressReader } from './http/client-address.js';
import { errorResponse } from './http/error-response.js';
import { createRateLimiter, type RateLimiter, type RateLimitRule } from './http/rate-limiter.js';
import { chooseRequestId } from './http/request-id.js';
import { consoleRequestLogger, type RequestLogger } from './http/request-log.js';
import { type Clock, systemClock } from './lib/clock.js';
import { type IdGenerator, randomId } from './lib/ids.js';
import { type AppEnv, registerRoutes } from './routes/register-routes.js';
import type { Store } from './store/store.js';

/** Heartbeat comments on the event stream: well under the 30–60 s idle timeouts of common proxies. */
export const DEFAULT_HEARTBEAT_INTERVAL_MS = 15_000;
/** Sends (new conversations and messages) per identity per minute: generous for people, tight for scripts. */
export const DEFAULT_SEND_RATE_LIMIT: RateLimitRule = { limit: 60, windowMs: 60_000 };
/**
 * Dev tokens per caller address (an IPv6 caller's /64) per minute, whatever e-mail addresses they ask for: a
 * developer's two demo apps and an end-to-end run on one machine share the loopback address.
 */
export const DEFAULT_DEV_TOKEN_RATE_LIMIT: RateLimitRule = { limit: 300, windowMs: 60_000 };

/** Options of `createApp`. */
export interface CreateAppOptions {
  /** Where everything is stored. */
  readonly store: Store;
  /** Wakes event subscribers after commits; share one across processes for fan-out. @default in-process */
  readonly notifier?: Notifier | undefined;
  /** How host tokens are verified. */
  readonly auth: AuthOptions;
  /** @default the system clock */
  readonly clock?: Clock | undefined;
  /** @default random ids */
  readonly createId?: IdGenerator | undefined;
  /** Enables `POST /v1/dev/token` and `GET /dev/mail` (needs `auth.secret`). @default false */
  readonly dev?: boolean | undefined;
  /**
   * Whether something delivers the outbox (`startServer` runs the outbox worker when `SMTP_URL` is set). The dev
   * mail page says what becomes of waiting mail: sent, or kept there only. @default false
   */
  readonly deliversMail?: boolean | undefined;
  /** The client portal's URL, the only link client e-mails carry. */
  readonly portalUrl: string;
  /** The firm app's URL, the link of member e-mails. */
  readonly firmAppUrl: string;
  /** Origins allowed to call the API from a browser. @default [] */
  readonly allowedOrigins?: readonly string[] | undefined;
  /**
   * The caller's network address, for limits a caller must not escape by changing what they post (dev tokens).
   * `startServer` reads the socket's peer. Behind a reverse proxy, read it from a header only that proxy sets,
   * never from one the caller can send. @default none: every caller shares one dev-token allowance
   */
  readonly clientAddress?: ClientAddressReader | undefined;
  /** Per-identity limits. */
  readonly rateLimits?: { readonly sends?: RateLimitRule; readonly devTokens?: RateLimitRule } | undefined;
  /**
   * The send limiter, when processes share one (`createPostgresRateLimiter` from `@confide/server/node`);
   * `rateLimits.sends` is then ignored. @default one in memory, per process
   */
  readonly sendLimiter?: RateLimiter | undefined;
  /** One line per request; `false` for none. @default JSON lines on the console */
  readonly logger?: RequestLogger | false | undefined;
  /** Receives unexpected errors (answered with 500). @default console.error of the error */
  readonly onUnexpectedError?: ((error: unknown, requestId: string) => void) | undefined;
  /** @default 15000 */
  readonly heartbeatIntervalMs?: number | undefined;
  /** When aborted, open event streams end so a graceful shutdown can finish. */
  readonly shutdownSignal?: AbortSignal | undefined;
  /**
   * The process's event reader, to set its limits (streams per person, backlog of a slow reader) or watch its
   * counts; `notifier`, `clock` and `eventRetentionMs` are then the hub's own.
   * @default `createEventHub` over `store` and `notifier` with the default limits
   */
  readonly eventHub?: EventHub | undefined;
  /**
   * Ends a request's connection at once (`startServer` destroys the socket): used for an event stream whose
   * reader stopped reading, whose last bytes would otherwise wait for that reader.
   * @default none: such a stream's body ends, and its connection closes once the client reads again
   */
  readonly closeConnection?: ConnectionCloser | undefined;
  /**
   * How long events stay stored for streams resuming with `Last-Event-ID`; older resumes get `events_expired`.
   * @default 86400000 (one day)
   */
  readonly eventRetentionMs?: number | undefined;
  /** Files. Without `uploads` nothing can be uploaded; the Node entry's `startServer` sets everything up. */
  readonly attachments?:
    | {
        /** Where file bytes live. @default in memory */
        readonly blobStore?: BlobStore | undefined;
        /** Serves tus uploads (Node: `createTusUploadHandler`). */
        readonly uploads?: UploadHandler | undefined;
        /** Limits and the allow-list; the upload handler must be built with the same ones. */
        readonly settings?: AttachmentSettings | undefined;
      }
    | undefined;
}

// tus sends and reads these headers on every upload request; a browser must be allowed both ways.
const TUS_REQUEST_HEADERS = [
  'Tus-Resumable',
  'Upload-Length',
  'Upload-Metadata',
  'Upload-Offset',
  'Upload-Defer-Length',
  'Upload-Concat',
];
const TUS_RESPONSE_HEADERS = [
  'Location',
  'Tus-Resumable',
  'Tus-Version',
  'Tus-Max-Size',
  'Tus-Extension',
  'Upload-Offset',
  'Upload-Length',
  'Upload-Metadata',
  'Upload-Expires',
];

/**
 * Creates the Confide server as a Hono app: wire protocol v1 from the protocol's route table, over any `Store`.
 * It runs wherever `fetch` does (Node, workers, a browser inside MSW); serve it with `app.fetch`.
 */
export function createApp(options: CreateAppOptions): Hono<AppEnv> {
  if (options.dev && options.auth.secret === undefined)
    throw new TypeError('dev mode needs auth.secret to sign tokens');
  const clock = options.clock ?? systemClock;
  const createId = options.createId ?? randomId;
  const notifier = options.notifier ?? createInProcessNotifier();
  const logger = options.logger === false ? undefined : (options.logger ?? consoleRequestLogger);
  const onUnexpectedError =
    options.onUnexpectedError ??
    ((error: unknown, requestId: string) => console.error('confide-server', requestId, error));
  const allowedOrigins = new Set(options.allowedOrigins ?? []);
  const services = {
    verifyToken: createTokenVerifier(options.auth),
    auth: options.auth,
    dev: options.dev === true,
    deliversMail: options.deliversMail === true,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? DEFAULT_HEARTBEAT_INTERVAL_MS,
    shutdownSignal: options.shutdownSignal,
    sendLimiter:
      options.sendLimiter ?? createRateLimiter(options.rateLimits?.sends ?? DEFAULT_SEND_RATE_LIMIT, clock),
    clientAddress: options.clientAddress ?? (() => undefined),
    devTokenLimiter: createRateLimiter(options.rateLimits?.devTokens ?? DEFAULT_DEV_TOKEN_RATE_LIMIT, clock),
    eventHub:
      options.eventHub ??
      createEventHub({
        store: options.store,
        notifier,
        clock,
        retentionMs: options.eventRetentionMs,
        onError: (error) => onUnexpectedError(error, 'event-hub'),
      }),
    closeConnection: options.closeConnection,
    attachments: {
      settings: options.attachments?.settings ?? resolveAttachmentSettings(),
      blobStore: options.attachments?.blobStore ?? createMemoryBlobStore(),
      uploads: options.attachments?.uploads,
    },
  };
  const createContext = (requestId: string): DomainContext => ({
    store: options.store,
    notifier,
    clock,
    createId,
    portalUrl: options.portalUrl,
    firmAppUrl: options.firmAppUrl,
    requestId,
  });

  const app = new Hono<AppEnv>();
  app.use('*', async (hono, next) => {
    const startedAt = performance.now();
    const requestId = chooseRequestId(hono.req.raw, createId);
    hono.set('requestId', requestId);
    await next();
    hono.res.headers.set('X-Request-Id', requestId);
    const path = new URL(hono.req.url).pathname;
    const durationMs = Math.round(performance.now() - startedAt);
    logger?.({ requestId, method: hono.req.method, path, status: hono.res.status, durationMs });
  });
  app.use(
    '*',
    cors({
      origin: (origin) => (allowedOrigins.has(origin) ? origin : null),
      allowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'PATCH'],
      allowHeaders: [
        'Authorization',
        'Content-Type',
        'Last-Event-ID',
        'X-Request-Id',
        ...TUS_REQUEST_HEADERS,
      ],
      exposeHeaders: ['X-Request-Id', 'Retry-After', ...TUS_RESPONSE_HEADERS],
      maxAge: 600,
    }),
  );
  registerRoutes(app, services, createContext);
  app.notFound(() => errorResponse(notFound('Route')));
  app.onError((error, hono) => {
    if (ApiError.is(error)) return errorResponse(error);
    onUnexpectedError(error, hono.get('requestId'));
    return errorResponse(new ApiError('internal', 'Something went wrong on the server'));
  });
  return app;
}
