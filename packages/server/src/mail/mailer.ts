/** One rendered e-mail ready to hand to a transport. It never carries message text. */
export interface OutgoingMail {
  /** The outbox row id; transports use it for a stable Message-ID so a retried delivery can be recognised. */
  readonly id: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/**
 * Delivers one e-mail. Resolves when the transport accepted it; rejects with an `Error` whose message is a short
 * reason (it is stored as the outbox row's `lastError`) so the outbox worker retries later.
 */
export interface Mailer {
  deliver(mail: OutgoingMail): Promise<void>;
}
