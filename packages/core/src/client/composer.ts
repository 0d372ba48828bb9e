import {
  type Contact,
  type ContactId,
  type ConversationId,
  hasVisibleText,
  type Matter,
  type Template,
  type TemplateId,
  type Viewer,
} from '@confide/protocol';
import { QueryObserver } from '@tanstack/query-core';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { partitionRecipients, type RecipientOptions } from '../composer/recipients.js';
import { type DraftValidation, validateDraft } from '../composer/validate-draft.js';
import { ConfideError, toConfideError } from '../errors/confide-error.js';
import type { SendResult } from '../outbox/outbox-runner.js';
import type { SaveState } from '../storage/storage.js';
import { type Draft, type DraftInput, emptyDraft } from '../stores/composer/composer-store.js';
import { type MergeContext, mergeFieldsOf, renderTemplate } from '../templates/render-template.js';
import type { UploadFile } from '../transport/transport.js';
import type { ClientContext } from './client-context.js';
import {
  type ComposerAttachment,
  composerAttachmentsOf,
  createComposerFiles,
  type UploadProgress,
} from './composer-attachments.js';
import { listenToAll, type Observable } from './observe.js';

/** Which composer to open. */
export interface ComposerOptions {
  /** Reply in this conversation; without it the composer starts a new conversation. */
  readonly conversationId?: ConversationId;
  /** Keeps several independent new-conversation drafts apart. @default 'new' */
  readonly draftId?: string;
  /** Options for `{{date.today}}`. */
  readonly dateFormat?: Pick<MergeContext, 'locale' | 'timeZone'>;
}

/**
 * Where the composer's last send stands. `queued`: a new conversation that cannot reach the server now (offline, or
 * its send waits for a retry) was handed to the index, which shows it pending; the draft is empty for the next one.
 */
export type ComposerStatus = 'idle' | 'sending' | 'queued' | 'sent' | 'failed';

/** What a composer shows. */
export interface ComposerState {
  /** `new` starts a conversation; `reply` answers in one. */
  readonly mode: 'new' | 'reply';
  /** The draft being written (saved as it changes). */
  readonly draft: Draft;
  /** Who may be picked (members starting a conversation), or `null` when there is no choice to make or the list is loading. */
  readonly recipients: RecipientOptions | null;
  /** The validation of the current draft, field by field. */
  readonly validation: DraftValidation;
  /** Merge fields left in the text: unknown ones and known ones without a value. */
  readonly mergeFields: { readonly unknown: readonly string[]; readonly unfilled: readonly string[] };
  /** Where the last send stands. */
  readonly status: ComposerStatus;
  /** Why the last send failed, when `status` is `failed`. */
  readonly error: ConfideError | null;
  /** The files picked, in order, with their upload progress. */
  readonly attachments: readonly ComposerAttachment[];
  /**
   * Whether the device's storage took the latest write of the drafts (`client.stores.composer`'s `saving`): while
   * `failed` (full, a private window), no draft is kept on the device and this one is lost if the page closes;
   * `saved` again once a later write is taken. Always `saved` with the default `memoryStorage()`.
   */
  readonly saving: SaveState;
}

/** A composer's own client-only state (zustand): the last send, the recipient search and upload progress. */
export interface ComposerLocalState extends Pick<ComposerState, 'status' | 'error'> {
  readonly recipientQuery: string;
  /** Progress of uploads still running or failed, by the file's `localId`. */
  readonly uploads: Readonly<Record<string, UploadProgress>>;
}

/** What a composer's state is made of. */
export interface ComposerSources extends Pick<ComposerState, 'mode' | 'draft' | 'saving'> {
  readonly local: ComposerLocalState;
  /** The firm's contacts, when the viewer picks a recipient and they have loaded. */
  readonly contacts: readonly Contact[] | undefined;
  readonly viewer: Viewer | undefined;
}

/** Whether a composer offers a choice of recipient: members starting a conversation. */
export function wantsRecipients(mode: 'new' | 'reply', viewer: Viewer | undefined): boolean {
  return mode === 'new' && viewer?.role === 'member';
}

/** A composer's state from its sources: a pure function. */
export function composerStateOf(sources: ComposerSources): ComposerState {
  const { mode, draft, saving, local, contacts, viewer } = sources;
  const attachments = composerAttachmentsOf(draft, local.uploads);
  return {
    mode,
    draft,
    recipients:
      wantsRecipients(mode, viewer) && contacts ? partitionRecipients(contacts, local.recipientQuery) : null,
    validation: validateDraft(draft, { mode, role: viewer?.role ?? 'member', contacts, attachments }),
    mergeFields: mergeFieldsOf(draft.subject, draft.body),
    status: local.status,
    error: local.error,
    attachments,
    saving,
  };
}

