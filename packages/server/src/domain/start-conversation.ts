import {
  announceChangedFiles,
  loadFilesOf,
  loadUploadsToAttach,
  planAttachments,
  presentSentFiles,
} from '../attachments/attach-uploads.js';
import { ApiError, forbidden, invalidInput, notFound } from '../errors/api-error.js';
import type { AttachmentRow } from '../store/attachment-rows.js';
import type { ContactRow, ConversationRow, MessageRow, NewEvent } from '../store/rows.js';
import type { StoreQueries, StoreTransaction } from '../store/store.js';
import { requireActivePortal } from './access.js';
import type { DomainContext } from './context.js';
import { messageAudience, newMessageRow, planMessageEffects } from './message-effects.js';
import { DEFAULT_CLIENT_STARTED_THREAD } from './notification-recipients.js';
import { nameBookOf, presentConversation, presentMessage } from './present.js';
import { insertWithFiles, type SendOptions } from './send-message.js';
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
  /** The sender's finished uploads to send with the first message, in order. */
  readonly attachmentIds?: readonly string[] | undefined;
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
  return contact;
}

/** A conversation's link to the host's matter. */
type MatterLink = NonNullable<StartConversationInput['matter']>;

/**
 * The matter a new conversation links to. A member links any (the host's reference, from the firm's own app). A
 * client, whose request the host does not vouch for, links a matter the firm already linked to one of their own
 * conversations under the firm's label, or a matter nobody has linked yet (the client portal's host passing its own
 * case reference, DESIGN "Link to a matter") as sent; a matter linked only to other clients' conversations is
 * `not_found`, so a client cannot file a conversation under another client's matter in the firm's index.
 */
async function chooseMatter(
  store: StoreQueries,
  viewer: ViewerIdentity,
  matter: MatterLink | undefined,
): Promise<MatterLink | null> {
  if (matter === undefined) return null;
  if (viewer.kind === 'member') return matter;
  const linkedTo = async (contactId: string | undefined) => {
    const [linked] = await store.listConversations({
      firmId: viewer.firm.id,
      contactId,
      audience: 'client',
      reader: viewerRef(viewer),
      matterId: matter.id,
      limit: 1,
    });
    return linked?.conversation.matterLabel ?? undefined;
  };
  const own = await linkedTo(viewer.contact.id);
  if (own !== undefined) return { id: matter.id, label: own };
  if ((await linkedTo(undefined)) !== undefined) throw notFound('Matter');
  return matter;
}

/**
 * Presents an earlier start with the same key, or refuses (`conflict`) a key that was used for something else: a
 * reply, or a start with another client than `contactId` (a member's choice; undefined for a client, whose starts
 * are all their own), so a retry never answers for a conversation it did not ask for.
 */
async function replay(
  store: StoreQueries,
  viewer: ViewerIdentity,
  message: MessageRow,
  contactId: string | undefined,
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
  if (contactId !== undefined && contactId !== contact.id)
    throw new ApiError('conflict', 'This idempotency key was already used for another conversation');
  const names = nameBookOf(viewer, [contact]);
  const clientRead =
    viewer.kind === 'member'
      ? await store.getReadState(conversation.id, { kind: 'client', id: contact.id })
      : null;
  return {
    conversation: presentConversation(conversation, contact, names, viewerAudience(viewer), clientRead),
    message: presentMessage(message, names, await loadFilesOf(store, viewer, message)),
  };
}

/** What `insertStart` wrote. */
interface WrittenStart {
  readonly conversation: ConversationRow;
  readonly message: MessageRow;
  /** The message as the firm sees it (its event's payload). */
  readonly firmMessage: WireMessage;
  readonly events: readonly NewEvent[];
  readonly plannedFiles: readonly AttachmentRow[];
  readonly attachedFiles: readonly AttachmentRow[];
}

