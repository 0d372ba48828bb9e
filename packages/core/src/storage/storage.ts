import type { PersistOptions, PersistStorage, StateStorage } from 'zustand/middleware';

/**
 * How the pages that share one storage (a browser's tabs and windows) take turns and hear of each other's changes,
 * so that one of them sends what they queued together.
 */
export interface StorageSharing {
  /** Holds the lock `name` across the pages, first come first served: calls `onHeld` once granted, until `signal` aborts. */
  hold(name: string, signal: AbortSignal, onHeld: () => void): void;
  /** Listens on the channel `name` to what the other pages post; `post` reaches every other page listening on it. */
  channel(name: string, onMessage: (message: unknown) => void): SharingChannel;
}

/** One page's end of a `StorageSharing` channel. */
export interface SharingChannel {
  /** Sends a structured-cloneable value to the other pages. */
  post(message: unknown): void;
  /** Stops listening. */
  close(): void;
}

/**
 * Where drafts and the outbox survive a reload: zustand's `StateStorage`. `getItem(key)` answers the stored
 * string (JSON) or `null`; `setItem(key, value)` stores it and `removeItem(key)` forgets it. Each may answer
 * synchronously (localStorage) or with a promise (IndexedDB, React Native's AsyncStorage). Only drafts and queued
 * sends are written: never tokens. With `sharing`, clients of one viewer on this storage send each queued message
 * once between them; without it each sends what it finds.
 */
export interface StorageAdapter extends StateStorage {
  /** How the pages on this storage coordinate. @default none: each page works alone */
  readonly sharing?: StorageSharing | undefined;
}

/**
 * Whether the storage took a store's latest write: `failed` once it refused it (full, `QuotaExceededError`; Safari's
 * private mode; storage revoked), and then no saved copy is left, so a reload finds nothing rather than older text
 * that looks current; `saved` again once a later write is taken. Storage that lives as long as the page
 * (`memoryStorage()`, the default) never fails, but keeps nothing across a reload either.
 */
export type SaveState = 'saved' | 'failed';

/** Sharing between the clients of one JavaScript realm, for storage that lives in it (a lock queue and a message bus). */
function realmSharing(): StorageSharing {
  const holders = new Map<string, (() => void)[]>();
  const listeners = new Map<string, Set<(message: unknown) => void>>();
  return {
    hold(name, signal, onHeld) {
      if (signal.aborted) return;
      const queue = holders.get(name) ?? holders.set(name, []).get(name)!;
      const grant = () => queueMicrotask(() => signal.aborted || onHeld());
      queue.push(grant);
      if (queue.length === 1) grant();
      signal.addEventListener(
        'abort',
        () => {
          const wasHolding = queue[0] === grant;
          queue.splice(queue.indexOf(grant), 1);
          if (wasHolding) queue[0]?.();
        },
        { once: true },
      );
    },
    channel(name, onMessage) {
      const channel = listeners.get(name) ?? listeners.set(name, new Set()).get(name)!;
      channel.add(onMessage);
      return {
        post(message) {
          // Delivered later and as a copy, as a BroadcastChannel does.
          for (const listener of channel) {
            if (listener === onMessage) continue;
            const copy = structuredClone(message);
            queueMicrotask(() => channel.has(listener) && listener(copy));
          }
        },
        close: () => channel.delete(onMessage),
      };
    },
  };
}

/** Sharing between a browser's tabs (Web Locks and BroadcastChannel), or `undefined` where either is missing. */
function browserSharing(): StorageSharing | undefined {
  const locks = (globalThis.navigator as { locks?: LockManager } | undefined)?.locks;
  const Channel = globalThis.BroadcastChannel;
  if (!locks || !Channel) return undefined;
  return {
    hold(name, signal, onHeld) {
      const released = new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
      // Rejects (AbortError) when the signal aborts before the lock is granted: there is nothing to release then.
      locks
        .request(name, { signal }, () => {
          onHeld();
          return released;
        })
        .catch(() => {});
    },
    channel(name, onMessage) {
      const channel = new Channel(name);
      channel.onmessage = (event) => onMessage(event.data);
      return { post: (message) => channel.postMessage(message), close: () => channel.close() };
    },
  };
}

/**
 * Storage that lives as long as the page: the default, so nothing is written to disk unless the host opts in.
 * Clients given the same one share it like tabs share `localStorage`.
 */
export function memoryStorage(): StorageAdapter {
  const values = new Map<string, string>();
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => values.set(key, value),
    removeItem: (key) => values.delete(key),
    sharing: realmSharing(),
  };
}

/** The page's own `localStorage`: `undefined` where there is none, `'refused'` where the browser refuses it. */
function pageLocalStorage(): Storage | 'refused' | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    // Reading the property throws a SecurityError where site data is blocked (settings, a third-party frame).
    return 'refused';
  }
}

/**
 * Storage in the browser's `localStorage`, looked up when this is called (never at import, so the SDK still
 * loads on a server). Drafts then survive a reload on this device; on a shared computer prefer the default.
 * `setItem` throws what the browser throws (`QuotaExceededError` when full or in Safari's private mode), so the
 * client can say that a draft or a send is not saved (`saving: 'failed'` on its stores); reads and removals that
 * throw answer `null` and nothing. Where the browser refuses the page its `localStorage`, drafts live as long as
 * the page (`memoryStorage()`).
 */
export function localStorageAdapter(
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>,
): StorageAdapter {
  const own = pageLocalStorage();
  if (!storage && own === 'refused') return memoryStorage();
  storage ??= own === 'refused' ? undefined : own;
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
    setItem: (key, value) => storage.setItem(key, value),
    removeItem: (key) => safely(() => storage.removeItem(key), undefined),
    // Only the browser's own localStorage is shared by its tabs (a sessionStorage is one tab's).
    sharing: storage === own ? browserSharing() : undefined,
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
