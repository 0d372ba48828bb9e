import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createApp, DEFAULT_DEV_TOKEN_RATE_LIMIT, DEFAULT_SEND_RATE_LIMIT } from '../app.js';
import { createEventHub } from '../events/event-hub.js';
import { createInProcessNotifier } from '../events/in-process-notifier.js';
import type { Notifier } from '../events/notifier.js';
import { consoleRequestLogger, type RequestLogger, serverErrorRequestLogger } from '../http/request-log.js';
import { systemClock } from '../lib/clock.js';
import { randomId } from '../lib/ids.js';
import { seedDemo } from '../seed/demo.js';
import { DEMO_IDS } from '../seed/demo-data.js';
import { destroyConnection } from './destroy-connection.js';
import { closeAll, LOOPBACK_HOST, listenHttp } from './listen.js';
import { openAttachments } from './open-attachments.js';
import { createOutboxWorker, type OutboxWorker } from './outbox-worker.js';
import { openPgliteStore } from './pglite-store.js';
import { createPostgresNotifier } from './postgres-notifier.js';
import { createPostgresRateLimiter } from './postgres-rate-limiter.js';
import { openPostgresStore } from './postgres-store.js';
import type { ServerConfig } from './server-config.js';
import { createSmtpMailer, type SmtpMailer } from './smtp-mailer.js';
import type { SqlStore } from './sql-store-handle.js';

/** A running server. */
export interface RunningServer {
  /** The URL it listens on, with the real port (also when started with port 0). */
  readonly url: string;
  readonly store: SqlStore;
  /**
   * Shuts down gracefully: ends event streams, stops accepting connections and waits for requests in flight,
   * lets the outbox worker finish its batch, then closes the database.
   */
  close(): Promise<void>;
}

/** Where the server's own lines (not request logs) go. @default console.error as JSON */
export type ServerLogger = (
  entry: { readonly level: 'info' | 'warn' | 'error'; readonly event: string } & Record<string, unknown>,
) => void;

const jsonLogger: ServerLogger = (entry) => console.error(JSON.stringify(entry));

function urlOf(host: string, port: number, addresses: readonly string[]): string {
  const wildcard = host === '0.0.0.0' || host === '::';
  const ipv4Only = host.toLowerCase() === LOOPBACK_HOST && !addresses.includes('::1');
  const shown = wildcard || ipv4Only ? '127.0.0.1' : host;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
}

/**
 * Seeds the demo data. Processes starting together on one PostgreSQL may both try: the loser's transaction
 * fails on a duplicate row and rolls back, and the winner's complete dataset is there, so that is "no change".
 */
async function seedDemoOnce(store: SqlStore): Promise<boolean> {
  try {
    return await seedDemo(store);
  } catch (error) {
    if (await store.getFirm(DEMO_IDS.riveraCho)) return false;
    throw error;
  }
}

async function openStore(config: ServerConfig): Promise<SqlStore> {
  if (config.databaseUrl === undefined) return openPgliteStore({ dataDir: config.dataDir });
  return openPostgresStore({ url: config.databaseUrl, schema: config.databaseSchema });
}

async function openNotifier(config: ServerConfig, store: SqlStore, log: ServerLogger): Promise<Notifier> {
  if (config.databaseUrl === undefined) return createInProcessNotifier();
  return createPostgresNotifier({
    url: config.databaseUrl,
    schema: config.databaseSchema,
    isOwnBackend: store.isOwnBackend,
    onError: (error) => log({ level: 'warn', event: 'notifier_error', message: String(error) }),
  });
}

/**
 * Starts Confide's HTTP server as the command line does: opens the database (PGlite in `dataDir`, or
 * PostgreSQL at `databaseUrl`) and migrates it, seeds when asked, starts the outbox worker when `smtpUrl` is
 * set, and listens. Resolves once it accepts connections.
 */
