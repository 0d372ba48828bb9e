import type { MailKind, MailRow, NewMail, PartyRef } from '../store/rows.js';
import type { OutgoingMail } from './mailer.js';
import type { RenderedMail } from './render-mail.js';

/** Builds the outbox row for a rendered mail, to enqueue in the same transaction as the message that caused it. */
export function createOutboxMail(options: {
  readonly id: string;
  readonly firmId: string;
  readonly kind: MailKind;
  /** Whom it is for; delivery checks them again. */
  readonly recipient: PartyRef;
  /** Their address now. */
  readonly to: string;
  readonly rendered: RenderedMail;
  readonly createdAt: string;
}): NewMail {
  return {
    id: options.id,
    firmId: options.firmId,
    kind: options.kind,
    recipient: options.recipient,
    to: options.to,
    subject: options.rendered.subject,
    text: options.rendered.text,
    html: options.rendered.html,
    createdAt: options.createdAt,
  };
}

/** The mail a `Mailer` delivers for an outbox row, to `to` (the recipient's address now) or the queued one. */
export function toOutgoingMail(row: MailRow, to: string = row.to): OutgoingMail {
  return { id: row.id, to, subject: row.subject, text: row.text, html: row.html };
}
