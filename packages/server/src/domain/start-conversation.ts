import { ApiError, forbidden, invalidInput, notFound } from '../errors/api-error.js';
import type { ContactRow, ConversationRow, MessageRow, NewEvent } from '../store/rows.js';
import type { StoreQueries, StoreTransaction } from '../store/store.js';
import type { DomainContext } from './context.js';
import { messageAudience, newMessageRow, planMessageEffects } from './message-effects.js';
import { DEFAULT_CLIENT_STARTED_THREAD } from './notification-recipients.js';
import { nameBookOf, presentConversation, presentMessage } from './present.js';
import type { SendOptions } from './send-message.js';
import { runUnitOfWork } from './unit-of-work.js';
import { type ViewerIdentity, viewerAudience, viewerRef } from './viewer.js';
import type { WireConversation, WireMessage } from './wire.js';

/** Body of `POST /v1/conversations`, as parsed by the protocol. */
export interface StartConversationInput {
  readonly contactId?: string | undefined;
  readonly subject: string;
  readonly body: string;
  readonly idempotencyKey: string;
  readonly matter?: { readonly id: string; readonly label: string } | undefined;
}

/** A started conversation with its first message, as the viewer sees them. */
export interface StartedConversation {
  readonly conversation: WireConversation;
  readonly message: WireMessage;
}

/** Thrown inside the transaction when a racing request won, so everything this one wrote rolls back. */
class LostIdempotencyRace extends Error {
  constructor(readonly winner: MessageRow) {
    super('Lost an idempotency race');
  }
}

async function chooseContact(
  store: StoreQueries,
  viewer: ViewerIdentity,
  contactId: string | undefined,
): Promise<ContactRow> {
  if (viewer.kind === 'client') {
    if (contactId !== undefined) throw forbidden('Clients start conversations only for themselves');
    const contact = await store.getContact(viewer.contact.id);
    if (!contact) throw notFound('Contact');
    return contact;
  }
  if (contactId === undefined) throw invalidInput(['contactId'], 'Members must choose a contact');
  const contact = await store.getContact(contactId);
  if (!contact || contact.firmId !== viewer.firm.id) throw notFound('Contact');
  if (contact.portalStatus !== 'active') {
    throw new ApiError('portal_inactive', "The client's portal is not active", {
      reason: contact.portalStatus,
    });
  }
  return contact;
}

/** Presents an earlier start with the same key, or refuses a key that was used for something else. */
async function replay(
  store: StoreQueries,
  viewer: ViewerIdentity,
  message: MessageRow,
): Promise<StartedConversation> {
  const conversation = await store.getConversation(message.conversationId);
  const startedHere =
    conversation !== null &&
    conversation.startedBy.kind === message.author.kind &&
    conversation.startedBy.id === message.author.id &&
    conversation.createdAt === message.createdAt;
  const contact = conversation === null ? null : await store.getContact(conversation.contactId);
  if (!startedHere || !contact)
    throw new ApiError('conflict', 'This idempotency key was already used for another message');
  const names = nameBookOf(viewer, [contact]);
  const clientRead =
    viewer.kind === 'member'
      ? await store.getReadState(conversation.id, { kind: 'client', id: contact.id })
      : null;
  return {
    conversation: presentConversation(conversation, contact, names, viewerAudience(viewer), clientRead),
    message: presentMessage(message, names),
  };
}

/** Writes the conversation and its first message; throws `LostIdempotencyRace` when a racing twin won. */
async function insertStart(
  tx: StoreTransaction,
  context: DomainContext,
  viewer: ViewerIdentity,
  contact: ContactRow,
  input: StartConversationInput,
): Promise<{ conversation: ConversationRow; message: MessageRow; events: readonly NewEvent[] }> {
  const author = viewerRef(viewer);
  const now = context.clock.now().toISOString();
  const conversation = await tx.insertConversation({
    id: context.createId('cnv'),
    firmId: viewer.firm.id,
    contactId: contact.id,
    subject: input.subject,
    matterId: input.matter?.id ?? null,
    matterLabel: input.matter?.label ?? null,
    startedBy: author,
    createdAt: now,
  });
  const message = newMessageRow(context, conversation, {
    author,
    body: input.body,
    internal: false,
    idempotencyKey: input.idempotencyKey,
    createdAt: now,
  });
  // The first message's activity equals the conversation's creation (same time), so the row as created is
  // what the events and the answer show.
  const settings = viewer.kind === 'client' ? await tx.getNotificationSettings(conversation.firmId) : null;
  const started = { setting: settings?.clientStartedThread ?? DEFAULT_CLIENT_STARTED_THREAD };
  const planned = planMessageEffects(context, { viewer, conversation, contact, message, started });
  const { seq: _assignedByStore, ...newMessage } = message;
  const inserted = await tx.insertMessage(newMessage, {
    audit: {
      id: context.createId('aud'),
      firmId: conversation.firmId,
      actor: author,
      action: 'conversation.started',
      targetId: conversation.id,
      requestId: context.requestId,
      at: conversation.createdAt,
    },
    notifications: planned.notifications,
    mails: planned.mails,
  });
  if (!inserted.created) throw new LostIdempotencyRace(inserted.message);
  return { conversation, message: inserted.message, events: planned.events };
}

/**
 * Starts a conversation with its first message. Members write only to their own firm's contacts with an active
 * portal (`portal_inactive` otherwise, `not_found` for other firms); clients only for themselves, never naming a
 * contact. Idempotent like `sendMessage`: a repeated key returns the original conversation and message.
 */
export async function startConversation(
  context: DomainContext,
  viewer: ViewerIdentity,
  input: StartConversationInput,
  options: SendOptions = {},
): Promise<StartedConversation> {
  const author = viewerRef(viewer);
  const replayed = async (store: StoreQueries, winner: MessageRow) => {
    const started = await replay(store, viewer, winner);
    await options.onReplay?.();
    return started;
  };
  try {
    return await runUnitOfWork(context, async (tx, emit) => {
      const contact = await chooseContact(tx, viewer, input.contactId);
      const earlier = await tx.findMessageByIdempotencyKey(author, input.idempotencyKey);
      if (earlier) return replayed(tx, earlier);
      const { conversation, message, events } = await insertStart(tx, context, viewer, contact, input);
      const names = nameBookOf(viewer, [contact]);
      const wireMessage = presentMessage(message, names);
      const firmView = presentConversation(conversation, contact, names, 'firm', null);
      await emit(
        'conversation.created',
        { conversation: firmView, message: wireMessage },
        messageAudience(conversation, false),
      );
      for (const event of events) emit(event.type, event.payload, event.audience);
      const viewerView = presentConversation(conversation, contact, names, viewerAudience(viewer), null);
      return { conversation: viewerView, message: wireMessage };
    });
  } catch (error) {
    if (error instanceof LostIdempotencyRace) return replayed(context.store, error.winner);
    throw error;
  }
}

/** The conversation an earlier start with this key created, as the viewer sees it, or null when there is none. */
export async function findStartedConversation(
  context: DomainContext,
  viewer: ViewerIdentity,
  idempotencyKey: string,
): Promise<StartedConversation | null> {
  const earlier = await context.store.findMessageByIdempotencyKey(viewerRef(viewer), idempotencyKey);
  return earlier ? replay(context.store, viewer, earlier) : null;
}
