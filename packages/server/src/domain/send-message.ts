import { ApiError, forbidden } from '../errors/api-error.js';
import type { MessageRow } from '../store/rows.js';
import { loadAccessibleConversation } from './access.js';
import type { DomainContext } from './context.js';
import { messageAudience, newMessageRow, planMessageEffects } from './message-effects.js';
import { nameBookOf, presentMessage } from './present.js';
import { type ViewerIdentity, viewerRef } from './viewer.js';
import type { WireMessage } from './wire.js';

/** Hooks of `sendMessage` and `startConversation`. */
export interface SendOptions {
  /** Called when the idempotency key was used before, so nothing new was written (the rate limit refunds it). */
  readonly onReplay?: (() => Promise<void>) | undefined;
}

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
 * Sends a message (members: optionally an internal note) with its e-mail, notifications, audit entry and events.
 * After one read (the conversation with its contact; the viewer came with the firm's members), everything is
 * planned in memory and written by one store call: on SQL one statement, so one short transaction whose event
 * ordering lock is held only for that statement. The same idempotency key from the same author returns the
 * original message and causes nothing else, also when two identical requests race.
 */
export async function sendMessage(
  context: DomainContext,
  viewer: ViewerIdentity,
  conversationId: string,
  input: SendMessageInput,
  options: SendOptions = {},
): Promise<WireMessage> {
  const internal = input.internal === true;
  if (internal && viewer.kind !== 'member') throw forbidden('Only firm members may write internal notes');
  const author = viewerRef(viewer);
  const { conversation, contact } = await loadAccessibleConversation(context.store, viewer, conversationId);
  const names = nameBookOf(viewer, [contact]);
  const message = newMessageRow(context, conversation, {
    author,
    body: input.body,
    internal,
    idempotencyKey: input.idempotencyKey,
    createdAt: context.clock.now().toISOString(),
  });
  const wire = presentMessage(message, names);
  const planned = planMessageEffects(context, { viewer, conversation, contact, message, started: false });
  const { seq: _assignedByStore, ...newMessage } = message;
  const written = await context.store.insertMessage(newMessage, {
    audit: {
      id: context.createId('aud'),
      firmId: conversation.firmId,
      actor: author,
      action: internal ? 'note.added' : 'message.sent',
      targetId: message.id,
      requestId: context.requestId,
      at: message.createdAt,
    },
    notifications: planned.notifications,
    mails: planned.mails,
    // The message's own event goes first, so subscribers can resolve the notifications that follow it.
    events: [
      {
        type: 'message.created',
        payload: { message: wire },
        audience: messageAudience(conversation, internal),
        createdAt: message.createdAt,
      },
      ...planned.events,
    ],
  });
  if (!written.created) {
    const replayed = presentMessage(replayOrConflict(written.message, conversation.id), names);
    await options.onReplay?.();
    return replayed;
  }
  await context.notifier.notify(written.lastEventSeq);
  return wire;
}

/**
 * The message an earlier send with this key created, as the viewer sees it, or null when there is none: a
 * retry of a send that already went through is answered even when the sender is over the rate limit.
 */
export async function findSentMessage(
  context: DomainContext,
  viewer: ViewerIdentity,
  conversationId: string,
  idempotencyKey: string,
): Promise<WireMessage | null> {
  const earlier = await context.store.findMessageByIdempotencyKey(viewerRef(viewer), idempotencyKey);
  if (!earlier) return null;
  const { contact } = await loadAccessibleConversation(context.store, viewer, conversationId);
  return presentMessage(replayOrConflict(earlier, conversationId), nameBookOf(viewer, [contact]));
}
