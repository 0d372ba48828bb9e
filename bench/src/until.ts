/** Anything the SDK exposes headlessly: a snapshot and change notifications. */
export interface Readable<State> {
  getSnapshot(): State;
  subscribe(listener: (state: State) => void): () => void;
}

/** Resolves with the first state (current or later) for which `done` holds, and unsubscribes. */
export function until<State>(source: Readable<State>, done: (state: State) => boolean): Promise<State> {
  return new Promise((resolve) => {
    let stop: (() => void) | undefined;
    let finished = false;
    const check = (state: State) => {
      if (finished || !done(state)) return;
      finished = true;
      stop?.();
      resolve(state);
    };
    stop = source.subscribe(check);
    if (finished) stop();
    else check(source.getSnapshot());
  });
}
