import type {
  Contact,
  ContactId,
  ConversationId,
  ListContactsResponse,
  Matter,
  Template,
  TemplateId,
  Viewer,
} from '@confide/protocol';
import { QueryObserver } from '@tanstack/query-core';
import { createStore } from 'zustand/vanilla';
import { partitionRecipients, type RecipientOptions } from '../composer/recipients.js';
import { type DraftValidation, validateDraft } from '../composer/validate-draft.js';
import { ConfideError, toConfideError } from '../errors/confide-error.js';
import { createReadable, currentResult, memoizeLast, type Readable } from '../lib/readable.js';
import type { SendResult } from '../outbox/outbox-runner.js';
import type { Draft, DraftInput } from '../stores/composer/composer-store.js';
import { type MergeContext, renderTemplate } from '../templates/render-template.js';
import type { ClientContext } from './client-context.js';
import { mergeFieldsOf } from './composer-fields.js';

/** Which composer to open. */
export interface ComposerOptions {
  /** Reply in this conversation; without it the composer starts a new conversation. */
  readonly conversationId?: ConversationId;
  /** Keeps several independent new-conversation drafts apart. @default 'new' */
  readonly draftId?: string;
  /** Options for `{{date.today}}`. */
  readonly dateFormat?: Pick<MergeContext, 'locale' | 'timeZone'>;
}

/** Where the composer's last send stands. */
export type ComposerStatus = 'idle' | 'sending' | 'sent' | 'failed';

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
}

/** A composer: the readable state of one draft plus the actions on it. */
export interface Composer extends Readable<ComposerState> {
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
  /** Narrows the recipient list by name or e-mail address. */
  searchRecipients(query: string): void;
  /** Validates and sends; resolves with the server's answer, rejects with a `ConfideError` (`invalid_input` with field issues when invalid). */
  send(): Promise<SendResult>;
  /** Empties the draft. */
  reset(): void;
}

