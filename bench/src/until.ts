/** Anything the SDK exposes headlessly: `observe` calls the listener with the state at once and on every change. */
export interface Observable<State> {
  observe(listener: (state: State) => void): () => void;
}

/** Resolves with the first state (current or later) for which `done` holds, and stops observing. */
export function until<State>(source: Observable<State>, done: (state: State) => boolean): Promise<State> {
  return new Promise((resolve) => {
    let stop: (() => void) | undefined;
    let finished = false;
    stop = source.observe((state) => {
      if (finished || !done(state)) return;
      finished = true;
      stop?.();
      resolve(state);
    });
    if (finished) stop();
  });
}
