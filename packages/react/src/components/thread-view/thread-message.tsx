'use client';
import type { ThreadMessage as ThreadMessageData, Viewer } from '@confide/core';
import { memo } from 'react';
import { cx } from '../../lib/class-names.js';
import { type DateSettings, formatDateTime, formatTime } from '../../lib/format.js';
import { Thread } from '../../primitives/thread/thread.js';
import type { ConfideComponents } from '../../provider/components.js';
import type { ConfideMessages } from '../../provider/messages.js';
import { MessageAttachments, type MessageAttachmentsProps } from '../attachments/message-attachments.js';
import { LockIcon } from '../shared/icons.js';
import { SendStatus } from '../shared/send-status.js';

/** The parts of a `ThreadView` that take a class name. */
export type ThreadViewPart =
  | 'root'
  | 'messages'
  | 'message'
  | 'day'
  | 'author'
  | 'time'
  | 'status'
  | 'composer'
  | 'pill';

/** Props of one rendered message. */
export interface ThreadMessageViewProps {
  readonly message: ThreadMessageData;
  readonly viewer: Viewer | undefined;
  readonly position: number;
  readonly total: number;
  readonly messages: ConfideMessages;
  readonly dates: DateSettings;
  readonly slots: ConfideComponents;
  readonly classNames: Partial<Record<ThreadViewPart, string>> | undefined;
  readonly onRetry: (id: string) => void;
  readonly onDiscard: (id: string) => void;
  /** A single-use download URL for one of the message's files. */
  readonly getDownloadUrl: MessageAttachmentsProps['getDownloadUrl'];
}

/** Whether a message comes from the viewer's side: the firm's for members, the client's own for clients. */
export function isOutbound(message: ThreadMessageData, viewer: Viewer | undefined): boolean {
  if (!viewer || !message.author) return true;
  return viewer.role === 'member' ? message.author.kind === 'member' : message.author.id === viewer.id;
}

/**
 * One message of the thread: author, time, text, its files, and its sending, failed, seen or internal state. A message
 * that only carries files shows just the files.
 */
export const ThreadMessageView = memo(function ThreadMessageView(props: ThreadMessageViewProps) {
  const { message, viewer, messages, dates, slots, classNames, position, total } = props;
  const { Avatar, MessageBody } = slots;
  const own = message.author !== null && viewer !== undefined && message.author.id === viewer.id;
  const authorName = own ? messages.MESSAGE_YOU : (message.author?.name ?? messages.MESSAGE_YOU);
  const isMember = viewer?.role === 'member';
  return (
    <Thread.Message
      role="article"
      aria-posinset={position}
      aria-setsize={total}
      aria-label={`${authorName}, ${formatDateTime(message.createdAt, dates)}`}
      className={cx('confide-message', classNames?.message)}
      direction={isOutbound(message, viewer) ? 'outbound' : 'inbound'}
      state={message.state}
      internal={message.internal && isMember}
      tabIndex={-1}
    >
      <div className="confide-message-header">
        {message.author && <Avatar author={message.author} />}
        <bdi className={cx('confide-message-author', classNames?.author)}>{authorName}</bdi>
        <time
          className={cx('confide-message-time', classNames?.time)}
          dateTime={message.createdAt}
          title={formatDateTime(message.createdAt, dates)}
        >
          {formatTime(message.createdAt, dates)}
        </time>
        {message.internal && isMember && (
          <span className="confide-internal-badge">
            <LockIcon />
            {messages.MESSAGE_INTERNAL}
          </span>
        )}
      </div>
      {(message.body !== '' || !message.attachments?.length) && <MessageBody message={message} />}
      {message.attachments && message.attachments.length > 0 && (
        <MessageAttachments
          attachments={message.attachments}
          isMember={isMember}
          messages={messages}
          dates={dates}
          getDownloadUrl={props.getDownloadUrl}
        />
      )}
      <MessageStatus {...props} />
    </Thread.Message>
  );
});

function MessageStatus({
  message,
  viewer,
  messages,
  classNames,
  onRetry,
  onDiscard,
}: ThreadMessageViewProps) {
  const className = cx('confide-message-status', classNames?.status);
  if (message.state !== 'sent')
    return (
      <SendStatus
        state={message.state}
        failure={message.failure}
        messages={messages}
        className={className}
        onRetry={() => onRetry(message.id)}
        onDiscard={() => onDiscard(message.id)}
      />
    );
  // Read receipts are one-sided: only members learn that the client has read a message.
  if (message.seen && viewer?.role === 'member')
    return (
      <div className={className} data-state="seen">
        {messages.MESSAGE_SEEN}
      </div>
    );
  return null;
}
