import type { Notifier, NotifierListener } from './notifier.js';

/** A `Notifier` for one process: `notify` calls every current listener synchronously. */
export function createInProcessNotifier(): Notifier {
  const listeners = new Set<NotifierListener>();
  let closed = false;
  return {
    notify(seq) {
      if (closed) return;
      for (const listener of [...listeners]) {
        try {
          listener(seq);
        } catch {
          // One failing subscriber must not keep the others asleep.
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    close() {
      closed = true;
      listeners.clear();
    },
  };
}
