import type {
  Attachment,
  Author,
  ConversationId,
  ListMessagesResponse,
  Message,
  ReadReceipt,
  Viewer,
} from '@confide/protocol';
import type { InfiniteData } from '@tanstack/query-core';
import type { OutboxEntry, SendFailure } from '../stores/outbox/outbox-store.js';

/** Where one message of a thread stands: `sending` until the server has it, `failed` with a reason. */
export type MessageState = 'sending' | 'sent' | 'failed';

/** A message as a thread shows it: the server's messages and the viewer's unconfirmed sends, one list. */
export interface ThreadMessage {
  /** The server's id, or the idempotency key while the message is not confirmed. */
  readonly id: string;
  /** The conversation it belongs to. */
  readonly conversationId: ConversationId;
  /** Who wrote it; `null` only for an unconfirmed send before the viewer has loaded. */
  readonly author: Author | null;
  /** The text, to render as text (never as HTML). */
  readonly body: string;
  /** When it was written (the server's time once sent, the device's time before). */
  readonly createdAt: string;
  /** A firm-only note. */
  readonly internal: boolean;
  /** Its files in order (an unconfirmed send shows the ones it carries). */
  readonly attachments: readonly Attachment[];
  /** The key that ties an optimistic copy to the server's message. */
  readonly idempotencyKey: string;
  /** Where it stands. */
  readonly state: MessageState;
  /** Why sending failed, when `state` is `failed` (or the last failure while it is retried). */
  readonly failure: SendFailure | null;
  /**
   * Members only: the client has read this firm message ("Seen"). Always `false` for clients, who never learn
   * which staff read what (read receipts are one-sided).
   */
  readonly seen: boolean;
}

function authorOf(viewer: Viewer | undefined): Author | null {
  if (!viewer) return null;
  return viewer.role === 'member'
    ? { kind: 'member', id: viewer.id, name: viewer.name }
    : { kind: 'client', id: viewer.id, name: viewer.name };
}

function fromServer(message: Message, seen: boolean): ThreadMessage {
  return { ...message, attachments: message.attachments ?? [], state: 'sent', failure: null, seen };
}

/**
 * Merges a thread's cached pages (newest page first, each oldest first) with the outbox: in the server's order, each
 * message once by id, then the unconfirmed sends, each hidden as soon as the server's copy (same key) is there.
 */
export function mergeThreadMessages(
  conversationId: ConversationId,
  data: InfiniteData<ListMessagesResponse, unknown> | undefined,
  entries: readonly OutboxEntry[],
  viewer: Viewer | undefined,
  clientRead: ReadReceipt | null | undefined,
): ThreadMessage[] {
  // The pages hold the server's order (oldest page first, each page oldest first, live messages appended), which is
  // the thread's: not the messages' times, which two servers' clocks may disagree on.
  const pages = [...(data?.pages ?? [])].reverse();
  const sent = [
    ...new Map(pages.flatMap((page) => page.items.map((message) => [message.id, message]))).values(),
  ];
  const confirmedKeys = new Set(sent.map((message) => message.idempotencyKey));
  const author = authorOf(viewer);
  const pending = entries
    .filter((entry) => entry.kind === 'message' && entry.conversationId === conversationId)
    .filter((entry) => !confirmedKeys.has(entry.id))
    .map(
      (entry): ThreadMessage => ({
        id: entry.id,
        conversationId,
        author,
        body: entry.body,
        createdAt: new Date(entry.createdAt).toISOString(),
        internal: entry.kind === 'message' && entry.internal,
        attachments: entry.attachments ?? [],
        idempotencyKey: entry.id,
        state: entry.status === 'failed' ? 'failed' : 'sending',
        failure: entry.failure,
        seen: false,
      }),
    );
  const seenUpTo =
    viewer?.role === 'member' && clientRead
      ? sent.findIndex((message) => message.id === clientRead.upToMessageId)
      : -1;
  return [
    ...sent.map((message, index) =>
      fromServer(message, index <= seenUpTo && message.author.kind === 'member' && !message.internal),
    ),
    ...pending,
  ];
}
