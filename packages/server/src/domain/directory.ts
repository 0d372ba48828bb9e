import { PAGE_SIZE_DEFAULT } from '@confide/protocol';
import { decodeCursor, encodeCursor } from '../lib/cursor.js';
import type { StoreQueries } from '../store/store.js';
import { requireFirmAdmin, requireMember } from './access.js';
import { presentAuditEntry, presentContact, presentMember } from './present.js';
import type { ViewerIdentity } from './viewer.js';

/** The firm's contacts with portal status and assignees (members only). */
export async function listFirmContacts(store: StoreQueries, viewer: ViewerIdentity, query?: string) {
  requireMember(viewer);
  const rows = await store.listContacts(viewer.firm.id, query === '' ? undefined : query);
  return { items: rows.map(presentContact) };
}

/** The firm's members (members only). */
export async function listFirmMembers(store: StoreQueries, viewer: ViewerIdentity) {
  requireMember(viewer);
  return { items: (await store.listMembers(viewer.firm.id)).map(presentMember) };
}

/** The firm's audit log, newest first (owners and admins). */
export async function listFirmAudit(
  store: StoreQueries,
  viewer: ViewerIdentity,
  input: { readonly cursor?: string | undefined; readonly limit?: number | undefined },
) {
  requireFirmAdmin(viewer);
  const limit = input.limit ?? PAGE_SIZE_DEFAULT;
  const rows = await store.listAudit({
    firmId: viewer.firm.id,
    beforeSeq: decodeCursor('audit', input.cursor, 'cursor'),
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(presentAuditEntry),
    nextCursor: rows.length > limit && last ? encodeCursor('audit', last.seq) : null,
  };
}
