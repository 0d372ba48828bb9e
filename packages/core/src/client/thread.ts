import type { ConversationId, ConversationSummary, MessageId } from '@confide/protocol';
import { InfiniteQueryObserver, QueryObserver } from '@tanstack/query-core';
import { applyReadResult } from '../cache/conversation-cache.js';
import { type ConfideError, toConfideError } from '../errors/confide-error.js';
import { createIdempotencyKey } from '../lib/id.js';
import { createReadable, currentResult, memoizeLast, type Readable } from '../lib/readable.js';
import type { SendResult } from '../outbox/outbox-runner.js';
import type { ClientContext } from './client-context.js';
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

/** One conversation's thread: a readable state plus the actions on it. */
export interface Thread extends Readable<ThreadState> {
  /** The conversation's id. */
  readonly id: ConversationId;
  /** Loads the previous, older page of messages. */
  loadOlder(): Promise<void>;
  /** Sends a reply at once (optimistically); resolves with the server's message. Prefer `composer()` for drafts. */
  send(body: string, options?: { readonly internal?: boolean }): Promise<SendResult>;
  /** Sends a failed message again with the same idempotency key. */
  retry(messageId: string): void;
  /** Drops a failed or waiting message. */
  discard(messageId: string): void;
  /**
   * Marks the thread read up to a message: the newest one the UI shows on screen, or by default the newest the
   * server has confirmed. Does nothing when that is where the last call left it.
   */
  markRead(upToMessageId?: MessageId): Promise<void>;
}

/** Creates the thread of one conversation. */
export function createThread(context: ClientContext, id: ConversationId): Thread {
  const { queryClient, queries, stores, outbox } = context;
  const messagesObserver = new InfiniteQueryObserver(queryClient, queries.messages.list(id));
  const detailObserver = new QueryObserver(queryClient, queries.conversations.detail(id));
  const merge = memoizeLast(mergeThreadMessages);
  let lastMarked: MessageId | undefined;

  const readable = createReadable<ThreadState>({
    compute() {
      const messages = currentResult(messagesObserver);
      const detail = currentResult(detailObserver);
      const error = messages.error ?? detail.error;
      return {
        status: messages.status,
        conversation: detail.data,
        messages: merge(
          id,
          messages.data,
          stores.outbox.getState().entries,
          context.viewer(),
          detail.data?.clientRead,
        ),
        hasOlder: messages.hasNextPage,
        isLoadingOlder: messages.isFetchingNextPage,
        error: error ? toConfideError(error) : null,
      };
    },
    connect(onChange) {
      const stops = [
        messagesObserver.subscribe(onChange),
        detailObserver.subscribe(onChange),
        stores.outbox.subscribe(onChange),
      ];
      return () => {
        for (const stop of stops) stop();
      };
    },
  });
  context.onDispose(readable.dispose);

  return {
    id,
    getSnapshot: readable.getSnapshot,
    subscribe: readable.subscribe,
    async loadOlder() {
      if (!currentResult(messagesObserver).hasNextPage) return;
      const result = await messagesObserver.fetchNextPage();
      if (result.error) throw toConfideError(result.error);
    },
    send(body, options = {}) {
      const key = createIdempotencyKey();
      const sent = outbox.whenSent(key);
      stores.outbox.getState().enqueue({
        kind: 'message',
        id: key,
        draftId: null,
        conversationId: id,
        body,
        internal: options.internal ?? false,
        createdAt: context.clock.now(),
      });
      void outbox.drain();
      // The thread shows a failure itself; callers that ignore the promise must not cause an unhandled rejection.
      sent.catch(() => {});
      return sent;
    },
    retry: (messageId) => outbox.retry(messageId),
    discard: (messageId) => outbox.discard(messageId),
    async markRead(upToMessageId) {
      const sent = readable.getSnapshot().messages.filter((message) => message.state === 'sent');
      const target =
        upToMessageId === undefined ? sent.at(-1) : sent.find((message) => message.id === upToMessageId);
      if (!target || target.id === lastMarked) return;
      // Only server-confirmed messages reach here, so the id is a real message id, not an idempotency key.
      const upTo = target.id as MessageId;
      lastMarked = upTo;
      try {
        const result = await context.transport.markRead(id, { upTo });
        applyReadResult(queryClient, id, result);
      } catch (error) {
        lastMarked = undefined;
        throw toConfideError(error, { conversationId: id });
      }
    },
  };
}
