'use client';
import type { AttachmentId, ConversationId, DownloadUrlOptions, ThreadMessage } from '@confide/core';
import {
  forwardRef,
  type HTMLAttributes,
  type KeyboardEvent,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useMessages } from '../../hooks/use-messages.js';
import { useThread } from '../../hooks/use-thread.js';
import { useViewer } from '../../hooks/use-viewer.js';
import { cx } from '../../lib/class-names.js';
import { composeRefs } from '../../lib/compose-refs.js';
import { dayKey, formatDay } from '../../lib/format.js';
import { useDocumentAttention } from '../../lib/use-document-attention.js';
import { useVirtualList } from '../../lib/use-virtual-list.js';
import { Thread } from '../../primitives/thread/thread.js';
import { useConfideContext } from '../../provider/use-confide-context.js';
import type { StyledComponentProps } from '../shared/part-props.js';
import { useSlots } from '../shared/slots.js';
import { ErrorState, OfflineBanner, Skeleton } from '../shared/states.js';
import { ReplyBox } from './reply-box.js';
import { isOutbound, ThreadMessageView, type ThreadViewPart } from './thread-message.js';
import { useReadMarking } from './use-read-marking.js';

/** Props of `ThreadView`. */
export interface ThreadViewProps
  extends Omit<HTMLAttributes<HTMLDivElement>, 'children'>,
    StyledComponentProps<ThreadViewPart> {
  /** The conversation to show. */
  readonly conversationId: ConversationId;
  /** Whether to show the reply box under the thread. @default true */
  readonly showReplyBox?: boolean;
  /**
   * Moves focus into the thread once it has loaded: to the reply box, else to the messages. For a thread opened by an
   * action (the conversation just started from a dialog), so keyboard and screen-reader users land in it. @default false
   */
  readonly autoFocus?: boolean;
  /**
   * Each new value moves focus into the thread again (the reply box, else the messages) and brings the newest
   * message into view: for a host whose person opens the conversation that is already shown (from a notification,
   * the index or a link), where nothing would happen otherwise. A count the host raises is enough.
   */
  readonly focusRequest?: number;
}

// The WAI-ARIA feed pattern: Page Down and Page Up move focus between articles.
function moveBetweenArticles(event: KeyboardEvent<HTMLElement>) {
  if (event.key !== 'PageDown' && event.key !== 'PageUp') return;
  const articles = [...event.currentTarget.querySelectorAll<HTMLElement>('[role="article"]')];
  const current = articles.findIndex((article) => article.contains(event.target as Node));
  const next =
    event.key === 'PageDown'
      ? articles[current + 1]
      : current === -1
        ? articles.at(-1)
        : articles[Math.max(0, current - 1)];
  if (!next) return;
  event.preventDefault();
  next.focus();
}

/** A message's estimated height before it is measured, in pixels (two lines of text plus its header). */
const ESTIMATED_MESSAGE_HEIGHT_PX = 96;
/** Messages rendered before the viewport has a size (server render): the newest screenful. */
const INITIAL_MESSAGES = 30;

function useNewMessageTracking(
  messages: readonly ThreadMessage[],
  atEnd: boolean,
  viewerSide: (m: ThreadMessage) => boolean,
) {
  const [unseen, setUnseen] = useState(0);
  const [announcement, setAnnouncement] = useState({ author: '', count: 0 });
  const lastId = useRef<string | undefined>(undefined);
  const last = messages.at(-1);
  useEffect(() => {
    if (!last || last.id === lastId.current) return;
    const isFirst = lastId.current === undefined;
    const previous = lastId.current;
    lastId.current = last.id;
    // A confirmed send replaces its optimistic copy (a new id): that is not a new message.
    if (isFirst || previous === last.idempotencyKey || viewerSide(last)) return;
    setAnnouncement((previous) => ({ author: last.author?.name ?? '', count: previous.count + 1 }));
    if (!atEnd) setUnseen((count) => count + 1);
  }, [last, atEnd, viewerSide]);
  useEffect(() => {
    if (atEnd) setUnseen(0);
  }, [atEnd]);
  return { unseen, announcement };
}

/**
 * A conversation's whole chain with day separators, authors and times, read receipts and internal notes (firm
 * side), a reply box, older messages on scrolling up, and a "new messages" pill when the reader has scrolled
 * away from the newest. Virtualized, so long threads stay fast.
 *
 * @example
 * <ThreadView conversationId={id} />
 */
export const ThreadView = forwardRef<HTMLDivElement, ThreadViewProps>(function ThreadView(props, ref) {
  // A view per conversation: what it keeps of one thread (the newest message seen, arrivals not yet seen, the scroll
  // position, focus) must not carry over to the next, where the newest message would be announced as a new arrival.
  return <OneThread key={props.conversationId} {...props} ref={ref} />;
});

