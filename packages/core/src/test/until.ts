import type { Observable } from '../client/observe.js';

/** Resolves with the first state of `source` that satisfies `predicate` (checking the current one first). */
export function until<State>(
  source: Observable<State>,
  predicate: (state: State) => boolean,
): Promise<State> {
  return new Promise((resolve) => {
    let stop: (() => void) | undefined;
    let done = false;
    stop = source.observe((state) => {
      if (done || !predicate(state)) return;
      done = true;
      stop?.();
      resolve(state);
    });
    if (done) stop();
  });
}

/** Resolves with the first state of a zustand store that satisfies `predicate` (checking the current one first). */
export function untilState<State>(
  store: { getState(): State; subscribe(listener: (state: State) => void): () => void },
  predicate: (state: State) => boolean,
): Promise<State> {
  return until(
    {
      observe(listener) {
        const stop = store.subscribe(listener);
        listener(store.getState());
        return stop;
      },
    },
    predicate,
  );
}

/** The current state of `source`, read once. */
export function stateOf<State>(source: Observable<State>): State {
  let current: State | undefined;
  source.observe((state) => {
    current = state;
  })();
  return current as State;
}
