'use client';
import type { PendingConversation } from '@confide/core';
import { useQuery } from '@tanstack/react-query';
import { memo } from 'react';
import { useConfideClient } from '../../hooks/use-client.js';
import { cx } from '../../lib/class-names.js';
import type { ConfideMessages } from '../../provider/messages.js';
import { ListTime } from '../shared/list-time.js';
import { SendStatus } from '../shared/send-status.js';
import type { IndexRowContext } from './conversation-item.js';

/** Props of one conversation the viewer started that the server has not confirmed. */
export interface PendingConversationItemProps {
  readonly pending: PendingConversation;
  /** Who it is with, as the index names the other side: the firm for clients, the client for members. */
  readonly participant: string;
  readonly context: IndexRowContext;
  readonly onRetry: (pendingId: string) => void;
  readonly onDiscard: (pendingId: string) => void;
}

/** The first message's text as a preview; one that only carries files says how many. */
function previewOf({ body, attachmentCount }: PendingConversation, messages: ConfideMessages) {
  return body === '' && attachmentCount > 0 ? messages.INDEX_PREVIEW_FILES(attachmentCount) : body;
}

/**
 * A conversation start waiting in the outbox, shaped like the index's rows: its state in words ("Sending…", or
 * "Not sent." with the reason and Retry/Discard, as a thread's pending message has), never by colour alone.
 */
export const PendingConversationItem = memo(function PendingConversationItem(
  props: PendingConversationItemProps,
) {
  const { pending, participant, onRetry, onDiscard } = props;
  const { now, messages, dates, slots, classNames } = props.context;
  return (
    <li
      className={cx('confide-index-item', 'confide-index-pending', classNames?.item)}
      data-state={pending.state}
    >
      <slots.Avatar author={{ name: participant, kind: pending.contactId ? 'client' : 'member' }} />
      <div className="confide-index-main">
        <div className="confide-index-meta" dir="auto">
          {participant}
        </div>
        <div className="confide-index-subject" dir="auto">
          {pending.subject}
        </div>
        <div className="confide-index-preview" dir="auto">
          {previewOf(pending, messages)}
        </div>
        {pending.matter && (
          <span className="confide-matter" dir="auto">
            {pending.matter.label}
          </span>
        )}
        <SendStatus
          state={pending.state}
          failure={pending.failure}
          messages={messages}
          className="confide-message-status"
          onRetry={() => onRetry(pending.id)}
          onDiscard={() => onDiscard(pending.id)}
        />
      </div>
      <div className="confide-index-side">
        <ListTime className="confide-index-meta" at={pending.createdAt} now={now} dates={dates} />
      </div>
    </li>
  );
});

/** Props of `PendingConversations`. */
export interface PendingConversationsProps
  extends Omit<PendingConversationItemProps, 'pending' | 'participant'> {
  readonly pending: readonly PendingConversation[];
}

/**
 * The viewer's unconfirmed conversation starts, above the index's list: a list of their own (their Retry and Discard
 * buttons are reached with Tab, which the listbox's options could not hold), polite live region so a start that
 * joins it is announced.
 */
export function PendingConversations({ pending, ...rest }: PendingConversationsProps) {
  const { viewer } = rest.context;
  const client = useConfideClient();
  const isMember = viewer?.role === 'member';
  // The composer loaded the contacts to pick from; the names come from that cache.
  const contacts = useQuery(
    { ...client.queries.viewer.contacts(''), enabled: isMember && pending.length > 0 },
    client.queryClient,
  ).data?.items;
  const nameOf = (contactId: string | null) =>
    contacts?.find((contact) => contact.id === contactId)?.name ?? '';
  return (
    // Focusable by script (not in the Tab order), so a host that hands a start over can take the reader to it.
    <ul
      className="confide-index-pending-list"
      aria-label={rest.context.messages.INDEX_PENDING_LABEL}
      aria-live="polite"
      tabIndex={-1}
    >
      {pending.map((entry) => (
        <PendingConversationItem
          key={entry.id}
          {...rest}
          pending={entry}
          participant={isMember ? nameOf(entry.contactId) : (viewer?.firm.name ?? '')}
        />
      ))}
    </ul>
  );
}
