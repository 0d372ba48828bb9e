import type { ContactId, ConversationId, Matter, TemplateId } from '@confide/protocol';
import { persist } from 'zustand/middleware';
import { createStore } from 'zustand/vanilla';
import { createIdempotencyKey } from '../../lib/id.js';
import { viewerPersistOptions } from '../../storage/storage.js';

/** What a person is writing, kept until it is sent or discarded. */
export interface Draft {
  /** Which composer owns it: `new` for a new conversation, `reply:<conversationId>` for a reply. */
  readonly id: string;
  /** The conversation a reply goes to; `null` for a new conversation. */
  readonly conversationId: ConversationId | null;
  /** The chosen client (members starting a conversation only). */
  readonly contactId: ContactId | null;
  /** The subject (new conversations only). */
  readonly subject: string;
  /** The message text. */
  readonly body: string;
  /** Whether the reply is an internal note (members only). */
  readonly internal: boolean;
  /** The host's matter the new conversation belongs to. */
  readonly matter: Matter | null;
  /** The template the text came from, if any. */
  readonly templateId: TemplateId | null;
  /** Generated once per draft: every retry of this draft's send carries it, so the server never duplicates. */
  readonly idempotencyKey: string;
  /** When the draft last changed, in epoch milliseconds. */
  readonly updatedAt: number;
}

/** The fields of a draft a composer may change. */
export type DraftInput = Partial<
  Pick<Draft, 'contactId' | 'subject' | 'body' | 'internal' | 'matter' | 'templateId'>
>;

/** The composer store's state: drafts by id, and the actions that change them. */
export interface ComposerState {
  /** Every open draft by id. */
  readonly drafts: Readonly<Record<string, Draft>>;
  /** Returns the draft, creating an empty one first if there is none. */
  ensureDraft(id: string, conversationId: ConversationId | null): Draft;
  /** Changes some fields of a draft. */
  updateDraft(id: string, input: DraftInput): void;
  /** Empties a draft and gives it a new idempotency key, ready for the next message. */
  resetDraft(id: string): void;
  /** Forgets a draft. */
  removeDraft(id: string): void;
  /** Puts saved drafts back, keeping any the page already has. */
  restoreDrafts(drafts: Readonly<Record<string, Draft>>): void;
}

/** An empty draft with a fresh idempotency key. */
export function emptyDraft(id: string, conversationId: ConversationId | null, now: number): Draft {
  return {
    id,
    conversationId,
    contactId: null,
    subject: '',
    body: '',
    internal: false,
    matter: null,
    templateId: null,
    idempotencyKey: createIdempotencyKey(),
    updatedAt: now,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isDraft(value: unknown): value is Draft {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.idempotencyKey === 'string' &&
    typeof value.body === 'string'
  );
}

/** The drafts of a saved value that still have a draft's shape; storage is not trusted. */
function savedDrafts(saved: unknown): Record<string, Draft> {
  if (!isRecord(saved) || !isRecord(saved.drafts)) return {};
  return Object.fromEntries(Object.entries(saved.drafts).filter(([, draft]) => isDraft(draft))) as Record<
    string,
    Draft
  >;
}

/**
 * Creates one client's composer store (drafts). Never a module singleton: two clients never share drafts. The
 * drafts are persisted, but only once a mounted client names the viewer's storage (see `client-storage.ts`).
 */
export function createComposerStore(now: () => number = Date.now) {
  return createStore<ComposerState>()(
    persist(
      (set, get) => ({
        drafts: {},
        ensureDraft(id, conversationId) {
          const existing = get().drafts[id];
          if (existing) return existing;
          const draft = emptyDraft(id, conversationId, now());
          set((state) => ({ drafts: { ...state.drafts, [id]: draft } }));
          return draft;
        },
        updateDraft(id, input) {
          const draft = get().drafts[id];
          if (!draft) return;
          set((state) => ({ drafts: { ...state.drafts, [id]: { ...draft, ...input, updatedAt: now() } } }));
        },
        resetDraft(id) {
          const draft = get().drafts[id];
          if (!draft) return;
          const fresh = emptyDraft(id, draft.conversationId, now());
          set((state) => ({ drafts: { ...state.drafts, [id]: { ...fresh, internal: draft.internal } } }));
        },
        removeDraft(id) {
          const { [id]: _removed, ...drafts } = get().drafts;
          set({ drafts });
        },
        restoreDrafts(drafts) {
          set((state) => ({ drafts: { ...drafts, ...state.drafts } }));
        },
      }),
      // Drafts the page already has win over saved ones.
      viewerPersistOptions(
        'drafts',
        (state) => ({ drafts: state.drafts }),
        (saved) => ({ drafts: savedDrafts(saved) }),
        (saved, state) => ({ ...state, drafts: { ...saved.drafts, ...state.drafts } }),
      ),
    ),
  );
}

/** A composer store made by `createComposerStore`. */
export type ComposerStore = ReturnType<typeof createComposerStore>;
