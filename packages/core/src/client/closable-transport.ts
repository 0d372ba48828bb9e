import { ConfideError } from '../errors/confide-error.js';
import type { Transport } from '../transport/transport.js';

/**
 * The transport of a client that refuses every call once `isClosed()` says the client was disposed: a stale
 * reference kept after signing out (a download button, a composer, a notification bell) must never ask anything
 * with the previous person's token. Calls already on their way finish; new ones reject with `aborted`. Every call
 * other than `subscribe` runs through `watch` (e.g. `createAnsweredRequests().watch`).
 */
export function closableTransport(
  transport: Transport,
  isClosed: () => boolean,
  watch: <Result>(call: () => Promise<Result>) => Promise<Result> = (call) => call(),
): Transport {
  const closed = () => new ConfideError('aborted', 'The client was disposed', { retryable: false });
  const guarded: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(transport)) {
    if (typeof method !== 'function') continue;
    guarded[name] =
      name === 'subscribe'
        ? (...args: unknown[]) => (isClosed() ? () => {} : method.apply(transport, args))
        : async (...args: unknown[]) => {
            if (isClosed()) throw closed();
            return watch(() => method.apply(transport, args));
          };
  }
  return guarded as unknown as Transport;
}
