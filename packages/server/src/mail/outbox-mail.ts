import type { MailKind, MailRow, NewMail } from '../store/rows.js';
import type { OutgoingMail } from './mailer.js';
import type { RenderedMail } from './render-mail.js';

/** Builds the outbox row for a rendered mail, to enqueue in the same transaction as the message that caused it. */
export function createOutboxMail(options: {
  readonly id: string;
  readonly firmId: string;
  readonly kind: MailKind;
  readonly to: string;
  readonly rendered: RenderedMail;
  readonly createdAt: string;
}): NewMail {
  return {
    id: options.id,
    firmId: options.firmId,
    kind: options.kind,
    to: options.to,
    subject: options.rendered.subject,
    text: options.rendered.text,
    html: options.rendered.html,
    createdAt: options.createdAt,
  };
}

/** The mail a `Mailer` delivers for an outbox row. */
export function toOutgoingMail(row: MailRow): OutgoingMail {
  return { id: row.id, to: row.to, subject: row.subject, text: row.text, html: row.html };
}
