'use client';
import type { ConversationId } from '@confide/core';
import { forwardRef, type HTMLAttributes, useEffect, useId, useRef, useState } from 'react';
import { useMessages } from '../../hooks/use-messages.js';
import { useUnreadCount } from '../../hooks/use-unread-count.js';
import { cx } from '../../lib/class-names.js';
import { composeRefs } from '../../lib/compose-refs.js';
import { Notification } from '../../primitives/notification/notification.js';
import { BellIcon } from '../shared/icons.js';
import type { StyledComponentProps } from '../shared/part-props.js';
import { NotificationList } from './notification-list.js';

/** Props of `NotificationBell`. */
export interface NotificationBellProps
  extends Omit<HTMLAttributes<HTMLDivElement>, 'children'>,
    StyledComponentProps<'root' | 'button' | 'badge' | 'popover'> {
  /** Called with the conversation's id when the viewer opens a notification; the list then closes. */
  readonly onOpen?: (conversationId: ConversationId) => void;
}

/**
 * A bell with the unread notification count; it opens the notification list (Escape closes it and returns focus).
 *
 * @example
 * <NotificationBell onOpen={(id) => navigate(`/messages/${id}`)} />
 */
export const NotificationBell = forwardRef<HTMLDivElement, NotificationBellProps>(
  function NotificationBell(props, ref) {
    const { onOpen, classNames, overrides, components, className, ...rest } = props;
    const messages = useMessages(overrides);
    const unread = useUnreadCount('notifications');
    const [open, setOpen] = useState(false);
    const button = useRef<HTMLButtonElement>(null);
    const id = useId();

    const root = useRef<HTMLDivElement>(null);

    // Escape closes the list from anywhere inside it and gives focus back to the bell.
    useEffect(() => {
      const node = root.current;
      if (!open || !node) return;
      const onKeyDown = (event: KeyboardEvent) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        setOpen(false);
        button.current?.focus();
      };
      // A press outside the bell and its list closes the list, as with any popover.
      const onPointerDown = (event: PointerEvent) => {
        if (!node.contains(event.target as Node)) setOpen(false);
      };
      node.addEventListener('keydown', onKeyDown);
      node.ownerDocument.addEventListener('pointerdown', onPointerDown);
      return () => {
        node.removeEventListener('keydown', onKeyDown);
        node.ownerDocument.removeEventListener('pointerdown', onPointerDown);
      };
    }, [open]);
    return (
      <div
        {...rest}
        ref={composeRefs(ref, root)}
        className={cx('confide', 'confide-bell', className, classNames?.root)}
      >
        <button
          ref={button}
          type="button"
          className={cx('confide-button', 'confide-bell-button', classNames?.button)}
          aria-expanded={open}
          aria-controls={`${id}-popover`}
          aria-label={messages.NOTIFICATIONS_BELL(unread)}
          data-state={open ? 'open' : 'closed'}
          onClick={() => setOpen((value) => !value)}
        >
          <BellIcon />
          {unread > 0 && (
            <Notification.Badge className={cx('confide-badge', classNames?.badge)} aria-hidden="true">
              {unread > 99 ? '99+' : unread}
            </Notification.Badge>
          )}
        </button>
        {open && (
          <div id={`${id}-popover`} className={cx('confide-bell-popover', classNames?.popover)}>
            <NotificationList
              {...(overrides ? { overrides } : {})}
              {...(components ? { components } : {})}
              onOpen={(conversationId) => {
                // The pressed item leaves the page with the list: focus goes back to the bell (a host that shows the
                // conversation may move it on from onOpen) instead of falling to <body>.
                setOpen(false);
                button.current?.focus();
                onOpen?.(conversationId);
              }}
            />
          </div>
        )}
      </div>
    );
  },
);
