'use client';
import type { ConnectionStatus } from '@confide/core';
import { useStore } from 'zustand';
import { useConfideClient } from './use-client.js';

/** The live connection as a UI needs it. */
export interface UseConnectionResult {
  /** Whether the device is online (sends wait while it is not). */
  readonly online: boolean;
  /** The live event stream's status. */
  readonly status: ConnectionStatus;
}

/**
 * Whether the device is online and the live stream is open, for an offline banner.
 *
 * @example
 * const { online } = useConnection();
 */
export function useConnection(): UseConnectionResult {
  const { connection } = useConfideClient().stores;
  const online = useStore(connection, (state) => state.online);
  const status = useStore(connection, (state) => state.status);
  return { online, status };
}
