import type { StoreApi } from 'zustand/vanilla';
import type { Observable } from '../client/observe.js';

/** Resolves with the first state of `source` that satisfies `predicate` (checking the current one first). */
export function until<State>(
  source: Observable<State>,
  predicate: (state: State) => boolean,
): Promise<State> {
  return new Promise((resolve) => {
    let done = false;
    // Stops at once (not a turn later): a test that goes on to load a page must not lose it to the last
    // observer leaving. The first call can come before `observe` has returned `stop`.
    let stop: (() => void) | undefined;
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
  store: StoreApi<State>,
  predicate: (state: State) => boolean,
): Promise<State> {
  const observe = (listener: (state: State) => void) => {
    listener(store.getState());
    return store.subscribe(listener);
  };
  return until({ observe }, predicate);
}

/** The current state of `source`, read once. */
export function stateOf<State>(source: Observable<State>): State {
  let current: State | undefined;
  source.observe((state) => {
    current = state;
  })();
  return current as State;
}
