import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server on 127.0.0.1 that accepts every message and counts them per recipient. */
export interface SmtpSink {
  /** `smtp://127.0.0.1:<port>`, what the server's `SMTP_URL` takes. */
  readonly url: string;
  /** The recipients of every message accepted, one entry per message, in order. */
  readonly received: readonly (readonly string[])[];
  close(): Promise<void>;
}

/** Starts an SMTP sink on a free port. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const received: string[][] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      stream.on('end', () => {
        received.push(session.envelope.rcptTo.map((address) => address.address));
        callback();
      });
      stream.resume();
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
