import type { Attachment, ConversationId, Viewer } from '@confide/protocol';
import { persist } from 'zustand/middleware';
import { createStore } from 'zustand/vanilla';
import type { ConfideError } from '../../errors/confide-error.js';
import { type SaveState, viewerPersistOptions } from '../../storage/storage.js';
import type { Draft } from '../composer/composer-store.js';

/** Where a queued send stands. `sent` entries leave the outbox; the thread then shows the server's message. */
export type OutboxStatus = 'queued' | 'sending' | 'failed';

/**
 * Why a send failed, in a form that survives storage: the error's code, its message (never the text that was
 * sent), whether sending again may succeed, and the server's `details.reason` when it gave one (an id-like word,
 * e.g. `sender_changed` with `conflict`).
 */
export type SendFailure = Pick<ConfideError, 'code' | 'message' | 'retryable'> & { readonly reason?: string };

interface OutboxEntryBase {
  /** The idempotency key, which is also the entry's id. */
  readonly id: string;
  /** The draft the send came from, reset once the server has the message. */
  readonly draftId: string | null;
  /** The text being sent. */
  readonly body: string;
  /** The uploaded files sent with it, in order (every retry sends the same ids); the thread shows them at once. */
  readonly attachments?: readonly Attachment[];
  /** When the send was made, in epoch milliseconds. */
  readonly createdAt: number;
  /**
   * Who wrote it (`Viewer.id`), sent along so the server refuses it (`conflict`, reason `sender_changed`) when the
   * token has become someone else's while it waited; absent when the viewer had not loaded yet.
   */
  readonly senderId?: Viewer['id'];
  /** Where the send stands. */
  readonly status: OutboxStatus;
  /** Why the last attempt failed, or `null`. */
  readonly failure: SendFailure | null;
}

/** A reply (or, with the draft's `internal`, an internal note) waiting to reach the server. */
export interface OutboxMessage extends OutboxEntryBase, Pick<Draft, 'internal'> {
  readonly kind: 'message';
  /** The conversation it goes to. */
  readonly conversationId: ConversationId;
}

/** A new conversation on its way: the draft's client (`null` when a client starts it), subject and matter. */
export interface OutboxConversation extends OutboxEntryBase, Pick<Draft, 'contactId' | 'subject' | 'matter'> {
  readonly kind: 'conversation';
  /**
   * The server's conversation, set in the moment between its answer and the entry leaving the outbox, so that a
   * view showing pending starts hides this one as soon as the conversation is in its list (never both, never neither).
   */
  readonly confirmedAs?: ConversationId;
}

/** One send in the outbox. */
export type OutboxEntry = OutboxMessage | OutboxConversation;

/** A new entry, before the outbox stamps its status. */
export type OutboxEntryInput =
  | Omit<OutboxMessage, 'status' | 'failure'>
  | Omit<OutboxConversation, 'status' | 'failure'>;

/** The outbox store's state: sends in the order they were made, and the actions on them. */
export interface OutboxState {
  /** Every unconfirmed send, oldest first; they go out in this order. */
  readonly entries: readonly OutboxEntry[];
  /**
   * Whether the storage took the latest write of the entries: while `failed`, every entry is lost if the page closes
   * before it is sent (unless another page of the person's on the same storage still holds it). Not saved itself.
   */
  readonly saving: SaveState;
  /** Adds a send at the end (a second add with the same id is ignored). */
  enqueue(entry: OutboxEntryInput): void;
  /** Sets the status and failure of an entry. */
  setStatus(id: string, status: OutboxStatus, failure?: SendFailure | null): void;
  /** Records the conversation the server made of a start (see `OutboxConversation.confirmedAs`). */
  confirm(id: string, conversationId: ConversationId): void;
  /** Removes an entry (sent, or discarded). */
  remove(id: string): void;
}

/** The entries of a saved value that still have an entry's shape; storage is not trusted. */
function savedEntries(saved: unknown): OutboxEntry[] {
  const entries = (saved as { entries?: unknown } | null)?.entries;
  if (!Array.isArray(entries)) return [];
  return entries.filter(
    (entry): entry is OutboxEntry =>
      typeof entry?.id === 'string' &&
      typeof entry.body === 'string' &&
      (entry.kind === 'message' || entry.kind === 'conversation'),
  );
}

/** Saved entries go first (they were made earlier); ones mid-flight when the page closed are queued again. */
function withRestored(current: readonly OutboxEntry[], saved: readonly OutboxEntry[]): OutboxEntry[] {
  const known = new Set(current.map((entry) => entry.id));
  const restored = saved
    .filter((entry) => !known.has(entry.id))
    .map((entry): OutboxEntry => (entry.status === 'sending' ? { ...entry, status: 'queued' } : entry));
  return [...restored, ...current];
}

/**
 * Creates one client's outbox store. The entries are persisted, but only once a mounted client names the viewer's
 * storage (see `client-storage.ts`).
 */
export function createOutboxStore() {
  return createStore<OutboxState>()(
    persist(
      (set) => ({
        entries: [],
        saving: 'saved',
        enqueue(input) {
          set((state) => {
            if (state.entries.some((entry) => entry.id === input.id)) return state;
            const entry = { ...input, status: 'queued', failure: null } as OutboxEntry;
            return { entries: [...state.entries, entry] };
          });
        },
        setStatus(id, status, failure = null) {
          set((state) => ({
            entries: state.entries.map((entry) => (entry.id === id ? { ...entry, status, failure } : entry)),
          }));
        },
        confirm(id, conversationId) {
          set((state) => ({
            entries: state.entries.map((entry) =>
              entry.id === id && entry.kind === 'conversation'
                ? { ...entry, confirmedAs: conversationId }
                : entry,
            ),
          }));
        },
        remove(id) {
          set((state) => ({ entries: state.entries.filter((entry) => entry.id !== id) }));
        },
      }),
      viewerPersistOptions(
        'outbox',
        (state) => ({ entries: state.entries }),
        (saved) => ({ entries: savedEntries(saved) }),
        (saved, state) => ({ ...state, entries: withRestored(state.entries, saved.entries) }),
      ),
    ),
  );
}

/** An outbox store made by `createOutboxStore`. */
export type OutboxStore = ReturnType<typeof createOutboxStore>;
