/** Something whose state a headless UI follows: `observe` calls the listener at once and on every change. */
export interface Observable<State> {
  /** Calls `listener` with the current state now and with each new state; returns the function that stops it. */
  observe(listener: (state: State) => void): () => void;
}

/** Calls `emit` whenever one of `sources` changes; returns the function that stops listening to all of them. */
export function listenToAll(sources: readonly ((onChange: () => void) => () => void)[], emit: () => void) {
  const stops = sources.map((subscribe) => subscribe(emit));
  return () => {
    for (const stop of stops) stop();
  };
}
