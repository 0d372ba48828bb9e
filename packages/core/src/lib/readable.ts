import { createListenerSet } from './listeners.js';

/**
 * A value that changes over time: read it with `getSnapshot`, hear about changes with `subscribe`. Snapshots
 * keep their identity while nothing changed, so React's `useSyncExternalStore` can use one directly.
 */
export interface Readable<Snapshot> {
  /** The current value; the same object until something in it changes. */
  getSnapshot(): Snapshot;
  /** Calls `listener` with each new value; returns the function that stops it. */
  subscribe(listener: (snapshot: Snapshot) => void): () => void;
}

/** How a readable gets its value and its change notifications. */
export interface ReadableSource<Snapshot> {
  /** Builds the value from its sources; fields that did not change should keep their identity. */
  compute(): Snapshot;
  /** Starts listening to the sources while someone listens to the readable; returns how to stop. */
  connect(onChange: () => void): () => void;
}

function shallowEqual<Value>(left: Value, right: Value): boolean {
  if (Object.is(left, right)) return true;
  if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null) return false;
  const leftKeys = Object.keys(left);
  if (leftKeys.length !== Object.keys(right).length) return false;
  return leftKeys.every((key) =>
    Object.is((left as Record<string, unknown>)[key], (right as Record<string, unknown>)[key]),
  );
}

/** A readable over a source, with a `dispose` that disconnects it and drops every listener. */
export function createReadable<Snapshot>(
  source: ReadableSource<Snapshot>,
): Readable<Snapshot> & { dispose(): void; readonly listenerCount: number } {
  const listeners = createListenerSet<Snapshot>();
  let snapshot: Snapshot | undefined;
  let disconnect: (() => void) | undefined;

  function refresh(): Snapshot {
    const next = source.compute();
    if (snapshot === undefined || !shallowEqual(snapshot, next)) snapshot = next;
    return snapshot;
  }

  function onChange() {
    const previous = snapshot;
    const next = refresh();
    if (next !== previous) listeners.notify(next);
  }

  return {
    getSnapshot: refresh,
    subscribe(listener) {
      const remove = listeners.add(listener);
      if (!disconnect) disconnect = source.connect(onChange);
      return () => {
        remove();
        if (listeners.size === 0 && disconnect) {
          const stop = disconnect;
          disconnect = undefined;
          stop();
        }
      };
    },
    dispose() {
      listeners.clear();
      disconnect?.();
      disconnect = undefined;
    },
    get listenerCount() {
      return listeners.size;
    },
  };
}

/** Remembers the last result of `compute` and returns it again while every argument is the same object. */
export function memoizeLast<Args extends readonly unknown[], Result>(
  compute: (...args: Args) => Result,
): (...args: Args) => Result {
  let last: { args: Args; result: Result } | undefined;
  return (...args) => {
    if (
      last &&
      last.args.length === args.length &&
      last.args.every((arg, index) => Object.is(arg, args[index]))
    )
      return last.result;
    const result = compute(...args);
    last = { args, result };
    return result;
  };
}

/** The part of a query-core observer `currentResult` uses. */
interface ObserverLike<Result> {
  readonly options: unknown;
  getOptimisticResult(options: never): Result;
}

/**
 * An observer's result computed from the cache now. Unlike `getCurrentResult()`, it is right even while nobody
 * subscribes (an unsubscribed observer stops following its query), which `getSnapshot()` must be.
 */
export function currentResult<Result>(observer: ObserverLike<Result>): Result {
  return observer.getOptimisticResult(observer.options as never);
}
