import type { Message, StartConversationResponse } from '@confide/protocol';
import { ConfideError, toConfideError } from '../errors/confide-error.js';
import { backoffDelay } from '../lib/backoff.js';
import type { Clock, TimerHandle } from '../lib/clock.js';
import type { ConnectionStore } from '../stores/connection/connection-store.js';
import type { OutboxEntry, OutboxStore } from '../stores/outbox/outbox-store.js';
import { serverAskedToWait } from '../transport/event-stream.js';
import type { SubscribeOptions, Transport } from '../transport/transport.js';

/** What a send resolves with: the server's message, and for a new conversation the conversation too. */
export type SendResult = Message | StartConversationResponse;

/** Retry settings of the outbox. */
export interface OutboxOptions {
  /** First retry delay, in milliseconds; doubles per attempt, with jitter. @default 1000 */
  readonly baseDelayMs?: number;
  /** Longest retry delay, in milliseconds. @default 30000 */
  readonly maxDelayMs?: number;
  /** Attempts after which a server-side failure (5xx, 429) marks the send failed. @default 5 */
  readonly maxServerAttempts?: number;
}

interface RunnerDependencies {
  readonly transport: Transport;
  readonly outbox: OutboxStore;
  readonly connection: ConnectionStore;
  readonly clock: Clock;
  readonly options: OutboxOptions;
  /**
   * The moments the backend looks reachable again, as the event stream hears of them (`whenReachableAgain` in
   * `createConfideClient`): a retry waiting out the outbox's own backoff then goes at once.
   */
  readonly reachableAgain: NonNullable<SubscribeOptions['reconnectTriggers']>;
  /** Called with the server's answer before the entry leaves the outbox, so the thread never flickers. */
  readonly onSent: (entry: OutboxEntry, result: SendResult) => void;
}

interface Waiter {
  resolve(result: SendResult): void;
  reject(error: ConfideError): void;
}

// A network error or timeout means "offline or flaky", not "refused": the send waits and retries without limit,
// like mail in an outbox. Only errors the server answered with count towards the attempt limit.
const WAITS_FOR_NETWORK: ReadonlySet<string> = new Set(['network', 'timeout']);

/**
 * Sends outbox entries one at a time, oldest first, so messages arrive in the order they were written. Every
 * attempt carries the entry's idempotency key, so a retry after a lost answer never duplicates a message.
 */
