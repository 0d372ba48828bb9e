import type { Transport } from '../transport/transport.js';
import { DIRECTORY_STALE_TIME_MS, type QueryContext } from './query-defaults.js';
import { confideKeys } from './query-keys.js';

/** Query options for the viewer, the firm's contacts and members. */
export function viewerQueries(transport: Transport) {
  return {
    /** The signed-in person. */
    viewer: () => ({
      queryKey: confideKeys.viewer(),
      queryFn: ({ signal }: QueryContext) => transport.getViewer({ signal }),
      staleTime: Number.POSITIVE_INFINITY,
    }),
    /** The firm's contacts, optionally searched (members only). */
    contacts: (query = '') => ({
      queryKey: confideKeys.contacts(query),
      queryFn: ({ signal }: QueryContext) => transport.listContacts(query ? { query } : {}, { signal }),
      staleTime: DIRECTORY_STALE_TIME_MS,
    }),
    /** The firm's members (members only). */
    members: () => ({
      queryKey: confideKeys.members(),
      queryFn: ({ signal }: QueryContext) => transport.listMembers({ signal }),
      staleTime: DIRECTORY_STALE_TIME_MS,
    }),
  };
}
