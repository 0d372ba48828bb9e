/** A set of listeners with a notify helper; the building block of every `subscribe` in the SDK. */
export interface ListenerSet<Value> {
  /** Adds a listener and returns the function that removes it. */
  add(listener: (value: Value) => void): () => void;
  /** Calls every listener with `value`. */
  notify(value: Value): void;
  /** How many listeners are registered (tests use it to prove that `dispose()` leaves none). */
  readonly size: number;
  /** Removes every listener. */
  clear(): void;
}

/** Creates an empty listener set. */
export function createListenerSet<Value>(): ListenerSet<Value> {
  const listeners = new Set<(value: Value) => void>();
  return {
    add(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    notify(value) {
      for (const listener of [...listeners]) listener(value);
    },
    get size() {
      return listeners.size;
    },
    clear() {
      listeners.clear();
    },
  };
}