/** Writes the conversation and its first message with its files; throws `LostIdempotencyRace` when a racing twin won. */
async function insertStart(
  tx: StoreTransaction,
  context: DomainContext,
  viewer: ViewerIdentity,
  contact: ContactRow,
  input: StartConversationInput,
  matter: MatterLink | null,
): Promise<WrittenStart> {
  const author = viewerRef(viewer);
  const now = context.clock.now().toISOString();
  const uploads = await loadUploadsToAttach(tx, viewer, input.attachmentIds ?? [], now);
  const conversation = await tx.insertConversation({
    id: context.createId('cnv'),
    firmId: viewer.firm.id,
    contactId: contact.id,
    subject: input.subject,
    matterId: matter?.id ?? null,
    matterLabel: matter?.label ?? null,
    startedBy: author,
    createdAt: now,
  });
  const message = newMessageRow(context, conversation, {
    author,
    body: input.body,
    internal: false,
    idempotencyKey: input.idempotencyKey,
    createdAt: now,
    attachmentCount: uploads.length,
  });
  // The first message's activity equals the conversation's creation (same time), so the row as created is
  // what the events and the answer show.
  const settings = viewer.kind === 'client' ? await tx.getNotificationSettings(conversation.firmId) : null;
  const started = { setting: settings?.clientStartedThread ?? DEFAULT_CLIENT_STARTED_THREAD };
  const planned = planMessageEffects(context, { viewer, conversation, contact, message, started });
  const files = planAttachments(context, viewer, { conversation, contact, message }, uploads);
  const { seq: _assignedByStore, attachmentCount: _countedByStore, ...newMessage } = message;
  const inserted = await insertWithFiles(tx, newMessage, {
    audit: {
      id: context.createId('aud'),
      firmId: conversation.firmId,
      actor: author,
      action: 'conversation.started',
      targetId: conversation.id,
      requestId: context.requestId,
      at: conversation.createdAt,
    },
    notifications: [...planned.notifications, ...files.notifications],
    mails: planned.mails,
    attachments: files.write,
  });
  if (!inserted.created) throw new LostIdempotencyRace(inserted.message);
  return {
    conversation,
    message: inserted.message,
    firmMessage: presentMessage(message, nameBookOf(viewer, [contact]), presentSentFiles(files.rows, 'firm')),
    events: [...planned.events, ...files.events],
    plannedFiles: files.rows,
    attachedFiles: inserted.attachments,
  };
}

/**
 * Starts a conversation with its first message. Members write only to their own firm's contacts with an active
 * portal (`portal_inactive` otherwise, `not_found` for other firms); clients only for themselves, never naming a
 * contact, and linking only a matter of theirs (`chooseMatter`). Idempotent like `sendMessage`: a repeated key
 * returns the original conversation and message.
 */
export async function startConversation(
  context: DomainContext,
  viewer: ViewerIdentity,
  input: StartConversationInput,
  options: SendOptions = {},
): Promise<StartedConversation> {
  const author = viewerRef(viewer);
  const replayed = async (store: StoreQueries, winner: MessageRow) => {
    const started = await replay(store, viewer, winner, input.contactId);
    await options.onReplay?.();
    return started;
  };
  try {
    const outcome = await runUnitOfWork(context, async (tx, emit) => {
      const contact = await chooseContact(tx, viewer, input.contactId);
      const earlier = await tx.findMessageByIdempotencyKey(author, input.idempotencyKey);
      if (earlier) return { replayed: await replayed(tx, earlier) };
      // After the replay: a retry of a start that went through before the portal was deactivated gets its answer.
      requireActivePortal(contact);
      const matter = await chooseMatter(tx, viewer, input.matter);
      const written = await insertStart(tx, context, viewer, contact, input, matter);
      const { conversation, message } = written;
      const names = nameBookOf(viewer, [contact]);
      const firmView = presentConversation(conversation, contact, names, 'firm', null);
      emit(
        'conversation.created',
        { conversation: firmView, message: written.firmMessage },
        messageAudience(conversation, false),
      );
      for (const event of written.events) emit(event.type, event.payload, event.audience);
      const viewerView = presentConversation(conversation, contact, names, viewerAudience(viewer), null);
      const files = presentSentFiles(written.attachedFiles, viewerAudience(viewer));
      return {
        written,
        started: { conversation: viewerView, message: presentMessage(message, names, files) },
      };
    });
    if ('replayed' in outcome) return outcome.replayed;
    const { written, started } = outcome;
    await announceChangedFiles(context, written.conversation, written.plannedFiles, written.attachedFiles);
    return started;
  } catch (error) {
    if (error instanceof LostIdempotencyRace) return replayed(context.store, error.winner);
    throw error;
  }
}

/**
 * The conversation an earlier start with this key created, as the viewer sees it, or null when there is none;
 * `conflict` when the key was used for a reply or a start with another client.
 */
export async function findStartedConversation(
  context: DomainContext,
  viewer: ViewerIdentity,
  input: Pick<StartConversationInput, 'idempotencyKey' | 'contactId'>,
): Promise<StartedConversation | null> {
  const earlier = await context.store.findMessageByIdempotencyKey(viewerRef(viewer), input.idempotencyKey);
  return earlier ? replay(context.store, viewer, earlier, input.contactId) : null;
}
