import type { Transport } from '../transport/transport.js';
import { singleQuery } from './query-defaults.js';
import type { ConfideKeys } from './query-keys.js';

/** Query options for the viewer, the firm's contacts and members. */
export function viewerQueries(transport: Transport, keys: ConfideKeys) {
  return {
    /**
     * The signed-in person. Kept while no component reads it, whatever `gcTime` a host's QueryClient gives (the
     * client removes it on `dispose()`): without it the client cannot tell its own messages from others'.
     */
    viewer: () => ({
      ...singleQuery(keys.viewer(), (signal) => transport.getViewer({ signal }), Number.POSITIVE_INFINITY),
      gcTime: Number.POSITIVE_INFINITY,
    }),
    /** The firm's contacts, optionally searched (members only). */
    contacts: (query = '') =>
      singleQuery(keys.contacts(query), (signal) =>
        transport.listContacts(query ? { query } : {}, { signal }),
      ),
    /** The firm's members (members only). */
    members: () => singleQuery(keys.members(), (signal) => transport.listMembers({ signal })),
  };
}
