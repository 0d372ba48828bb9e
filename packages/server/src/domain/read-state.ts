import { notFound } from '../errors/api-error.js';
import type { EventAudience, ReadStateRow } from '../store/rows.js';
import { canSeeMessage, loadAccessibleConversation } from './access.js';
import type { DomainContext } from './context.js';
import { memberOnlyAudience } from './notifications.js';
import { runUnitOfWork } from './unit-of-work.js';
import { type ViewerIdentity, viewerAudience, viewerRef } from './viewer.js';

/** The answer of `POST /v1/conversations/:id/read`. */
export interface MarkReadResult {
  readonly upToMessageId: string;
  readonly unreadCount: number;
  readonly unreadTotal: number;
}

/**
 * Who hears about a read: a client's read reaches every member (one-sided read receipts) and the client's own
 * other tabs; a member's read reaches only that member, never the client or colleagues.
 */
export function readAudience(firmId: string, state: ReadStateRow): EventAudience {
  return state.reader.kind === 'client'
    ? { firmId, allMembers: true, memberIds: [], contactId: state.reader.id }
    : { firmId, allMembers: false, memberIds: [state.reader.id], contactId: null };
}

/**
 * Marks a conversation read up to a message the viewer may see (an internal note is `not_found` for a client).
 * Horizons only move forward; a move is audited and announced, a step back changes nothing. A member's move also
 * marks read their notifications about the messages it covers, announced to their streams as `notification.read`.
 */
export async function markConversationRead(
  context: DomainContext,
  viewer: ViewerIdentity,
  conversationId: string,
  upToMessageId: string,
): Promise<MarkReadResult> {
  const reader = viewerRef(viewer);
  const audience = viewerAudience(viewer);
  return runUnitOfWork(context, async (tx, emit) => {
    const { conversation } = await loadAccessibleConversation(tx, viewer, conversationId);
    const message = await tx.getMessage(upToMessageId);
    if (!message || message.conversationId !== conversation.id || !canSeeMessage(viewer, message)) {
      throw notFound('Message');
    }
    const readAt = context.clock.now().toISOString();
    const proposed = {
      conversationId: conversation.id,
      reader,
      upToMessageId: message.id,
      upToSeq: message.seq,
      readAt,
    };
    const previous = await tx.getReadState(conversation.id, reader);
    const stored = await tx.advanceReadState(proposed);
    if (!previous || previous.upToSeq < message.seq) {
      await tx.appendAudit({
        id: context.createId('aud'),
        firmId: conversation.firmId,
        actor: reader,
        action: 'conversation.read',
        targetId: conversation.id,
        requestId: context.requestId,
        at: readAt,
      });
      const data = { conversationId: conversation.id, reader, upToMessageId: message.id, readAt };
      await emit('conversation.read', data, readAudience(conversation.firmId, stored));
      if (viewer.kind === 'member') {
        // The member has now read what their notifications about this conversation pointed to (DESIGN, behaviour 3).
        const memberId = viewer.member.id;
        const ids = await tx.markConversationNotificationsRead(
          memberId,
          conversation.id,
          message.seq,
          readAt,
        );
        if (ids.length > 0) {
          const unreadCount = await tx.countUnreadNotifications(memberId);
          await emit(
            'notification.read',
            { ids, readAt, unreadCount },
            memberOnlyAudience(conversation.firmId, memberId),
          );
        }
      }
    }
    const scope = { audience, reader };
    const contactId = viewer.kind === 'client' ? viewer.contact.id : undefined;
    return {
      upToMessageId: stored.upToMessageId,
      unreadCount: await tx.countUnread(conversation.id, scope),
      unreadTotal: await tx.countUnreadTotal({ ...scope, firmId: conversation.firmId, contactId }),
    };
  });
}
