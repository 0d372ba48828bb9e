import {
  alreadyAttached,
  announceChangedFiles,
  loadFilesOf,
  loadUploadsToAttach,
  planAttachments,
  presentSentFiles,
} from '../attachments/attach-uploads.js';
import { ApiError, forbidden } from '../errors/api-error.js';
import type { MessageRow, NewMessage } from '../store/rows.js';
import {
  AttachmentsUnavailableError,
  type InsertMessageResult,
  type MessageEffects,
  type StoreQueries,
} from '../store/store.js';
import { loadAccessibleConversation, requireActivePortal } from './access.js';
import type { DomainContext } from './context.js';
import { messageAudience, newMessageRow, planMessageEffects } from './message-effects.js';
import { nameBookOf, presentMessage } from './present.js';
import { type ViewerIdentity, viewerAudience, viewerRef } from './viewer.js';
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
  /** The sender's finished uploads to send with it, in order. */
  readonly attachmentIds?: readonly string[] | undefined;
}

/** `store.insertMessage`, answering an upload that a racing send attached first as `already_attached`. */
export async function insertWithFiles(
  store: StoreQueries,
  message: NewMessage,
  effects: MessageEffects,
): Promise<InsertMessageResult> {
  try {
    return await store.insertMessage(message, effects);
  } catch (error) {
    throw error instanceof AttachmentsUnavailableError ? alreadyAttached() : error;
  }
}

function replayOrConflict(existing: MessageRow, conversationId: string): MessageRow {
  if (existing.conversationId !== conversationId) {
    throw new ApiError('conflict', 'This idempotency key was already used for another conversation');
  }
  return existing;
}

/**
 * Sends a message (members: optionally an internal note) with its files, e-mail, notifications, audit entry and
 * events. After one read (the conversation with its contact; the viewer came with the firm's members; with files,
 * one more for the uploads), everything is planned in memory and written by one store call: on SQL one statement,
 * so one short transaction whose event ordering lock is held only for that statement. That write attaches the
 * files too, all or nothing, so two sends racing for one upload cannot both take it. The same idempotency key
 * from the same author returns the original message with its files and causes nothing else, also when two
 * identical requests race. A member's message to a client whose portal is not active is refused with
 * `portal_inactive` before its files are looked at or anything is written; internal notes never reach the client, so they
 * are not.
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
  const replay = async (earlier: MessageRow) => {
    const message = replayOrConflict(earlier, conversation.id);
    const replayed = presentMessage(message, names, await loadFilesOf(context.store, viewer, message));
    await options.onReplay?.();
    return replayed;
  };
  // A member's message (not a note) goes to the client, so it needs an active portal; a client reaches this only
  // with an active portal (sign-in refuses the rest). A retry of a send that went through before the portal was
  // deactivated sends nothing new and still gets its message back.
  if (viewer.kind === 'member' && !internal && contact.portalStatus !== 'active') {
    const earlier = await context.store.findMessageByIdempotencyKey(author, input.idempotencyKey);
    if (earlier) return replay(earlier);
    requireActivePortal(contact);
  }
  const createdAt = context.clock.now().toISOString();
  const uploads = await loadUploadsToAttach(context.store, viewer, input.attachmentIds ?? [], createdAt);
  const message = newMessageRow(context, conversation, {
    author,
    body: input.body,
    internal,
    idempotencyKey: input.idempotencyKey,
    createdAt,
    attachmentCount: uploads.length,
  });
  const files = planAttachments(context, viewer, { conversation, contact, message }, uploads);
  const planned = planMessageEffects(context, { viewer, conversation, contact, message, started: false });
  const { seq: _assignedByStore, attachmentCount: _countedByStore, ...newMessage } = message;
  const written = await insertWithFiles(context.store, newMessage, {
    audit: {
      id: context.createId('aud'),
      firmId: conversation.firmId,
      actor: author,
      action: internal ? 'note.added' : 'message.sent',
      targetId: message.id,
      requestId: context.requestId,
      at: message.createdAt,
    },
    notifications: [...planned.notifications, ...files.notifications],
    mails: planned.mails,
    // The message's own event goes first, so subscribers can resolve the notifications that follow it.
    events: [
      {
        type: 'message.created',
        payload: { message: presentMessage(message, names, presentSentFiles(files.rows, 'firm')) },
        audience: messageAudience(conversation, internal),
        createdAt: message.createdAt,
      },
      ...planned.events,
      ...files.events,
    ],
    attachments: files.write,
  });
  if (!written.created) return replay(written.message);
  await context.notifier.notify(written.lastEventSeq);
  await announceChangedFiles(context, conversation, files.rows, written.attachments);
  return presentMessage(
    written.message,
    names,
    presentSentFiles(written.attachments, viewerAudience(viewer)),
  );
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
  const message = replayOrConflict(earlier, conversationId);
  return presentMessage(
    message,
    nameBookOf(viewer, [contact]),
    await loadFilesOf(context.store, viewer, message),
  );
}
