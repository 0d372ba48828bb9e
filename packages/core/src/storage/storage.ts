import type { PersistOptions, PersistStorage, StateStorage } from 'zustand/middleware';

/**
 * Where drafts and the outbox survive a reload: zustand's `StateStorage`. `getItem(key)` answers the stored
 * string (JSON) or `null`; `setItem(key, value)` stores it and `removeItem(key)` forgets it. Each may answer
 * synchronously (localStorage) or with a promise (IndexedDB, React Native's AsyncStorage). Only drafts and queued
 * sends are written: never tokens.
 */
export type StorageAdapter = StateStorage;

/** Storage that lives as long as the page: the default, so nothing is written to disk unless the host opts in. */
export function memoryStorage(): StorageAdapter {
  const values = new Map<string, string>();
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => values.set(key, value),
    removeItem: (key) => values.delete(key),
  };
}

/**
 * Storage in the browser's `localStorage`, looked up when this is called (never at import, so the SDK still
 * loads on a server). Drafts then survive a reload on this device; on a shared computer prefer the default.
 * Quota and privacy-mode errors are swallowed: losing a saved draft must not break sending.
 */
export function localStorageAdapter(
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined = globalThis.localStorage,
): StorageAdapter {
  if (!storage)
    throw new TypeError('localStorage is not available here; pass a storage or use memoryStorage()');
  const safely = <Result>(call: () => Result, fallback: Result): Result => {
    try {
      return call();
    } catch {
      return fallback;
    }
  };
  return {
    getItem: (key) => safely(() => storage.getItem(key), null),
    setItem: (key, value) => safely(() => storage.setItem(key, value), undefined),
    removeItem: (key) => safely(() => storage.removeItem(key), undefined),
  };
}

/**
 * A store's storage before `mount()` knows whose drafts and sends they are: nothing is read or written. The client
 * swaps in the viewer's own storage when it mounts and this one back when it is disposed.
 */
export function detachedStorage<Saved>(): PersistStorage<Saved> {
  return { getItem: () => null, setItem: () => {}, removeItem: () => {} };
}

/** The version of the saved drafts and outbox format, stored inside each value. */
const SAVED_FORMAT_VERSION = 1;

/**
 * `persist` options of a store the client saves per viewer: detached and not read until `mount()`, saving what
 * `partialize` picks. Storage is not trusted: every value read, of any version, goes through `guard` (which keeps
 * what has today's shape) before `restore` merges it into the page's state.
 */
export function viewerPersistOptions<State, Saved>(
  name: string,
  partialize: (state: State) => Saved,
  guard: (saved: unknown) => Saved,
  restore: (saved: Saved, state: State) => State,
): PersistOptions<State, Saved> {
  return {
    name,
    storage: detachedStorage(),
    skipHydration: true,
    version: SAVED_FORMAT_VERSION,
    partialize,
    // No older format has been released: a value of another version keeps what still has today's shape.
    migrate: guard,
    merge: (saved, state) => restore(guard(saved), state),
  };
}
