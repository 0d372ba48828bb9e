'use client';
import { ConfideError, type ConversationId, type Notification as NotificationData } from '@confide/core';
import { forwardRef, type HTMLAttributes, useId, useState } from 'react';
import { useMessages } from '../../hooks/use-messages.js';
import { useNotifications } from '../../hooks/use-notifications.js';
import { cx } from '../../lib/class-names.js';
import { isolatedSentence } from '../../lib/isolated-sentence.js';
import { Notification } from '../../primitives/notification/notification.js';
import { useConfideContext } from '../../provider/use-confide-context.js';
import { ListTime } from '../shared/list-time.js';
import type { StyledComponentProps } from '../shared/part-props.js';
import { useSlots } from '../shared/slots.js';
import { ErrorState, Skeleton } from '../shared/states.js';

/** The parts of a `NotificationList` that take a class name. */
export type NotificationListPart = 'root' | 'header' | 'list' | 'item';

/** Props of `NotificationList`. */
export interface NotificationListProps
  extends Omit<HTMLAttributes<HTMLElement>, 'children'>,
    StyledComponentProps<NotificationListPart> {
  /** Called with the conversation's id as the viewer opens a notification (it is marked read in the background). */
  readonly onOpen?: (conversationId: ConversationId) => void;
}

/**
 * A member's in-app notifications, newest first: open one (it is marked read and `onOpen` routes to its
 * conversation), mark one or all read.
 *
 * @example
 * <NotificationList onOpen={(id) => navigate(`/messages/${id}`)} />
 */
export const NotificationList = forwardRef<HTMLElement, NotificationListProps>(
  function NotificationList(props, ref) {
    const { onOpen, classNames, overrides, components, className, ...rest } = props;
    const { dates, client } = useConfideContext();
    const messages = useMessages(overrides);
    const slots = useSlots(components);
    const feed = useNotifications();
    const titleId = useId();
    const now = new Date();
    // What the last mark-read that failed was for: the person is told, instead of a press that seems to do nothing,
    // for as long as the feed shows any of it unread. An answer lost after the server stored the mark is followed by
    // the stream's read, and the warning goes with it rather than stand under items shown read.
    const [markFailed, setMarkFailed] = useState<ReadonlySet<string> | 'all' | null>(null);
    const failedStillUnread =
      markFailed === 'all'
        ? feed.unreadCount > 0
        : markFailed !== null &&
          feed.notifications.some(
            (notification) => notification.readAt === null && markFailed.has(notification.id),
          );

    function mark(marking: Promise<unknown>, marked: readonly string[] | 'all') {
      setMarkFailed(null);
      marking.catch((error: unknown) => {
        // A client disposed meanwhile aborts its requests: nobody is waiting for that answer.
        if (!(ConfideError.is(error) && error.code === 'aborted'))
          setMarkFailed(marked === 'all' ? 'all' : new Set(marked));
      });
    }

    function open(notification: NotificationData) {
      // The host hears of it at once, while the list is on screen: waiting for the mark-read to finish would route
      // a person who has closed the list (or gone elsewhere) in the meantime. Marking read goes on by itself.
      mark(feed.open(notification), [notification.id]);
      onOpen?.(notification.conversationId);
    }
    const describe = (notification: NotificationData) => {
      const { kind, contact, subject } = notification;
      if (kind === 'attachment_blocked') return messages.NOTIFICATION_ATTACHMENT_BLOCKED(subject);
      if (kind === 'client_replied') return messages.NOTIFICATION_CLIENT_REPLIED(contact.name, subject);
      return messages.NOTIFICATION_CLIENT_STARTED(contact.name, subject);
    };
    // Names and subjects are isolated: their direction and bidi controls stay inside the quotes.
    const sentence = ({ kind, contact, subject }: NotificationData) => {
      if (kind === 'attachment_blocked')
        return isolatedSentence(messages.NOTIFICATION_ATTACHMENT_BLOCKED, subject);
      if (kind === 'client_replied')
        return isolatedSentence(messages.NOTIFICATION_CLIENT_REPLIED, contact.name, subject);
      return isolatedSentence(messages.NOTIFICATION_CLIENT_STARTED, contact.name, subject);
    };

    return (
      <section
        {...rest}
        ref={ref}
        aria-labelledby={titleId}
        className={cx('confide', 'confide-notifications', className, classNames?.root)}
        data-state={feed.status === 'pending' ? 'loading' : feed.status}
      >
        <div className={cx('confide-notifications-header', classNames?.header)}>
          <h2 id={titleId} className="confide-notifications-title">
            {messages.NOTIFICATIONS_LABEL}
          </h2>
          {feed.unreadCount > 0 && (
            <button
              type="button"
              className="confide-button confide-button-small"
              onClick={(event) => {
                // This button goes away once nothing is unread: keep focus in the list, on its first item.
                const list = event.currentTarget.closest('.confide-notifications');
                list?.querySelector<HTMLElement>('.confide-notification-open')?.focus();
                mark(feed.markAllRead(), 'all');
              }}
            >
              {messages.NOTIFICATIONS_MARK_ALL_READ}
            </button>
          )}
        </div>
        <p role="status" className="confide-notifications-status">
          {failedStillUnread && (
            <span className="confide-field-error">{messages.NOTIFICATIONS_MARK_FAILED}</span>
          )}
        </p>
        {feed.status === 'pending' && <Skeleton rows={3} messages={messages} />}
        {feed.status === 'error' && (
          <ErrorState
            error={feed.error}
            messages={messages}
            onRetry={() => void client.queryClient.refetchQueries({ queryKey: client.keys.notifications() })}
          />
        )}
        {feed.status === 'success' && feed.notifications.length === 0 && (
          <slots.EmptyState kind="notifications">{messages.NOTIFICATIONS_EMPTY}</slots.EmptyState>
        )}
        {feed.notifications.length > 0 && (
          <Notification.List className={cx('confide-notifications-list', classNames?.list)}>
            {feed.notifications.map((notification) => (
              <Notification.Item
                key={notification.id}
                unread={notification.readAt === null}
                className={cx('confide-notification', classNames?.item)}
              >
                <button
                  type="button"
                  className="confide-button confide-notification-open"
                  data-kind={notification.kind}
                  onClick={() => open(notification)}
                >
                  <span>{sentence(notification)}</span>
                  <ListTime className="confide-hint" at={notification.createdAt} now={now} dates={dates} />
                </button>
                {notification.readAt === null && (
                  <button
                    type="button"
                    className="confide-button confide-button-small confide-button-quiet"
                    aria-label={`${messages.NOTIFICATIONS_MARK_READ}: ${describe(notification)}`}
                    onClick={(event) => {
                      // This button goes away once the item is read: focus moves to the item's own open button.
                      const item = event.currentTarget.closest('li');
                      item?.querySelector<HTMLElement>('.confide-notification-open')?.focus();
                      mark(feed.markRead([notification.id]), [notification.id]);
                    }}
                  >
                    {messages.NOTIFICATIONS_MARK_READ}
                  </button>
                )}
              </Notification.Item>
            ))}
          </Notification.List>
        )}
      </section>
    );
  },
);
