import type { Context } from 'hono';

/**
 * Reads the caller's network address from a request (the socket's peer in Node), or `undefined` where the
 * runtime has none (a browser running the app inside MSW).
 */
export type ClientAddressReader = (hono: Context) => string | undefined;

/** The bucket of callers whose address is unknown: they all share it. */
const UNKNOWN_ADDRESS = 'unknown';
/** IPv6 hextets that name one site's network: a host is usually given a whole /64 and can pick any address in it. */
const IPV6_NETWORK_HEXTETS = 4;
const IPV4_MAPPED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/** The eight hextets of an IPv6 address (zone id dropped), or null when it is not one. */
function ipv6Hextets(address: string): string[] | null {
  const bare = address.split('%')[0] ?? '';
  if (!bare.includes(':') || !/^[0-9a-f:.]+$/i.test(bare)) return null;
  const halves = bare.split('::');
  if (halves.length > 2) return null;
  const part = (text: string | undefined) => (text === undefined || text === '' ? [] : text.split(':'));
  const head = part(halves[0]);
  const tail = part(halves[1]);
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 0) return null;
  const hextets = [...head, ...Array<string>(Math.max(0, missing)).fill('0'), ...tail];
  if (hextets.some((hextet) => !/^[0-9a-f]{1,4}$/i.test(hextet))) return null;
  return hextets.map((hextet) => hextet.toLowerCase().replace(/^0+(?=.)/, ''));
}

/**
 * The rate-limit identity of a caller's address: what the caller cannot vary cheaply. An IPv4 address stands for
 * itself (an IPv4-mapped IPv6 address is the same caller); an IPv6 address stands for its /64, since a host
 * that owns one can use any of its 2^64 addresses. Callers without an address share one bucket.
 */
export function addressRateLimitKey(address: string | undefined): string {
  const trimmed = address?.trim() ?? '';
  if (trimmed === '') return UNKNOWN_ADDRESS;
  const mapped = IPV4_MAPPED.exec(trimmed);
  if (mapped?.[1] !== undefined) return mapped[1];
  const hextets = ipv6Hextets(trimmed);
  if (hextets === null) return trimmed.toLowerCase();
  return `${hextets.slice(0, IPV6_NETWORK_HEXTETS).join(':')}::/64`;
}
