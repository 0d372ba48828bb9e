import { ApiError, forbidden, notFound } from '../errors/api-error.js';
import type { ContactRow, ConversationRow, MessageRow } from '../store/rows.js';
import type { StoreQueries } from '../store/store.js';
import { isFirmAdmin, type ViewerIdentity } from './viewer.js';

/** A conversation the viewer may open, with its contact. */
export interface AccessibleConversation {
  readonly conversation: ConversationRow;
  readonly contact: ContactRow;
}

/**
 * Loads a conversation the viewer may see: a member sees every conversation of their firm, a client only their
 * own. Anything else answers `not_found`, exactly like an id that does not exist, so ids leak nothing.
 */
export async function loadAccessibleConversation(
  store: StoreQueries,
  viewer: ViewerIdentity,
  conversationId: string,
): Promise<AccessibleConversation> {
  const found = await store.getConversationWithContact(conversationId);
  if (!found || found.conversation.firmId !== viewer.firm.id) throw notFound('Conversation');
  if (viewer.kind === 'client' && found.conversation.contactId !== viewer.contact.id)
    throw notFound('Conversation');
  return found;
}

/** Whether the viewer may see a message of a conversation they may open: clients never see internal notes. */
export function canSeeMessage(viewer: ViewerIdentity, message: MessageRow): boolean {
  return viewer.kind === 'member' || !message.internal;
}

/** Throws `forbidden` unless the viewer is a firm member. */
export function requireMember(
  viewer: ViewerIdentity,
): asserts viewer is Extract<ViewerIdentity, { kind: 'member' }> {
  if (viewer.kind !== 'member') throw forbidden('Only firm members may do this');
}

/** Throws `forbidden` unless the viewer is the firm's owner or an admin. */
export function requireFirmAdmin(
  viewer: ViewerIdentity,
): asserts viewer is Extract<ViewerIdentity, { kind: 'member' }> {
  if (!isFirmAdmin(viewer)) throw forbidden('Only the firm owner or an admin may do this');
}

/**
 * Throws `portal_inactive` (409, the status in `details.reason`) unless the client's portal is active: a client
 * whose portal is not active cannot be sent a message.
 */
export function requireActivePortal(contact: ContactRow): void {
  if (contact.portalStatus !== 'active') {
    throw new ApiError('portal_inactive', "The client's portal is not active", {
      reason: contact.portalStatus,
    });
  }
}
