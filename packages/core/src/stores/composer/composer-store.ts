import type { Attachment, ContactId, ConversationId, Matter, TemplateId } from '@confide/protocol';
import { persist } from 'zustand/middleware';
import { createStore } from 'zustand/vanilla';
import { createIdempotencyKey } from '../../lib/id.js';
import { type SaveState, viewerPersistOptions } from '../../storage/storage.js';

/** A file picked for a draft: what the device said about it, and the server's file once the upload finished. */
export interface DraftAttachment {
  /** The composer's own id for it (the server's id exists only once the upload finished). */
  readonly localId: string;
  /** The file's name on the device. */
  readonly name: string;
  /** Its size in bytes. */
  readonly size: number;
  /** The device's claim of its type. */
  readonly mediaType: string;
  /** The uploaded file as the server decided it (type from the bytes), or `null` while uploading or failed. */
  readonly attachment: Attachment | null;
}

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
  /** The files picked, in order. Only uploaded ones are saved: a `File` cannot be stored, so others go on reload. */
  readonly attachments: readonly DraftAttachment[];
  /** Generated once per draft: every retry of this draft's send carries it, so the server never duplicates. */
  readonly idempotencyKey: string;
  /** When the draft last changed, in epoch milliseconds. */
  readonly updatedAt: number;
}

/** The fields of a draft a composer may change. */
export type DraftInput = Partial<
  Pick<Draft, 'contactId' | 'subject' | 'body' | 'internal' | 'matter' | 'templateId' | 'attachments'>
>;

/** The composer store's state: drafts by id, and the actions that change them. */
export interface ComposerState {
  /** Every open draft by id. */
  readonly drafts: Readonly<Record<string, Draft>>;
  /**
   * Whether the storage took the latest write of the drafts: while `failed`, no draft is saved on the device (none is
   * restored on a reload, rather than an older text). Not saved itself.
   */
  readonly saving: SaveState;
  /** Saves `draft` (the stored one, or a new empty one) with some fields changed. */
  updateDraft(draft: Draft, input: DraftInput): void;
  /** Empties a draft and gives it a new idempotency key, ready for the next message. */
  resetDraft(id: string): void;
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
    attachments: [],
    idempotencyKey: createIdempotencyKey(),
    updatedAt: now,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isDraft = (value: unknown): value is Draft =>
  isRecord(value) &&
  [value.id, value.idempotencyKey, value.body].every((field) => typeof field === 'string') &&
  Number.isFinite(value.updatedAt);

const isUploaded = (value: unknown): value is DraftAttachment =>
  isRecord(value) && typeof value.localId === 'string' && isRecord(value.attachment);

/** Drafts with only the files that can be saved: uploaded ones (drafts saved before files existed have none). */
export function withUploadedOnly(drafts: Readonly<Record<string, Draft>>): Record<string, Draft> {
  return Object.fromEntries(
    Object.entries(drafts).map(([id, draft]) => {
      const files: unknown = draft.attachments;
      return [id, { ...draft, attachments: Array.isArray(files) ? files.filter(isUploaded) : [] }];
    }),
  );
}

/** The drafts of a saved value that still have a draft's shape; storage is not trusted. */
function savedDrafts(saved: unknown): Record<string, Draft> {
  if (!isRecord(saved) || !isRecord(saved.drafts)) return {};
  return withUploadedOnly(
    Object.fromEntries(
      Object.entries(saved.drafts).filter((entry): entry is [string, Draft] => isDraft(entry[1])),
    ),
  );
}

/**
 * `drafts` with each draft of `incoming` that is newer (a later `updatedAt`) or unknown there: how a page takes in
 * the drafts another page of the same person saved, so that no page erases another's drafts and what a person types
 * on this page now is never replaced by an older copy. A draft sent or discarded elsewhere comes as a newer empty one.
 * Returns `drafts` itself when nothing is newer.
 */
export function newerDrafts(
  incoming: Readonly<Record<string, Draft>>,
  drafts: Readonly<Record<string, Draft>>,
): Readonly<Record<string, Draft>> {
  const newer = Object.entries(incoming).filter(([id, draft]) => {
    const known = drafts[id];
    if (!known || draft.updatedAt > known.updatedAt) return true;
    // Two pages' different copies of one moment: both pages must keep the same one, whichever page hears first.
    return draft.updatedAt === known.updatedAt && JSON.stringify(draft) > JSON.stringify(known);
  });
  return newer.length === 0 ? drafts : { ...drafts, ...Object.fromEntries(newer) };
}

/**
 * The `updatedAt` of a change made on this page now: the clock's time, or just after the copies it changes when
 * those are later. Pages compare `updatedAt` across tabs, and a clock that is behind (set back, stepped by a time
 * sync, or another tab's copy from the same millisecond) must not make what the person types now the older copy.
 */
function laterThan(now: number, ...changed: readonly (Draft | undefined)[]): number {
  return Math.max(now, ...changed.map((draft) => (draft ? draft.updatedAt + 1 : now)));
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
        saving: 'saved',
        updateDraft(draft, input) {
          set((state) => ({
            drafts: {
              ...state.drafts,
              [draft.id]: { ...draft, ...input, updatedAt: laterThan(now(), draft, state.drafts[draft.id]) },
            },
          }));
        },
        resetDraft(id) {
          const draft = get().drafts[id];
          if (!draft) return;
          const fresh = emptyDraft(id, draft.conversationId, laterThan(now(), draft));
          set((state) => ({ drafts: { ...state.drafts, [id]: { ...fresh, internal: draft.internal } } }));
        },
      }),
      viewerPersistOptions(
        'drafts',
        (state) => ({ drafts: withUploadedOnly(state.drafts) }),
        (saved) => ({ drafts: savedDrafts(saved) }),
        (saved, state) => ({ ...state, drafts: newerDrafts(saved.drafts, state.drafts) }),
      ),
    ),
  );
}

/** A composer store made by `createComposerStore`. */
export type ComposerStore = ReturnType<typeof createComposerStore>;
