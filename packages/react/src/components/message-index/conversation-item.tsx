'use client';
import type { ConversationSummary, Viewer } from '@confide/core';
import { type CSSProperties, memo } from 'react';
import { cx } from '../../lib/class-names.js';
import type { DateSettings } from '../../lib/format.js';
import { MessageIndex as Index } from '../../primitives/message-index/message-index.js';
import type { ConfideComponents } from '../../provider/components.js';
import type { ConfideMessages } from '../../provider/messages.js';
import { ListTime } from '../shared/list-time.js';

/** The parts of a `MessageIndex` that take a class name. */
export type MessageIndexPart = 'root' | 'toolbar' | 'search' | 'list' | 'item' | 'badge' | 'matter';

/** What every row of the index shares (its conversations and the viewer's pending starts). */
export interface IndexRowContext {
  readonly viewer: Viewer | undefined;
  /** Today, for the rows' times. */
  readonly now: Date;
  readonly messages: ConfideMessages;
  readonly dates: DateSettings;
  readonly slots: ConfideComponents;
  readonly classNames: Partial<Record<MessageIndexPart, string>> | undefined;
}

/** Props of one conversation row. */
export interface ConversationItemProps {
  readonly conversation: ConversationSummary;
  readonly id: string;
  readonly position: number;
  readonly total: number;
  readonly active: boolean;
  readonly highlighted: boolean;
  readonly context: IndexRowContext;
  readonly onOpen: (conversation: ConversationSummary) => void;
  readonly measureRef: (node: HTMLElement | null) => void;
  /** Places a row rendered outside the virtual window (the highlighted one) where it belongs. */
  readonly style?: CSSProperties | undefined;
}

/** A preview's text; a message that only carries files says how many ("📎 2 files"). */
function previewText(preview: NonNullable<ConversationSummary['lastMessage']>, messages: ConfideMessages) {
  return preview.text === '' && preview.attachmentCount
    ? messages.INDEX_PREVIEW_FILES(preview.attachmentCount)
    : preview.text;
}

/** One conversation in the index: participant, subject, preview, matter, time and unread count. */
export const ConversationItem = memo(function ConversationItem(props: ConversationItemProps) {
  const { conversation, active, highlighted } = props;
  const { viewer, now, messages, dates, slots, classNames } = props.context;
  const { Avatar } = slots;
  const unread = conversation.unreadCount > 0;
  // Clients talk to the firm; members see which client a conversation is with.
  const participant = viewer?.role === 'client' ? viewer.firm.name : conversation.contact.name;
  const preview = conversation.lastMessage;
  return (
    <Index.Item
      ref={props.measureRef}
      id={props.id}
      role="option"
      aria-selected={active}
      aria-posinset={props.position}
      aria-setsize={props.total}
      unread={unread}
      active={active}
      data-highlighted={highlighted ? '' : undefined}
      style={props.style}
      className={cx('confide-index-item', classNames?.item)}
      onClick={() => props.onOpen(conversation)}
    >
      <Avatar author={{ name: participant, kind: viewer?.role === 'client' ? 'member' : 'client' }} />
      <div className="confide-index-main">
        <div className="confide-index-meta" dir="auto">
          {participant}
        </div>
        {/* Its own direction, so a truncated right-to-left subject shows its beginning and hides its end. */}
        <div className="confide-index-subject" dir="auto">
          {conversation.subject}
        </div>
        <div className="confide-index-preview" dir="auto">
          {preview ? (
            preview.internal ? (
              <>
                {messages.MESSAGE_INTERNAL}: <bdi>{previewText(preview, messages)}</bdi>
              </>
            ) : (
              previewText(preview, messages)
            )
          ) : (
            messages.INDEX_NO_PREVIEW
          )}
        </div>
        {conversation.matter && (
          <span className={cx('confide-matter', classNames?.matter)} dir="auto">
            {conversation.matter.label}
          </span>
        )}
      </div>
      <div className="confide-index-side">
        <ListTime className="confide-index-meta" at={conversation.lastActivityAt} now={now} dates={dates} />
        {unread && (
          <span className={cx('confide-badge', classNames?.badge)}>
            <span aria-hidden="true">{conversation.unreadCount}</span>
            <span className="confide-visually-hidden">{messages.UNREAD_COUNT(conversation.unreadCount)}</span>
          </span>
        )}
      </div>
    </Index.Item>
  );
});
