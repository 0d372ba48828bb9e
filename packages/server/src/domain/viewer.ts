import type { TokenClaims } from '../auth/token-verifier.js';
import { ApiError, forbidden } from '../errors/api-error.js';
import type { Audience, PartyRef } from '../store/rows.js';
import type { StoreQueries, ViewerRecord } from '../store/store.js';

/**
 * The signed-in person, loaded from the store after the token checked out, with their firm and its members
 * (the names of message authors), all in one statement.
 */
export type ViewerIdentity = ViewerRecord;

/**
 * Loads the person a token names. Authorisation comes from the token only: the member or contact must exist in
 * the firm the token names; a client must have an active portal.
 */
export async function resolveViewer(store: StoreQueries, claims: TokenClaims): Promise<ViewerIdentity> {
  const unknown = new ApiError('unauthenticated', 'The token names no known person');
  const viewer = await store.loadViewer(claims.firm, {
    kind: claims.role === 'member' ? 'member' : 'client',
    id: claims.sub,
  });
  if (!viewer) throw unknown;
  if (viewer.kind === 'client' && viewer.contact.portalStatus !== 'active')
    throw forbidden('The client portal is not active', 'portal_inactive');
  return viewer;
}

/**
 * Whether the person `viewer` names may still sign in, by `resolveViewer`'s rule read again now: false once the
 * host's directory no longer has them or, for a client, their portal is no longer active. For what outlives the
 * request that signed them in (an event stream). Store failures reject.
 */
export async function maySignInAgain(store: StoreQueries, viewer: ViewerIdentity): Promise<boolean> {
  const { kind, id } = viewerRef(viewer);
  try {
    await resolveViewer(store, { sub: id, role: kind, firm: viewer.firm.id });
    return true;
  } catch (error) {
    if (ApiError.is(error)) return false;
    throw error;
  }
}

/** The viewer as an author/reader reference. */
export function viewerRef(viewer: ViewerIdentity): PartyRef {
  return viewer.kind === 'member'
    ? { kind: 'member', id: viewer.member.id }
    : { kind: 'client', id: viewer.contact.id };
}

/** What the viewer may see: the whole firm side, or only what a client may. */
export function viewerAudience(viewer: ViewerIdentity): Audience {
  return viewer.kind === 'member' ? 'firm' : 'client';
}

/** Whether the viewer is the firm's owner or an admin. */
export function isFirmAdmin(viewer: ViewerIdentity): boolean {
  return viewer.kind === 'member' && (viewer.member.role === 'owner' || viewer.member.role === 'admin');
}