/** A composer: the actions on one draft, its own state store, and `observe` for a headless UI. */
export interface Composer extends Observable<ComposerState>, Pick<ComposerState, 'mode'> {
  /** The draft's id in the composer store (`client.stores.composer`). */
  readonly draftId: string;
  /** The draft: the saved one, or an empty one (with its key) until the first change saves it. */
  draft(): Draft;
  /** Where the last send stands and the recipient search. */
  readonly local: StoreApi<ComposerLocalState>;
  /** Changes the subject (new conversations). */
  setSubject(subject: string): void;
  /** Changes the message text. */
  setBody(body: string): void;
  /** Picks the client (members starting a conversation); merge fields about the client are filled in again. */
  setContact(contactId: ContactId | null): void;
  /** Makes the reply an internal note, or not (members only). */
  setInternal(internal: boolean): void;
  /** Links the new conversation to a matter of the host app. */
  setMatter(matter: Matter | null): void;
  /** Replaces subject and body with a template's, merge fields filled from the chosen client and the viewer. */
  importTemplate(template: Template | TemplateId): Promise<void>;
  /**
   * Adds files and starts uploading each (resumably). A file over the size limit, of a type never accepted or
   * beyond 20 is added as `failed` with the reason, without uploading.
   */
  attachFiles(files: Iterable<UploadFile>): void;
  /** Removes a file: a running upload stops and the server forgets it. */
  removeAttachment(localId: string): void;
  /** Uploads a failed file again, continuing from the bytes the server already has. */
  retryAttachment(localId: string): void;
  /** Narrows the recipient list by name or e-mail address. */
  searchRecipients(query: string): void;
  /**
   * Validates and sends; resolves with the server's answer, rejects with a `ConfideError` (`invalid_input` with field
   * issues when invalid). A new conversation that has to wait (offline, or a retryable failure) is handed over: the
   * status becomes `queued`, the draft empties, and the index shows it pending with retry and discard; the promise
   * still settles when the outbox is done with it.
   */
  send(): Promise<SendResult>;
  /** Empties the draft. */
  reset(): void;
}