/** Creates a composer over the client's draft store. */
export function createComposer(context: ClientContext, options: ComposerOptions = {}): Composer {
  const { stores, queries, queryClient, outbox } = context;
  const mode = options.conversationId ? 'reply' : 'new';
  const draftId = options.conversationId ? `reply:${options.conversationId}` : (options.draftId ?? 'new');
  stores.composer.getState().ensureDraft(draftId, options.conversationId ?? null);
  const local = createStore<{ status: ComposerStatus; error: ConfideError | null; recipientQuery: string }>()(
    () => ({
      status: 'idle',
      error: null,
      recipientQuery: '',
    }),
  );
  const contactsObserver = new QueryObserver(queryClient, { ...queries.viewer.contacts(''), enabled: false });
  const draft = () =>
    stores.composer.getState().drafts[draftId] ??
    stores.composer.getState().ensureDraft(draftId, options.conversationId ?? null);
  const wantsRecipients = () => mode === 'new' && context.viewer()?.role === 'member';
  const recipientsFor = memoizeLast((contacts: readonly Contact[] | undefined, query: string) => {
    if (!contacts) return null;
    const search = query.trim().toLowerCase();
    return partitionRecipients(
      contacts.filter(
        (contact) => !search || contact.name.toLowerCase().includes(search) || contact.email.includes(search),
      ),
    );
  });
  const validate = memoizeLast(
    (current: Draft, viewer: Viewer | undefined, contacts: readonly Contact[] | undefined) =>
      validateDraft(current, { mode, role: viewer?.role ?? 'member', contacts }),
  );
  const fields = memoizeLast(mergeFieldsOf);

  function syncContacts() {
    const enabled = wantsRecipients();
    if (contactsObserver.options.enabled !== enabled)
      contactsObserver.setOptions({ ...queries.viewer.contacts(''), enabled });
  }

  const readable = createReadable<ComposerState>({
    compute() {
      syncContacts();
      const current = draft();
      const contacts = currentResult(contactsObserver).data?.items;
      const { status, error, recipientQuery } = local.getState();
      return {
        mode,
        draft: current,
        recipients: wantsRecipients() ? recipientsFor(contacts, recipientQuery) : null,
        validation: validate(current, context.viewer(), contacts),
        mergeFields: fields(current.subject, current.body),
        status,
        error,
      };
    },
    connect(onChange) {
      void context.ensureViewer().then(onChange, () => {});
      const stops = [
        contactsObserver.subscribe(onChange),
        stores.composer.subscribe(onChange),
        local.subscribe(onChange),
      ];
      return () => {
        for (const stop of stops) stop();
      };
    },
  });
  context.onDispose(readable.dispose);

  const update = (input: DraftInput) => stores.composer.getState().updateDraft(draftId, input);

  async function mergeContext(contactId: ContactId | null): Promise<MergeContext> {
    const viewer = await context.ensureViewer();
    let contact: Contact | undefined;
    if (contactId && viewer.role === 'member') {
      const list = await queryClient.fetchQuery(queries.viewer.contacts(''));
      contact = list.items.find((candidate) => candidate.id === contactId);
    }
    return { viewer, contact: contact ?? null, date: new Date(context.clock.now()), ...options.dateFormat };
  }

  function loadContacts(): ListContactsResponse | Promise<ListContactsResponse> {
    const contactsQuery = queries.viewer.contacts('');
    return (
      queryClient.getQueryData<ListContactsResponse>(contactsQuery.queryKey) ??
      queryClient.fetchQuery(contactsQuery)
    );
  }

  async function sendNow(current: Draft): Promise<SendResult> {
    // No await when the viewer and contacts are cached: a reply must show in the thread in the same tick.
    const viewer = context.viewer() ?? (await context.ensureViewer());
    const cached = wantsRecipients() ? loadContacts() : undefined;
    const contacts = cached instanceof Promise ? (await cached).items : cached?.items;
    const validation = validateDraft(current, { mode, role: viewer.role, contacts });
    if (!validation.valid) {
      throw new ConfideError('invalid_input', 'The draft is not ready to send', {
        retryable: false,
        issues: Object.entries(validation.errors).map(([field, error]) => ({
          path: [field],
          message: error.message,
        })),
      });
    }
    const sent = outbox.whenSent(current.idempotencyKey);
    const base = { id: current.idempotencyKey, draftId, body: current.body, createdAt: context.clock.now() };
    if (mode === 'reply' && current.conversationId) {
      stores.outbox.getState().enqueue({
        ...base,
        kind: 'message',
        conversationId: current.conversationId,
        internal: current.internal,
      });
      // A reply shows in the thread at once, so the composer is ready for the next message straight away.
      stores.composer.getState().resetDraft(draftId);
    } else {
      stores.outbox.getState().enqueue({
        ...base,
        kind: 'conversation',
        contactId: viewer.role === 'member' ? current.contactId : null,
        subject: current.subject.trim(),
        matter: current.matter,
      });
    }
    void outbox.drain();
    return sent;
  }

  async function sendAndTrack(): Promise<SendResult> {
    const current = draft();
    local.setState({ status: 'sending', error: null });
    try {
      // The client resets the draft when the server confirms it (even after a reload), not here.
      const result = await sendNow(current);
      local.setState({ status: 'sent' });
      return result;
    } catch (thrown) {
      const error = toConfideError(thrown);
      // A new conversation that failed for good leaves the outbox; the draft keeps the text and the key.
      if (mode === 'new') stores.outbox.getState().remove(current.idempotencyKey);
      local.setState({
        status: error.code === 'invalid_input' && !error.status ? 'idle' : 'failed',
        error,
      });
      throw error;
    }
  }

  return {
    getSnapshot: readable.getSnapshot,
    subscribe: readable.subscribe,
    setSubject: (subject) => update({ subject }),
    setBody: (body) => update({ body }),
    setInternal: (internal) => update({ internal }),
    setMatter: (matter) => update({ matter }),
    setContact(contactId) {
      update({ contactId });
      const current = draft();
      void mergeContext(contactId).then(
        (merge) => {
          const rendered = renderTemplate(current, merge);
          if (draft() === current) update({ subject: rendered.subject, body: rendered.body });
        },
        () => {},
      );
    },
    async importTemplate(template) {
      const full =
        typeof template === 'string'
          ? await queryClient.fetchQuery(queries.templates.detail(template))
          : template;
      const rendered = renderTemplate(full, await mergeContext(draft().contactId));
      update({
        subject: mode === 'new' ? rendered.subject : draft().subject,
        body: rendered.body,
        templateId: full.id,
      });
    },
    searchRecipients: (recipientQuery) => local.setState({ recipientQuery }),
    send() {
      const sending = sendAndTrack();
      // The state shows a failure itself; callers that ignore the promise must not cause an unhandled rejection.
      sending.catch(() => {});
      return sending;
    },
    reset() {
      stores.composer.getState().resetDraft(draftId);
      local.setState({ status: 'idle', error: null });
    },
  };
}