export function createOutboxRunner(dependencies: RunnerDependencies) {
  const { transport, outbox, connection, clock } = dependencies;
  const { baseDelayMs = 1_000, maxDelayMs = 30_000, maxServerAttempts = 5 } = dependencies.options;
  const waiters = new Map<string, Waiter[]>();
  const attempts = new Map<string, number>();
  let running = false;
  let started = false;
  // Clients of one viewer on one storage take turns (see share-outbox.ts): only the one leading sends.
  let leading = true;
  let announceSent: ((id: string, result: SendResult) => void) | undefined;
  let disposed = false;
  let timer: TimerHandle | undefined;
  // Whether the retry `timer` waits because the server asked (a rate limit, `Retry-After`): nothing cuts that short.
  let serverWait = false;
  let inFlight: AbortController | undefined;

  function settle(id: string, outcome: (waiter: Waiter) => void) {
    attempts.delete(id);
    for (const waiter of waiters.get(id) ?? []) outcome(waiter);
    waiters.delete(id);
  }

  /**
   * The server has `entry`: the caches learn its answer, then the entry leaves the outbox. A start first records its
   * conversation, so a view of pending starts drops it the moment the conversation is in its list.
   */
  function confirmed(entry: OutboxEntry, result: SendResult) {
    if ('conversation' in result) outbox.getState().confirm(entry.id, result.conversation.id);
    dependencies.onSent(entry, result);
    outbox.getState().remove(entry.id);
  }

  function send(entry: OutboxEntry, signal: AbortSignal): Promise<SendResult> {
    const { id: idempotencyKey, body, attachments, senderId } = entry;
    const files = {
      ...(attachments?.length ? { attachmentIds: attachments.map((file) => file.id) } : {}),
      ...(senderId ? { senderId } : {}),
    };
    if (entry.kind === 'message') {
      const input = { body, idempotencyKey, ...(entry.internal ? { internal: true } : {}), ...files };
      return transport.sendMessage(entry.conversationId, input, { signal });
    }
    const { subject, contactId, matter } = entry;
    const optional = { ...(contactId ? { contactId } : {}), ...(matter ? { matter } : {}) };
    return transport.startConversation({ subject, body, idempotencyKey, ...optional, ...files }, { signal });
  }

  function scheduleRetry(attempt: number, error: ConfideError) {
    const backoff = backoffDelay(attempt, { baseDelayMs, maxDelayMs });
    // A server that says when to come back (429, 503) is believed, however short our own backoff would be.
    const delay = Math.max(backoff, (error.retryAfterSeconds ?? 0) * 1_000);
    serverWait = serverAskedToWait(error);
    timer = clock.setTimeout(() => {
      timer = undefined;
      void drain();
    }, delay);
  }

  async function attemptEntry(entry: OutboxEntry): Promise<'next' | 'wait'> {
    outbox.getState().setStatus(entry.id, 'sending');
    inFlight = new AbortController();
    try {
      const result = await send(entry, inFlight.signal);
      if (disposed) return 'wait';
      announceSent?.(entry.id, result);
      confirmed(entry, result);
      settle(entry.id, (waiter) => waiter.resolve(result));
      return 'next';
    } catch (thrown) {
      if (disposed) return 'wait';
      const error = toConfideError(
        thrown,
        entry.kind === 'message' ? { conversationId: entry.conversationId } : {},
      );
      const attempt = (attempts.get(entry.id) ?? 0) + 1;
      attempts.set(entry.id, attempt);
      const reason = error.context?.reason;
      const failure = {
        code: error.code,
        message: error.message,
        retryable: error.retryable,
        ...(typeof reason === 'string' ? { reason } : {}),
      };
      const keepTrying =
        WAITS_FOR_NETWORK.has(error.code) || (error.retryable && attempt < maxServerAttempts);
      if (keepTrying) {
        outbox.getState().setStatus(entry.id, 'queued', failure);
        scheduleRetry(attempt, error);
        return 'wait';
      }
      outbox.getState().setStatus(entry.id, 'failed', failure);
      settle(entry.id, (waiter) => waiter.reject(error));
      return 'next';
    } finally {
      inFlight = undefined;
    }
  }

  /** Sends queued entries until the outbox is empty, offline, or waiting for a retry. */
  async function drain(): Promise<void> {
    if (!started || !leading || running || disposed || timer !== undefined) return;
    running = true;
    try {
      while (!disposed && connection.getState().online) {
        const next = outbox.getState().entries.find((entry) => entry.status === 'queued');
        if (!next || (await attemptEntry(next)) === 'wait') break;
      }
    } finally {
      running = false;
    }
  }

  /**
   * Ends the outbox's own retry delay and sends now: the backend looks reachable again, or the person asked. A
   * delay the server asked for is kept, as the event stream keeps it: it is about this client, not the way.
   */
  function flush() {
    if (timer !== undefined && serverWait) return;
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
    void drain();
  }

  let stopWatchingReachable: (() => void) | undefined;

  return {
    drain,
    /**
     * Begins sending. The client calls it once saved sends are restored, so that a send made during start-up
     * never overtakes older ones from the previous page.
     */
    start() {
      if (started || disposed) return;
      started = true;
      stopWatchingReachable = dependencies.reachableAgain(flush);
      void drain();
    },
    /** Resolves when the entry reaches the server; rejects when it fails for good or is discarded. */
    whenSent(id: string): Promise<SendResult> {
      // Nothing settles a waiter once disposed: a send on a stale client fails at once instead of hanging.
      if (disposed) return Promise.reject(new ConfideError('aborted', 'The client was disposed'));
      return new Promise((resolve, reject) => {
        waiters.set(id, [...(waiters.get(id) ?? []), { resolve, reject }]);
      });
    },
    /** Queues a failed entry again, keeping its idempotency key. */
    retry(id: string) {
      attempts.delete(id);
      outbox.getState().setStatus(id, 'queued');
      flush();
    },
    /** Removes an entry that has not reached the server. */
    discard(id: string) {
      outbox.getState().remove(id);
      const error = new ConfideError('aborted', 'The send was discarded');
      settle(id, (waiter) => waiter.reject(error));
    },
    /**
     * Leaves sending to whichever client on the same storage leads (see `shareOutbox`) until `lead()`; `announce`
     * tells the others the server's answer to each send made here.
     */
    follow(announce: (id: string, result: SendResult) => void) {
      leading = false;
      announceSent = announce;
    },
    /** Starts sending for every client on the storage: what a client that stopped mid-send left `sending` goes again. */
    lead() {
      leading = true;
      for (const entry of outbox.getState().entries)
        if (entry.status === 'sending') outbox.getState().setStatus(entry.id, 'queued', entry.failure);
      void drain();
    },
    /** Another client sent `id`: the thread shows the server's message and whoever waits here gets it. */
    sentElsewhere(id: string, result: SendResult) {
      const entry = outbox.getState().entries.find((candidate) => candidate.id === id);
      if (entry) confirmed(entry, result);
      settle(id, (waiter) => waiter.resolve(result));
    },
    /** Another client's send of `id` failed for good, or was discarded: whoever waits here gets `error`. */
    endedElsewhere(id: string, error: ConfideError) {
      settle(id, (waiter) => waiter.reject(error));
    },
    /** Stops sending: clears the retry timer, aborts the request in flight, rejects waiting callers. */
    dispose() {
      disposed = true;
      stopWatchingReachable?.();
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
      inFlight?.abort();
      const error = new ConfideError('aborted', 'The client was disposed');
      for (const id of [...waiters.keys()]) settle(id, (waiter) => waiter.reject(error));
    },
  };
}

/** An outbox runner made by `createOutboxRunner`. */
export type OutboxRunner = ReturnType<typeof createOutboxRunner>;
