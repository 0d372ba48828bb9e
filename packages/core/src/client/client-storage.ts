import type { Viewer } from '@confide/protocol';
import { createJSONStorage, type PersistStorage } from 'zustand/middleware';
import type { Mutate, StoreApi } from 'zustand/vanilla';
import type { Logger } from '../lib/logger.js';
import { detachedStorage, type SaveState, type StorageAdapter } from '../storage/storage.js';
import type { ConfideStores } from './client-context.js';

/**
 * The storage key prefix for one viewer. Drafts and queued sends are kept per person: on a shared device the
 * next person must never see, or worse send, someone else's queued messages. The format's version is stored
 * with the value (zustand's `persist`), not in the key.
 */
export function storageNamespace(prefix: string, viewer: Viewer): string {
  return `${prefix}:${viewer.firm.id}:${viewer.role}:${viewer.id}`;
}

/**
 * Points one store at the viewer's storage, reads it back, and returns how to detach it again. Each write's outcome
 * sets the store's `saving` (see `SaveState`); only the latest write's counts, as an earlier one may land later.
 */
async function attach<State extends { readonly saving: SaveState }, Saved>(
  store: Mutate<StoreApi<State>, [['zustand/persist', Saved]]>,
  key: string,
  adapter: StorageAdapter,
  logger: Logger,
): Promise<() => void> {
  const json = createJSONStorage<Saved>(() => adapter) as PersistStorage<Saved>;
  // Writes begin only after the read, so an empty store at start-up never overwrites what a previous page saved.
  let writable = false;
  let latestWrite = 0;
  // Setting `saving` writes the store once more (`persist` saves on every change): that write finds it unchanged.
  const record = (saving: SaveState) => {
    if (store.getState().saving !== saving) store.setState({ saving } as Partial<State>);
  };
  store.persist.setOptions({
    name: key,
    storage: {
      getItem: json.getItem,
      removeItem: json.removeItem,
      setItem(name, value) {
        if (!writable) return;
        latestWrite += 1;
        const write = latestWrite;
        // The executor turns a synchronous throw into a rejection too, and still writes at once.
        new Promise((resolve) => resolve(json.setItem(name, value))).then(
          () => write === latestWrite && record('saved'),
          () => {
            logger.warn('Could not save state', { key: name });
            if (write !== latestWrite) return;
            // The copy saved before would come back on a reload as if it were the latest text, or bring back a send
            // discarded since: no copy is less surprising, and `saving` says so.
            new Promise((resolve) => resolve(json.removeItem(name))).catch(() => {});
            record('failed');
          },
        );
      },
    },
    onRehydrateStorage: () => (_state, error) => {
      if (error !== undefined) logger.warn('Ignored unreadable saved state', { key });
    },
  });
  await store.persist.rehydrate();
  writable = true;
  // Saves the merged state at once: what the page did while the read was pending joins what was saved.
  store.setState({});
  return () => store.persist.setOptions({ storage: detachedStorage() });
}

/** Restores the draft and outbox stores from the viewer's storage and keeps saving them; resolves to a stop. */
export async function persistClientStores(
  stores: ConfideStores,
  storage: StorageAdapter,
  namespace: string,
  logger: Logger,
): Promise<() => void> {
  const stops = await Promise.all([
    attach(stores.composer, `${namespace}:drafts`, storage, logger),
    attach(stores.outbox, `${namespace}:outbox`, storage, logger),
  ]);
  return () => {
    for (const stop of stops) stop();
  };
}
