'use client';
import { forwardRef } from 'react';
import { Primitive, type PrimitiveProps } from '../primitive.js';

/** Props of `Notification.Item`. */
export interface NotificationItemProps extends PrimitiveProps<'li'> {
  /** Whether it is unread; mirrored to `data-unread`. @default false */
  readonly unread?: boolean;
}

/** The list of notifications. */
const List = forwardRef<HTMLUListElement, PrimitiveProps<'ul'>>(function NotificationList(props, ref) {
  return <Primitive tag="ul" {...props} ref={ref} />;
});

/** A count of unread notifications. */
const Badge = forwardRef<HTMLSpanElement, PrimitiveProps<'span'>>(function NotificationBadge(props, ref) {
  return <Primitive tag="span" {...props} ref={ref} />;
});

const Item = forwardRef<HTMLLIElement, NotificationItemProps>(function NotificationItem(
  { unread = false, ...props },
  ref,
) {
  return <Primitive tag="li" data-unread={unread ? '' : undefined} {...props} ref={ref} />;
});

/**
 * The unstyled parts of a notification feed: `List` and `Item`, and `Badge` for a count.
 *
 * @example
 * <Notification.List>{items.map((n) => <Notification.Item key={n.id} unread={!n.readAt}>…</Notification.Item>)}</Notification.List>
 */
export const Notification = { List, Item, Badge };
