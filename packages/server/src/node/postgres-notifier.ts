import pg from 'pg';
import type { Notifier, NotifierListener } from '../events/notifier.js';
import { eventChannelName, postgresConnectionConfig } from './postgres-store.js';

export { eventChannelName };

/** First wait before reconnecting a lost LISTEN connection; it doubles up to the maximum. */
const RECONNECT_INITIAL_DELAY_MS = 100;
/** Longest wait between reconnection attempts. */
const RECONNECT_MAX_DELAY_MS = 5_000;

/** Options of `createPostgresNotifier`. */
export interface PostgresNotifierOptions {
  /** The same database URL the store uses. */
  readonly url: string;
  /** The store's schema, when it has one: processes on other schemas then never wake each other. */
  readonly schema?: string | undefined;
  /** Receives connection and delivery problems (never thrown: a lost wake-up only delays events). */
  readonly onError?: ((error: unknown) => void) | undefined;
  /**
   * Whether a backend process id belongs to this process's store (`SqlStore.isOwnBackend`): its notifications are
   * the echo of this process's own commits, whose subscribers `notify` already woke, so they are ignored.
   */
  readonly isOwnBackend?: ((processId: number) => boolean) | undefined;
}

/**
 * A `Notifier` that fans event wake-ups out to every server process on one PostgreSQL database with
 * `LISTEN`/`NOTIFY`. The PostgreSQL store's statement that appends events also issues the `NOTIFY` (delivered
 * when the transaction commits), so `notify` only wakes this process's subscribers, once; other processes hear
 * the notification on their listening connection, and this process ignores its own echo (the sender's backend
 * is one of its connections). A lost connection reconnects with backoff and then wakes every subscriber, since
 * notifications sent meanwhile are gone (subscribers re-read the event table, so nothing is skipped).
 */
export async function createPostgresNotifier(options: PostgresNotifierOptions): Promise<Notifier> {
  const channel = eventChannelName(options.schema);
  const onError = options.onError ?? ((error) => console.error('confide-server: notifier', error));
  const listeners = new Set<NotifierListener>();
  let closed = false;
  let client: pg.Client | undefined;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let delayMs = RECONNECT_INITIAL_DELAY_MS;
  let lastSeq = 0;

  const wake = (seq: number) => {
    lastSeq = Math.max(lastSeq, seq);
    for (const listener of [...listeners]) {
      try {
        listener(seq);
      } catch (error) {
        onError(error);
      }
    }
  };

  const connect = async (): Promise<void> => {
    const next = new pg.Client(postgresConnectionConfig(options));
    next.on('notification', (message) => {
      if (message.channel !== channel) return;
      const listening = (next as unknown as { processID: number | null }).processID;
      if (message.processId === listening || options.isOwnBackend?.(message.processId)) return;
      const seq = Number(message.payload);
      wake(Number.isSafeInteger(seq) ? seq : lastSeq);
    });
    next.on('error', (error) => {
      onError(error);
      lose(next);
    });
    next.on('end', () => lose(next));
    await next.connect();
    await next.query(`LISTEN ${channel}`);
    if (closed) {
      await next.end();
      return;
    }
    client = next;
    delayMs = RECONNECT_INITIAL_DELAY_MS;
  };

  const lose = (lost: pg.Client) => {
    if (client !== lost || closed) return;
    client = undefined;
    lost.end().catch(() => undefined);
    scheduleReconnect();
  };

  const scheduleReconnect = () => {
    if (closed || reconnectTimer !== undefined) return;
    reconnectTimer = setTimeout(async () => {
      reconnectTimer = undefined;
      try {
        await connect();
        wake(lastSeq);
      } catch (error) {
        onError(error);
        delayMs = Math.min(delayMs * 2, RECONNECT_MAX_DELAY_MS);
        scheduleReconnect();
      }
    }, delayMs);
  };

  await connect();

  return {
    notify(seq) {
      if (closed) return;
      wake(seq);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    async close() {
      closed = true;
      listeners.clear();
      if (reconnectTimer !== undefined) clearTimeout(reconnectTimer);
      const current = client;
      client = undefined;
      await current?.end();
    },
  };
}
