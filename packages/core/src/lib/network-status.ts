/** Tells the SDK whether the device is online, so sends wait in the outbox instead of failing. */
export interface NetworkStatus {
  /** Whether the network is reachable now. */
  isOnline(): boolean;
  /** Calls `listener` when that changes; returns the function that stops it. */
  subscribe(listener: (online: boolean) => void): () => void;
}

/**
 * The browser's view of connectivity (`navigator.onLine` and the `online`/`offline` events), looked up when
 * called so that the SDK still loads where there is no window.
 */
export function browserNetworkStatus(target: typeof globalThis = globalThis): NetworkStatus {
  return {
    isOnline: () => target.navigator?.onLine ?? true,
    subscribe(listener) {
      const online = () => listener(true);
      const offline = () => listener(false);
      target.addEventListener?.('online', online);
      target.addEventListener?.('offline', offline);
      return () => {
        target.removeEventListener?.('online', online);
        target.removeEventListener?.('offline', offline);
      };
    },
  };
}
