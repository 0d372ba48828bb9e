import { type Clock, systemClock } from '../lib/clock.js';
import { checkMailRecipient } from '../mail/mail-recipient.js';
import type { Mailer } from '../mail/mailer.js';
import { toOutgoingMail } from '../mail/outbox-mail.js';
import type { MailRow } from '../store/rows.js';
import type { Store } from '../store/store.js';

/** How long a claimed mail stays reserved for one worker: far longer than one SMTP delivery takes. */
export const DEFAULT_OUTBOX_LEASE_MS = 60_000;
/** Mails claimed per round. */
export const DEFAULT_OUTBOX_BATCH_SIZE = 10;
/** How often an idle worker looks for due mail (new mail also wakes it through `wake`). */
export const DEFAULT_OUTBOX_POLL_INTERVAL_MS = 1_000;
/** Delivery attempts before a mail is given up as `failed`. */
export const DEFAULT_OUTBOX_MAX_ATTEMPTS = 8;
/** Wait after the first failure; it doubles after each further one. */
export const OUTBOX_RETRY_BASE_DELAY_MS = 5_000;
/** Longest wait between two attempts. */
export const OUTBOX_RETRY_MAX_DELAY_MS = 60 * 60_000;

/** Options of `createOutboxWorker`. */
export interface OutboxWorkerOptions {
  readonly store: Store;
  readonly mailer: Mailer;
  /** @default the system clock */
  readonly clock?: Clock | undefined;
  /** Names this worker's leases. @default a random id */
  readonly workerId?: string | undefined;
  /** @default 60000 */
  readonly leaseMs?: number | undefined;
  /** @default 10 */
  readonly batchSize?: number | undefined;
  /** @default 1000 */
  readonly pollIntervalMs?: number | undefined;
  /** @default 8 */
  readonly maxAttempts?: number | undefined;
  /** Receives delivery failures and store errors (the worker keeps running). @default console.error */
  readonly onError?: ((error: unknown, mail?: MailRow) => void) | undefined;
}

/** What one round did. */
export interface OutboxRound {
  readonly sent: number;
  readonly failed: number;
  /** Mails whose recipient no longer qualified when they were due (see `checkMailRecipient`): never sent. */
  readonly withheld: number;
  /** How many mails the round claimed. */
  readonly claimed: number;
}

/** Delivers the transactional outbox. */
export interface OutboxWorker {
  /** Claims and delivers one batch of due mail. */
  runOnce(): Promise<OutboxRound>;
  /** Starts delivering in the background until `stop`. */
  start(): void;
  /** Looks for due mail now instead of at the next poll. */
  wake(): void;
  /** Stops after the batch in flight is finished (its mails are sent or rescheduled). */
  stop(): Promise<void>;
}

/** The wait before attempt `attempts + 1`: exponential from 5 s, at most an hour. */
export function outboxRetryDelayMs(attempts: number): number {
  return Math.min(OUTBOX_RETRY_BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1), OUTBOX_RETRY_MAX_DELAY_MS);
}

/**
 * The outbox worker: claims due mail with a lease (so several workers or processes never deliver one row at
 * once), checks that its recipient still qualifies (`checkMailRecipient`: otherwise it is withheld, never
 * sent), hands it to the mailer addressed to the recipient's address of that moment, marks it sent, and reschedules failures with exponential backoff until
 * `maxAttempts`. Delivery is at least once: a worker that dies mid-batch leaves its rows leased, and another
 * round claims them again when the lease ends.
 */
export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const clock = options.clock ?? systemClock;
  const workerId = options.workerId ?? `worker_${crypto.randomUUID()}`;
  const leaseMs = options.leaseMs ?? DEFAULT_OUTBOX_LEASE_MS;
  const batchSize = options.batchSize ?? DEFAULT_OUTBOX_BATCH_SIZE;
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_OUTBOX_POLL_INTERVAL_MS;
  const maxAttempts = options.maxAttempts ?? DEFAULT_OUTBOX_MAX_ATTEMPTS;
  const onError = options.onError ?? ((error: unknown) => console.error('confide-server: outbox', error));
  const { store, mailer } = options;

  const deliverOne = async (mail: MailRow): Promise<'sent' | 'failed' | 'withheld'> => {
    let to: string;
    try {
      // Checked again now, not only when queued: a retry may come hours after the portal was closed.
      const delivery = await checkMailRecipient(store, mail);
      if (!delivery.deliver) {
        await store.markMailWithheld(mail.id, { workerId, reason: delivery.reason });
        return 'withheld';
      }
      to = delivery.to;
      await mailer.deliver(toOutgoingMail(mail, to));
    } catch (error) {
      onError(error, mail);
      const reason = error instanceof Error ? error.message : 'Delivery failed';
      const nextAttemptAt =
        mail.attempts >= maxAttempts
          ? null
          : new Date(clock.now().getTime() + outboxRetryDelayMs(mail.attempts)).toISOString();
      await store.markMailFailed(mail.id, { workerId, error: reason.slice(0, 500), nextAttemptAt });
      return 'failed';
    }
    await store.markMailSent(mail.id, { workerId, sentAt: clock.now().toISOString(), to });
    return 'sent';
  };

  const runOnce = async (): Promise<OutboxRound> => {
    const claimed = await store.claimMail({
      workerId,
      now: clock.now().toISOString(),
      leaseMs,
      limit: batchSize,
    });
    const round = { sent: 0, failed: 0, withheld: 0, claimed: claimed.length };
    // One at a time, oldest first: a slow SMTP server gets one connection, and order is kept.
    for (const mail of claimed) round[await deliverOne(mail)] += 1;
    return round;
  };

  let running: Promise<void> | undefined;
  let stopping = false;
  let wakeUp: (() => void) | undefined;
  let pendingWake = false;

  const pause = () =>
    new Promise<void>((resolve) => {
      if (pendingWake || stopping) {
        pendingWake = false;
        resolve();
        return;
      }
      const timer = setTimeout(done, pollIntervalMs);
      function done() {
        clearTimeout(timer);
        pendingWake = false;
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });

  const loop = async () => {
    while (!stopping) {
      let round: OutboxRound = { sent: 0, failed: 0, withheld: 0, claimed: 0 };
      try {
        round = await runOnce();
      } catch (error) {
        onError(error);
      }
      if (round.claimed < batchSize) await pause();
    }
  };

  return {
    runOnce,
    start() {
      if (running) return;
      stopping = false;
      running = loop();
    },
    wake() {
      pendingWake = true;
      wakeUp?.();
    },
    async stop() {
      stopping = true;
      wakeUp?.();
      await running;
      running = undefined;
    },
  };
}
