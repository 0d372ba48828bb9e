import { createServer } from 'node:net';
import { networkInterfaces } from 'node:os';

/** Whether this machine can listen on the IPv6 loopback (`::1`); some containers have IPv6 disabled. */
export async function hasIpv6Loopback(): Promise<boolean> {
  const probe = createServer();
  return new Promise((resolve) => {
    probe.once('error', () => resolve(false));
    probe.listen({ host: '::1', port: 0 }, () => probe.close(() => resolve(true)));
  });
}

/** One of this machine's addresses that is not a loopback (IPv4), or undefined when it has none. */
export function outsideAddress(): string | undefined {
  for (const addresses of Object.values(networkInterfaces()))
    for (const address of addresses ?? [])
      if (!address.internal && address.family === 'IPv4') return address.address;
  return undefined;
}

/** The URL of `path` on `address` (IPv6 in brackets) and `port`. */
export function urlOn(address: string, port: number, path: string): string {
  return `http://${address.includes(':') ? `[${address}]` : address}:${port}${path}`;
}