const OneThread = forwardRef<HTMLDivElement, ThreadViewProps>(function OneThread(props, ref) {
  const {
    conversationId,
    showReplyBox = true,
    autoFocus = false,
    focusRequest,
    classNames,
    overrides,
    components,
    className,
    ...rest
  } = props;
  const { client, dates } = useConfideContext();
  const messages = useMessages(overrides);
  const slots = useSlots(components);
  const thread = useThread(conversationId);
  const { viewer, isMember } = useViewer();
  const keys = useMemo(() => thread.messages.map((message) => message.idempotencyKey), [thread.messages]);
  const list = useVirtualList({
    keys,
    estimateSize: ESTIMATED_MESSAGE_HEIGHT_PX,
    initial: { count: INITIAL_MESSAGES, from: 'end' },
  });
  const viewerSide = useMemo(() => (message: ThreadMessage) => isOutbound(message, viewer), [viewer]);
  const { unseen, announcement } = useNewMessageTracking(thread.messages, list.atEnd, viewerSide);
  const { hasOlder, isLoadingOlder, loadOlder, markRead } = thread;
  const newestSent = thread.messages.findLast((message) => message.state === 'sent')?.id;

  useEffect(() => {
    if (list.atStart && list.hasLayout && hasOlder && !isLoadingOlder) void loadOlder().catch(() => {});
  }, [list.atStart, list.hasLayout, hasOlder, isLoadingOlder, loadOlder]);

  // Reading means seeing: the newest message counts as read only while it is on screen (the view at its end) and
  // the page is in front of the person (visible and focused), never in a background tab; it resumes when they return.
  const attentive = useDocumentAttention();
  useReadMarking(attentive && list.atEnd, newestSent, markRead);

  const rootRef = useRef<HTMLDivElement | null>(null);
  const loaded = thread.status === 'success';
  // The request last acted on: with autoFocus, none yet (so the first load takes focus); else the first value.
  const handledRequest = useRef<number | undefined | 'initial'>(autoFocus ? 'initial' : focusRequest);
  const { scrollToEnd } = list;
  useEffect(() => {
    if (!loaded || handledRequest.current === focusRequest) return;
    const again = handledRequest.current !== 'initial';
    handledRequest.current = focusRequest;
    const root = rootRef.current;
    const target =
      root?.querySelector<HTMLElement>('.confide-reply textarea') ??
      root?.querySelector<HTMLElement>('[role="feed"]');
    // Opened again: the person may have scrolled up since; what they came for is the newest message.
    if (again) scrollToEnd();
    target?.focus();
  }, [loaded, focusRequest, scrollToEnd]);

  const getDownloadUrl = useCallback(
    (attachmentId: string, options?: DownloadUrlOptions) =>
      client.attachments.downloadUrl(attachmentId as AttachmentId, options),
    [client],
  );

  const retryLoad = () =>
    void client.queryClient.refetchQueries({ queryKey: client.keys.messages(conversationId) });
  const subject = thread.conversation?.subject ?? '';

  return (
    <Thread.Root
      {...rest}
      ref={composeRefs(ref, rootRef)}
      className={cx('confide', 'confide-thread', className, classNames?.root)}
      data-state={thread.status === 'pending' ? 'loading' : thread.status}
    >
      <OfflineBanner messages={messages} />
      {thread.status === 'pending' && <Skeleton rows={4} messages={messages} />}
      {thread.status === 'error' && (
        <ErrorState error={thread.error} messages={messages} onRetry={retryLoad} />
      )}
      {thread.status === 'success' && (
        <>
          {thread.messages.length === 0 ? (
            <slots.EmptyState kind="thread">{messages.THREAD_EMPTY}</slots.EmptyState>
          ) : (
            <>
              {hasOlder && (
                <button
                  type="button"
                  className="confide-button confide-button-quiet confide-load-older"
                  disabled={isLoadingOlder}
                  onClick={() => void loadOlder().catch(() => {})}
                >
                  {isLoadingOlder ? messages.THREAD_LOADING_OLDER : messages.THREAD_LOAD_OLDER}
                </button>
              )}
              <Thread.Messages
                ref={list.viewportRef}
                role="feed"
                aria-label={messages.THREAD_LABEL(subject)}
                aria-busy={isLoadingOlder}
                className={cx('confide-thread-messages', classNames?.messages)}
                onScroll={list.onScroll}
                onKeyDown={moveBetweenArticles}
                tabIndex={0}
              >
                <div style={{ paddingBlockStart: list.paddingBefore, paddingBlockEnd: list.paddingAfter }}>
                  {thread.messages.slice(list.start, list.end).map((message, offset) => {
                    const index = list.start + offset;
                    const previous = thread.messages[index - 1];
                    const newDay =
                      !previous || dayKey(previous.createdAt, dates) !== dayKey(message.createdAt, dates);
                    return (
                      <div
                        key={message.idempotencyKey}
                        ref={list.measure(message.idempotencyKey)}
                        className="confide-message-row"
                      >
                        {newDay && (
                          <div className={cx('confide-day', classNames?.day)} aria-hidden="true">
                            {formatDay(message.createdAt, dates)}
                          </div>
                        )}
                        <ThreadMessageView
                          message={message}
                          viewer={viewer}
                          position={index + 1}
                          total={thread.messages.length}
                          messages={messages}
                          dates={dates}
                          slots={slots}
                          classNames={classNames}
                          onRetry={thread.retry}
                          onDiscard={thread.discard}
                          getDownloadUrl={getDownloadUrl}
                        />
                      </div>
                    );
                  })}
                </div>
              </Thread.Messages>
            </>
          )}
          {unseen > 0 && (
            <button type="button" className={cx('confide-pill', classNames?.pill)} onClick={list.scrollToEnd}>
              {messages.THREAD_NEW_MESSAGES(unseen)}
            </button>
          )}
          {showReplyBox && (
            <ReplyBox
              conversationId={conversationId}
              isMember={isMember}
              messages={messages}
              locale={dates.locale}
              className={classNames?.composer}
              onSent={list.scrollToEnd}
            />
          )}
        </>
      )}
      <div className="confide-visually-hidden" role="status" aria-live="polite">
        {announcement.count > 0 && (
          // A new node per arrival, so two messages in a row from the same person are both announced.
          <span key={announcement.count}>{messages.THREAD_ANNOUNCE_NEW(announcement.author)}</span>
        )}
      </div>
    </Thread.Root>
  );
});
