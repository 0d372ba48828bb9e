import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One message the test server accepted. */
export interface ReceivedMail {
  readonly recipients: readonly string[];
  readonly messageId: string | undefined;
  readonly subject: string | undefined;
  readonly text: string | undefined;
  readonly html: string | false | undefined;
}

/** Options of `startSmtpTestServer`. */
export interface SmtpTestServerOptions {
  /**
   * Called when a message's data starts arriving, with its recipients; the data is read only once the promise
   * resolves (a promise that never resolves holds the sender mid-delivery). Reject to refuse it with 451.
   */
  readonly beforeData?: ((recipients: readonly string[]) => Promise<void>) | undefined;
}

/** A real SMTP server on 127.0.0.1 (a free port) that parses what it accepts with mailparser. */
export async function startSmtpTestServer(options: SmtpTestServerOptions = {}) {
  const received: ReceivedMail[] = [];
  const waiters: (() => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const recipients = session.envelope.rcptTo.map((address) => address.address);
      const accept = async () => {
        await (options.beforeData?.(recipients) ?? Promise.resolve());
        const parsed = await simpleParser(stream);
        received.push({
          recipients,
          messageId: parsed.messageId,
          subject: parsed.subject,
          text: parsed.text,
          html: parsed.html,
        });
        for (const waiter of waiters.splice(0)) waiter();
      };
      accept().then(
        () => callback(),
        (error: unknown) => {
          stream.resume();
          const refusal = new Error(error instanceof Error ? error.message : 'refused') as Error & {
            responseCode: number;
          };
          refusal.responseCode = 451;
          callback(refusal);
        },
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** Resolves once `count` messages were accepted in total. */
    async waitForCount(count: number): Promise<void> {
      while (received.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