export async function startServer(
  config: ServerConfig,
  options: { readonly log?: ServerLogger; readonly requestLogger?: RequestLogger | false } = {},
): Promise<RunningServer> {
  const log = options.log ?? jsonLogger;
  const store = await openStore(config);
  const notifier = await openNotifier(config, store, log);
  if (config.seed === 'demo') {
    const seeded = await seedDemoOnce(store);
    log({ level: 'info', event: 'seed', dataset: 'demo', changed: seeded });
  }
  let mailer: SmtpMailer | undefined;
  let worker: OutboxWorker | undefined;
  let stopWaking: (() => void) | undefined;
  if (config.smtpUrl !== undefined) {
    mailer = createSmtpMailer({ url: config.smtpUrl, from: config.mailFrom });
    worker = createOutboxWorker({
      store,
      mailer,
      leaseMs: config.outboxLeaseMs,
      onError: (error, mail) =>
        log({ level: 'warn', event: 'mail_delivery_failed', mailId: mail?.id, message: String(error) }),
    });
    // Every send appends events, so the event wake-up doubles as "new mail may be waiting".
    stopWaking = notifier.subscribe(() => worker?.wake());
    worker.start();
  }
  const sendRule = { limit: config.sendRateLimit, windowMs: DEFAULT_SEND_RATE_LIMIT.windowMs };
  // On PostgreSQL several processes share the database, so they share the send limit there too.
  const sendLimiter =
    config.databaseUrl === undefined
      ? undefined
      : await createPostgresRateLimiter({
          url: config.databaseUrl,
          schema: config.databaseSchema,
          rule: sendRule,
        });
  const attachments = await openAttachments(config.attachments, config.dataDir, (error, attachmentId) =>
    log({ level: 'warn', event: 'scan_failed', attachmentId, message: String(error) }),
  );
  attachments.startHousekeeping(
    () => ({
      store,
      notifier,
      clock: systemClock,
      createId: randomId,
      portalUrl: config.portalUrl,
      firmAppUrl: config.firmAppUrl,
      requestId: 'housekeeping',
    }),
    (error) => log({ level: 'warn', event: 'attachment_housekeeping_failed', message: String(error) }),
  );
  const shutdown = new AbortController();
  const onUnexpectedError = (error: unknown, requestId: string) =>
    log({ level: 'error', event: 'unexpected_error', requestId, message: String(error) });
  const app = createApp({
    store,
    notifier,
    eventHub: createEventHub({
      store,
      notifier,
      clock: systemClock,
      limits: { maxStreamsPerPerson: config.maxStreamsPerPerson },
      onError: (error) => onUnexpectedError(error, 'event-hub'),
    }),
    auth: {
      secret: config.jwtSecret,
      jwksUrl: config.jwksUrl,
      issuer: config.jwtIssuer,
      audience: config.jwtAudience,
    },
    dev: config.dev,
    deliversMail: worker !== undefined,
    portalUrl: config.portalUrl,
    firmAppUrl: config.firmAppUrl,
    allowedOrigins: config.allowedOrigins,
    rateLimits: {
      sends: sendRule,
      devTokens: { limit: config.devTokenRateLimit, windowMs: DEFAULT_DEV_TOKEN_RATE_LIMIT.windowMs },
    },
    clientAddress: (hono) => getConnInfo(hono).remote.address,
    closeConnection: destroyConnection,
    sendLimiter,
    shutdownSignal: shutdown.signal,
    attachments: {
      blobStore: attachments.blobStore,
      uploads: attachments.uploads.handler,
      settings: attachments.settings,
    },
    logger: options.requestLogger ?? (config.logRequests ? consoleRequestLogger : serverErrorRequestLogger),
    onUnexpectedError,
  });
  const listening = await listenHttp(() => createAdaptorServer({ fetch: app.fetch }) as Server, {
    host: config.host,
    port: config.port,
    onNoIpv6: (error) => log({ level: 'warn', event: 'ipv6_loopback_unavailable', message: String(error) }),
  });
  let closing: Promise<void> | undefined;
  return {
    url: urlOf(config.host, listening.port, listening.addresses),
    store,
    close() {
      closing ??= (async () => {
        shutdown.abort();
        await closeAll(listening.servers);
        stopWaking?.();
        await attachments.close();
        await worker?.stop();
        mailer?.close();
        await notifier.close?.();
        await sendLimiter?.close();
        await store.close();
      })();
      return closing;
    },
  };
}
