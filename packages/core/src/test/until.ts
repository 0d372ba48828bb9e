import type { Readable } from '../lib/readable.js';

/** Resolves with the first snapshot of `readable` that satisfies `predicate` (checking the current one first). */
export function until<Snapshot>(
  readable: Readable<Snapshot>,
  predicate: (snapshot: Snapshot) => boolean,
): Promise<Snapshot> {
  return new Promise((resolve) => {
    let stop: (() => void) | undefined;
    let done = false;
    const check = (snapshot: Snapshot) => {
      if (done || !predicate(snapshot)) return;
      done = true;
      stop?.();
      resolve(snapshot);
    };
    stop = readable.subscribe(check);
    check(readable.getSnapshot());
    if (done) stop();
  });
}

/** Resolves with the first state of a zustand store that satisfies `predicate` (checking the current one first). */
export function untilState<State>(
  store: { getState(): State; subscribe(listener: (state: State) => void): () => void },
  predicate: (state: State) => boolean,
): Promise<State> {
  return until({ getSnapshot: store.getState, subscribe: store.subscribe }, predicate);
}
