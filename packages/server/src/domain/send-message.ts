import { ApiError, forbidden } from '../errors/api-error.js';
import type { MessageRow } from '../store/rows.js';
import { loadAccessibleConversation } from './access.js';
import type { DomainContext } from './context.js';
import { applyMessageEffects, messageAudience } from './message-effects.js';
import { loadNameBook, presentMessage } from './present.js';
import { runUnitOfWork } from './unit-of-work.js';
import { type ViewerIdentity, viewerRef } from './viewer.js';
import type { WireMessage } from './wire.js';

/** Body of `POST /v1/conversations/:id/messages`, as parsed by the protocol. */
export interface SendMessageInput {
  readonly body: string;
  readonly idempotencyKey: string;
  readonly internal?: boolean | undefined;
}

function replayOrConflict(existing: MessageRow, conversationId: string): MessageRow {
  if (existing.conversationId !== conversationId) {
    throw new ApiError('conflict', 'This idempotency key was already used for another conversation');
  }
  return existing;
}

/**
 * Sends a message (members: optionally an internal note) in one transaction with its e-mail, notifications,
 * audit entry and events. The same idempotency key from the same author returns the original message and
 * causes nothing else, also when two identical requests race.
 */
export async function sendMessage(
  context: DomainContext,
  viewer: ViewerIdentity,
  conversationId: string,
  input: SendMessageInput,
): Promise<WireMessage> {
  const internal = input.internal === true;
  if (internal && viewer.kind !== 'member') throw forbidden('Only firm members may write internal notes');
  const author = viewerRef(viewer);
  return runUnitOfWork(context, async (tx, emit) => {
    const { conversation, contact } = await loadAccessibleConversation(tx, viewer, conversationId);
    const names = await loadNameBook(tx, viewer.firm.id, [contact]);
    const earlier = await tx.findMessageByIdempotencyKey(author, input.idempotencyKey);
    if (earlier) return presentMessage(replayOrConflict(earlier, conversation.id), names);
    const inserted = await tx.insertMessage({
      id: context.createId('msg'),
      conversationId: conversation.id,
      firmId: conversation.firmId,
      author,
      body: input.body,
      internal,
      idempotencyKey: input.idempotencyKey,
      createdAt: context.clock.now().toISOString(),
    });
    if (!inserted.created) return presentMessage(replayOrConflict(inserted.message, conversation.id), names);
    const { message } = inserted;
    await tx.appendAudit({
      id: context.createId('aud'),
      firmId: conversation.firmId,
      actor: author,
      action: internal ? 'note.added' : 'message.sent',
      targetId: message.id,
      requestId: context.requestId,
      at: message.createdAt,
    });
    // The message's own event goes first, so subscribers can resolve the notifications that follow it.
    const wire = presentMessage(message, names);
    await emit('message.created', { message: wire }, messageAudience(conversation, internal));
    await applyMessageEffects(tx, emit, context, { viewer, conversation, contact, message, started: false });
    return wire;
  });
}
