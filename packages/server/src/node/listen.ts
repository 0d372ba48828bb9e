import type { Server } from 'node:http';

/** The host that means "this machine only", over IPv4 and IPv6 alike (the default). */
export const LOOPBACK_HOST = 'localhost';
/**
 * What `localhost` can resolve to. Node 17+ keeps the resolver's order, and many hosts list `::1` first, so a
 * server on 127.0.0.1 alone refuses clients that dial `localhost`. Both loopbacks expose nothing beyond this machine.
 */
const LOOPBACK_ADDRESSES = ['127.0.0.1', '::1'] as const;
/** How often to try again when the free port IPv4 picked (port 0) is taken on the IPv6 loopback. */
const FREE_PORT_ATTEMPTS = 5;
/** Errors that say this machine has no IPv6 loopback (disabled, or no `::1` on `lo`). */
const NO_IPV6_CODES = new Set(['EADDRNOTAVAIL', 'EAFNOSUPPORT']);

/** Servers listening on one port. */
export interface Listening {
  readonly servers: readonly Server[];
  /** The port they share (the real one when asked for 0). */
  readonly port: number;
  /** The addresses listened on, e.g. `['127.0.0.1', '::1']`. */
  readonly addresses: readonly string[];
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

function listenOn(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => reject(error);
    server.once('error', fail);
    server.listen({ port, host }, () => {
      server.off('error', fail);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}

/** Closes servers, waiting for connections in flight. */
export function closeAll(servers: readonly Server[]): Promise<void> {
  return Promise.all(
    servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
  ).then(() => undefined);
}

async function listenOnLoopbacks(
  createServer: () => Server,
  port: number,
  onNoIpv6: (error: unknown) => void,
): Promise<Listening> {
  for (let attempt = 1; ; attempt += 1) {
    const [ipv4, ipv6] = LOOPBACK_ADDRESSES;
    const first = createServer();
    const chosen = await listenOn(first, port, ipv4);
    const second = createServer();
    try {
      await listenOn(second, chosen, ipv6);
      return { servers: [first, second], port: chosen, addresses: [ipv4, ipv6] };
    } catch (error) {
      const code = errorCode(error);
      if (code !== undefined && NO_IPV6_CODES.has(code)) {
        onNoIpv6(error);
        return { servers: [first], port: chosen, addresses: [ipv4] };
      }
      await closeAll([first]);
      // A fixed port taken on ::1 by someone else would answer this server's `localhost` clients: refuse.
      if (code !== 'EADDRINUSE' || port !== 0 || attempt >= FREE_PORT_ATTEMPTS) throw error;
    }
  }
}

/**
 * Listens on `host`: for `localhost` on both loopbacks (127.0.0.1 and ::1, one port, one server each; IPv4 only
 * when the machine has no IPv6 loopback, reported to `onNoIpv6`); otherwise on that one address, as Node does
 * (`::` also takes IPv4 where the system allows).
 */
export async function listenHttp(
  createServer: () => Server,
  options: { readonly host: string; readonly port: number; readonly onNoIpv6: (error: unknown) => void },
): Promise<Listening> {
  if (options.host.toLowerCase() === LOOPBACK_HOST)
    return listenOnLoopbacks(createServer, options.port, options.onNoIpv6);
  const server = createServer();
  const port = await listenOn(server, options.port, options.host);
  return { servers: [server], port, addresses: [options.host] };
}