/** Creates a composer over the client's draft store. */
export function createComposer(context: ClientContext, options: ComposerOptions = {}): Composer {
  const { stores, queries, queryClient, fetchQuery, outbox } = context;
  const mode = options.conversationId ? 'reply' : 'new';
  const conversationId = options.conversationId ?? null;
  const draftId = options.conversationId ? `reply:${options.conversationId}` : (options.draftId ?? 'new');
  const local = createStore<ComposerLocalState>()(() => ({
    status: 'idle',
    error: null,
    recipientQuery: '',
    uploads: {},
  }));
  // Until the first change, the composer shows an empty draft of its own (one key for every read) and writes
  // nothing: reading a draft never changes the store.
  const placeholder = emptyDraft(draftId, conversationId, context.clock.now());
  const draft = () => stores.composer.getState().drafts[draftId] ?? placeholder;
  const update = (input: DraftInput) => stores.composer.getState().updateDraft(draft(), input);
  const resetDraft = () => stores.composer.getState().resetDraft(draftId);

  // Sends of new conversations handed to the index: the outbox and the index own them from then on.
  const handedOver = new Set<string>();

  /** Whether a start waits rather than goes out now: offline, or queued again after a failed attempt. */
  function waits(key: string): boolean {
    const entry = stores.outbox.getState().entries.find((candidate) => candidate.id === key);
    if (!entry || entry.status === 'failed') return false;
    return !stores.connection.getState().online || (entry.status === 'queued' && entry.failure !== null);
  }

  /**
   * Hands a new conversation that has to wait over to the index, so the person is not held in the form: the draft
   * is emptied (its files stay uploaded: the queued send carries their ids) and the status says `queued`.
   */
  function handOverWhenWaiting(key: string, sent: Promise<unknown>) {
    const check = () => {
      if (handedOver.has(key) || !waits(key)) return;
      handedOver.add(key);
      stop();
      if (draft().idempotencyKey === key) resetDraft();
      local.setState({ status: 'queued', error: null });
    };
    const stop = context.track(listenToAll([stores.outbox, stores.connection], check));
    sent.then(stop, stop);
    check();
  }

  const files = createComposerFiles({ context, uploads: local, draft, update });
  context.track(files.stop);

  const loadContacts = async () => (await fetchQuery(queries.viewer.contacts(''))).items;

  async function mergeContext(contactId: ContactId | null): Promise<MergeContext> {
    const viewer = await context.ensureViewer();
    const contact =
      contactId && viewer.role === 'member'
        ? (await loadContacts()).find((candidate) => candidate.id === contactId)
        : undefined;
    return { viewer, contact: contact ?? null, date: new Date(context.clock.now()), ...options.dateFormat };
  }

  async function sendNow(current: Draft): Promise<SendResult> {
    // A reply needs no viewer (who may send is the server's to say), so it shows in the thread in the same tick, also
    // while the viewer loads: it waits in the outbox for start-up, offline or not, and gets the server's answer.
    // Only a new conversation waits for the viewer, whose role decides whether a recipient is picked: for the
    // start-up's load, which outlasts a spell offline, not for one fetch that gives up.
    const viewer =
      mode === 'reply' ? context.viewer() : (context.viewer() ?? (await context.startUpViewer()));
    const role = viewer?.role ?? 'client';
    const contacts = wantsRecipients(mode, viewer) ? await loadContacts() : undefined;
    const attachments = composerAttachmentsOf(current, local.getState().uploads);
    const validation = validateDraft(current, { mode, role, contacts, attachments });
    if (!validation.valid) {
      throw new ConfideError('invalid_input', 'The draft is not ready to send', {
        issues: Object.entries(validation.errors).map(([field, error]) => ({
          path: [field],
          message: error.message,
        })),
      });
    }
    const sent = outbox.whenSent(current.idempotencyKey);
    const uploaded = current.attachments.flatMap((file) => (file.attachment ? [file.attachment] : []));
    const base = {
      id: current.idempotencyKey,
      draftId,
      // Only files: the protocol's empty text.
      body: uploaded.length > 0 && !hasVisibleText(current.body) ? '' : current.body,
      createdAt: context.clock.now(),
      // A reply written before the viewer loaded names no writer, as a thread's send does (the server checks none).
      ...(viewer ? { senderId: viewer.id } : {}),
      ...(uploaded.length > 0 ? { attachments: uploaded } : {}),
    };
    stores.outbox.getState().enqueue(
      conversationId
        ? { ...base, kind: 'message', conversationId, internal: current.internal }
        : {
            ...base,
            kind: 'conversation',
            contactId: role === 'member' ? current.contactId : null,
            subject: current.subject.trim(),
            matter: current.matter,
          },
    );
    // A reply shows in the thread at once, so the composer is ready for the next message straight away.
    if (conversationId) resetDraft();
    else handOverWhenWaiting(current.idempotencyKey, sent);
    void outbox.drain();
    return sent;
  }

  return {
    mode,
    draftId,
    draft,
    local,
    observe(listener) {
      const viewer = new QueryObserver(queryClient, queries.viewer.viewer());
      const contactsOptions = () => ({
        ...queries.viewer.contacts(''),
        enabled: wantsRecipients(mode, viewer.getCurrentResult().data),
      });
      const contacts = new QueryObserver(queryClient, contactsOptions());
      const emit = () =>
        listener(
          composerStateOf({
            mode,
            draft: draft(),
            saving: stores.composer.getState().saving,
            local: local.getState(),
            contacts: contacts.getCurrentResult().data?.items,
            viewer: viewer.getCurrentResult().data,
          }),
        );
      const followViewer = (onChange: () => void) =>
        viewer.subscribe(() => {
          contacts.setOptions(contactsOptions());
          onChange();
        });
      const stop = listenToAll(
        [followViewer, contacts.subscribe.bind(contacts), stores.composer.subscribe, local.subscribe],
        emit,
      );
      emit();
      return context.track(stop);
    },
    setSubject: (subject) => update({ subject }),
    setBody: (body) => update({ body }),
    setInternal: (internal) => update({ internal }),
    setMatter: (matter) => update({ matter }),
    setContact(contactId) {
      update({ contactId });
      const current = draft();
      void mergeContext(contactId).then(
        (merge) => {
          if (draft() === current) update(renderTemplate(current, merge));
        },
        () => {},
      );
    },
    async importTemplate(template) {
      const full =
        typeof template === 'string' ? await fetchQuery(queries.templates.detail(template)) : template;
      const rendered = renderTemplate(full, await mergeContext(draft().contactId));
      update({
        subject: mode === 'new' ? rendered.subject : draft().subject,
        body: rendered.body,
        templateId: full.id,
      });
    },
    attachFiles: files.attachFiles,
    removeAttachment: files.removeAttachment,
    retryAttachment: files.retryAttachment,
    searchRecipients: (recipientQuery) => local.setState({ recipientQuery }),
    send() {
      const current = draft();
      local.setState({ status: 'sending', error: null });
      // The client resets the draft when the server confirms it (even after a reload), not here.
      const key = current.idempotencyKey;
      const sending = sendNow(current).then(
        (result) => {
          // Once handed over, the composer may already hold the next draft: this send's outcome is not its state.
          if (!handedOver.delete(key)) local.setState({ status: 'sent' });
          return result;
        },
        (thrown: unknown) => {
          const error = toConfideError(thrown);
          // Handed over, the failed start stays in the outbox: the index shows it with retry and discard.
          if (handedOver.delete(key)) throw error;
          // A new conversation that failed for good leaves the outbox; the draft keeps the text and the key.
          if (mode === 'new') stores.outbox.getState().remove(key);
          local.setState({
            status: error.code === 'invalid_input' && !error.status ? 'idle' : 'failed',
            error,
          });
          throw error;
        },
      );
      // The state shows a failure itself; callers that ignore the promise must not cause an unhandled rejection.
      sending.catch(() => {});
      return sending;
    },
    reset() {
      for (const file of draft().attachments) files.removeAttachment(file.localId);
      resetDraft();
      local.setState({ status: 'idle', error: null });
    },
  };
}
