import type { StoreApi } from 'zustand/vanilla';
import type { Logger } from '../lib/logger.js';
import type { StorageAdapter } from '../storage/storage.js';

/** How one store is saved: which slice, under which key, and how to put a saved slice back. */
export interface PersistOptions<State, Saved> {
  readonly key: string;
  readonly storage: StorageAdapter;
  readonly logger: Logger;
  readonly select: (state: State) => Saved;
  readonly restore: (saved: unknown, state: State) => void;
}

/** A running persistence link. */
export interface PersistHandle {
  /** Resolves once the saved slice has been read back into the store. */
  readonly ready: Promise<void>;
  /** Stops writing. */
  stop(): void;
}

/**
 * Reads a store's saved slice back from storage, then writes the slice whenever it changes. Writes begin only
 * after the read, so an empty store at start-up never overwrites what a previous page saved.
 */
export function persistStore<State, Saved>(
  store: StoreApi<State>,
  options: PersistOptions<State, Saved>,
): PersistHandle {
  let stopped = false;
  let unsubscribe = () => {};
  const ready = (async () => {
    try {
      const raw = await options.storage.getItem(options.key);
      if (raw !== null && !stopped) options.restore(JSON.parse(raw), store.getState());
    } catch {
      options.logger.warn('Ignored unreadable saved state', { key: options.key });
    }
    if (stopped) return;
    unsubscribe = store.subscribe((state, previous) => {
      const saved = options.select(state);
      if (saved === options.select(previous)) return;
      void Promise.resolve(options.storage.setItem(options.key, JSON.stringify(saved))).catch(() =>
        options.logger.warn('Could not save state', { key: options.key }),
      );
    });
  })();
  return {
    ready,
    stop() {
      stopped = true;
      unsubscribe();
    },
  };
}
