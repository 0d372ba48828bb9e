import { createStore } from 'zustand/vanilla';
import type { ConfideError } from '../../errors/confide-error.js';
import type { ConnectionStatus } from '../../transport/transport.js';

/** The connection store's state: the live stream's status, whether the device is online, and their setters. */
export interface ConnectionState {
  /** The live event stream's status. */
  readonly status: ConnectionStatus;
  /** Whether the network is reachable; sends wait in the outbox while it is not. @default true */
  readonly online: boolean;
  /** What last dropped the stream, or `null`. */
  readonly lastError: ConfideError | null;
  /** Records a stream status change. */
  setStatus(status: ConnectionStatus, error?: ConfideError): void;
  /** Records that the device went on- or offline. */
  setOnline(online: boolean): void;
}

/** Creates one client's connection store. */
export function createConnectionStore() {
  return createStore<ConnectionState>()((set) => ({
    status: 'idle',
    online: true,
    lastError: null,
    setStatus(status, error) {
      set((state) => ({ status, lastError: error ?? (status === 'open' ? null : state.lastError) }));
    },
    setOnline(online) {
      set({ online });
    },
  }));
}

/** A connection store made by `createConnectionStore`. */
export type ConnectionStore = ReturnType<typeof createConnectionStore>;
