import type {
  ConversationId,
  ConversationSummary,
  ListMessagesResponse,
  MessageId,
  Viewer,
} from '@confide/protocol';
import { type InfiniteData, InfiniteQueryObserver, QueryObserver } from '@tanstack/query-core';
import { applyReadResult } from '../cache/apply-server-event.js';
import { type ConfideError, toConfideError } from '../errors/confide-error.js';
import { createIdempotencyKey } from '../lib/id.js';
import type { SendResult } from '../outbox/outbox-runner.js';
import type { OutboxEntry } from '../stores/outbox/outbox-store.js';
import type { ClientContext } from './client-context.js';
import { listenToAll, loadNextPage, type Observable, type PagedResult } from './observe.js';
import { mergeThreadMessages, type ThreadMessage } from './thread-messages.js';

/** What a thread shows. */
export interface ThreadState {
  /** `pending` until the newest page arrives, `error` if it could not be loaded. */
  readonly status: 'pending' | 'success' | 'error';
  /** The conversation, once loaded. */
  readonly conversation: ConversationSummary | undefined;
  /** The whole loaded chain, oldest first, with unconfirmed sends at the end. */
  readonly messages: readonly ThreadMessage[];
  /** Whether older messages can be loaded with `loadOlder()`. */
  readonly hasOlder: boolean;
  /** Whether `loadOlder()` is running. */
  readonly isLoadingOlder: boolean;
  /** Why loading failed, when `status` is `error`. */
  readonly error: ConfideError | null;
}

/** What a thread's state is made of: the two queries' results (query-core's or react-query's), the outbox and the viewer. */
export interface ThreadSources {
  readonly messages: PagedResult<ListMessagesResponse>;
  readonly detail: { readonly data: ConversationSummary | undefined; readonly error: unknown };
  readonly entries: readonly OutboxEntry[];
  readonly viewer: Viewer | undefined;
}

/** A thread's state from its sources: a pure function, called where the state is read. */
export function threadStateOf(id: ConversationId, sources: ThreadSources): ThreadState {
  const { messages, detail } = sources;
  const error = messages.error ?? detail.error;
  return {
    status: messages.status,
    conversation: detail.data,
    messages: mergeThreadMessages(
      id,
      messages.data,
      sources.entries,
      sources.viewer,
      detail.data?.clientRead,
    ),
    hasOlder: messages.hasNextPage,
    isLoadingOlder: messages.isFetchingNextPage,
    error: error ? toConfideError(error) : null,
  };
}

/** One conversation's thread: the actions on it, and `observe` for a headless UI. */
export interface Thread extends Observable<ThreadState> {
  /** The conversation's id. */
  readonly id: ConversationId;
  /** Loads the previous, older page of messages. */
  loadOlder(): Promise<void>;
  /**
   * Sends a reply at once (optimistically); resolves with the server's message. Prefer `composer()` for drafts.
   * The outbox retries `network` and `timeout` without limit and `internal` and `rate_limited` up to its attempt
   * limit; it then rejects with the error of `Transport.sendMessage` (`invalid_input`, `forbidden`, `not_found`,
   * `conflict`, `attachment_unavailable`, `payload_too_large`, `rate_limited`, `internal`, `unauthenticated`,
   * `invalid_response`), or with `aborted` when the message is discarded or the client disposed.
   */
  send(body: string, options?: { readonly internal?: boolean }): Promise<SendResult>;
  /** Sends a failed message again with the same idempotency key. */
  retry(messageId: string): void;
  /** Drops a failed or waiting message. */
  discard(messageId: string): void;
  /**
   * Marks the thread read up to a message: the newest one the UI shows on screen, or by default the newest the
   * server has confirmed. Does nothing when that is where the last call left it. Rejects with the errors of
   * `Transport.markRead` (`not_found`, `invalid_input`, `unauthenticated`, `forbidden`, `internal`, `network`,
   * `timeout`, `invalid_response`, `aborted`).
   */
  markRead(upToMessageId?: MessageId): Promise<void>;
}

/** Creates the actions of one conversation's thread. */
export function createThread(context: ClientContext, id: ConversationId): Thread {
  const { queryClient, queries, keys, stores, outbox } = context;
  let lastMarked: MessageId | undefined;

  return {
    id,
    observe(listener) {
      const messages = new InfiniteQueryObserver(queryClient, queries.messages.list(id));
      const detail = new QueryObserver(queryClient, queries.conversations.detail(id));
      const viewer = new QueryObserver(queryClient, queries.viewer.viewer());
      const emit = () =>
        listener(
          threadStateOf(id, {
            messages: messages.getCurrentResult(),
            detail: detail.getCurrentResult(),
            entries: stores.outbox.getState().entries,
            viewer: viewer.getCurrentResult().data,
          }),
        );
      const stop = listenToAll([messages, detail, viewer, stores.outbox], emit);
      emit();
      return context.track(stop);
    },
    loadOlder: () => loadNextPage(queryClient, queries.messages.list(id)),
    send(body, options = {}) {
      const key = createIdempotencyKey();
      const sent = outbox.whenSent(key);
      const sender = context.viewer();
      stores.outbox.getState().enqueue({
        kind: 'message',
        id: key,
        draftId: null,
        conversationId: id,
        body,
        internal: options.internal ?? false,
        createdAt: context.clock.now(),
        ...(sender ? { senderId: sender.id } : {}),
      });
      void outbox.drain();
      // The thread shows a failure itself; callers that ignore the promise must not cause an unhandled rejection.
      sent.catch(() => {});
      return sent;
    },
    retry: (messageId) => outbox.retry(messageId),
    discard: (messageId) => outbox.discard(messageId),
    async markRead(upToMessageId) {
      // Without outbox entries every merged message is one the server has confirmed.
      const pages = queryClient.getQueryData<InfiniteData<ListMessagesResponse, unknown>>(keys.messages(id));
      const sent = mergeThreadMessages(id, pages, [], undefined, undefined);
      const target =
        upToMessageId === undefined ? sent.at(-1) : sent.find((message) => message.id === upToMessageId);
      if (!target || target.id === lastMarked) return;
      // Only server-confirmed messages reach here, so the id is a real message id, not an idempotency key.
      const upTo = target.id as MessageId;
      lastMarked = upTo;
      try {
        const result = await context.transport.markRead(id, { upTo });
        applyReadResult(context, id, result);
      } catch (error) {
        lastMarked = undefined;
        throw toConfideError(error, { conversationId: id });
      }
    },
  };
}
