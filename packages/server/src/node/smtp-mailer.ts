import nodemailer from 'nodemailer';
import type { Mailer } from '../mail/mailer.js';

/** The sender of Confide's e-mails when none is configured. */
export const DEFAULT_MAIL_FROM = 'Confide <no-reply@confide.localhost>';

/** Options of `createSmtpMailer`. */
export interface SmtpMailerOptions {
  /** An SMTP URL as nodemailer reads it: `smtp://user:pass@host:587`, `smtps://…` for implicit TLS. */
  readonly url: string;
  /** The From header. @default 'Confide <no-reply@confide.localhost>' */
  readonly from?: string | undefined;
}

/** A `Mailer` that can also close its SMTP connections. */
export interface SmtpMailer extends Mailer {
  close(): void;
}

/** The domain of an address like `Name <user@domain>` or `user@domain`, for Message-IDs. */
function domainOf(address: string): string {
  const match = /@([^>\s]+)>?\s*$/.exec(address);
  return match?.[1] ?? 'confide.localhost';
}

/**
 * Delivers outbox mail through nodemailer to `SMTP_URL`. Each mail's Message-ID is derived from its outbox row
 * id, so a copy sent again after a crash (between the server's acceptance and the outbox update) carries the
 * same Message-ID and mail systems recognise it as the same message.
 */
export function createSmtpMailer(options: SmtpMailerOptions): SmtpMailer {
  const from = options.from ?? DEFAULT_MAIL_FROM;
  const domain = domainOf(from);
  const transport = nodemailer.createTransport(options.url);
  return {
    async deliver(mail) {
      try {
        await transport.sendMail({
          from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: `<${mail.id}@${domain}>`,
        });
      } catch (error) {
        // Only the reason is kept: SMTP replies can quote addresses but never the message text.
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`SMTP delivery failed: ${reason.slice(0, 300)}`, { cause: error });
      }
    },
    close() {
      transport.close();
    },
  };
}
