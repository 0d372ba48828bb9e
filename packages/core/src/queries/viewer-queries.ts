import type { Transport } from '../transport/transport.js';
import { DIRECTORY_STALE_TIME_MS, type QueryContext, retryQuery } from './query-defaults.js';
import type { ConfideKeys } from './query-keys.js';

/** Query options for the viewer, the firm's contacts and members. */
export function viewerQueries(transport: Transport, keys: ConfideKeys) {
  return {
    /** The signed-in person. */
    viewer: () => ({
      queryKey: keys.viewer(),
      queryFn: ({ signal }: QueryContext) => transport.getViewer({ signal }),
      staleTime: Number.POSITIVE_INFINITY,
      retry: retryQuery,
    }),
    /** The firm's contacts, optionally searched (members only). */
    contacts: (query = '') => ({
      queryKey: keys.contacts(query),
      queryFn: ({ signal }: QueryContext) => transport.listContacts(query ? { query } : {}, { signal }),
      staleTime: DIRECTORY_STALE_TIME_MS,
      retry: retryQuery,
    }),
    /** The firm's members (members only). */
    members: () => ({
      queryKey: keys.members(),
      queryFn: ({ signal }: QueryContext) => transport.listMembers({ signal }),
      staleTime: DIRECTORY_STALE_TIME_MS,
      retry: retryQuery,
    }),
  };
}
