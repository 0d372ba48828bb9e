'use client';
import { forwardRef } from 'react';
import { Primitive, type PrimitiveProps } from '../primitive.js';

/** Props of `MessageIndex.Item`. */
export interface MessageIndexItemProps extends PrimitiveProps<'div'> {
  /** Whether the conversation has unread messages; mirrored to `data-unread`. @default false */
  readonly unread?: boolean;
  /** Whether it is the active (selected) item; mirrored to `data-state="active|inactive"`. @default false */
  readonly active?: boolean;
}

/** The list of conversations. */
const Root = forwardRef<HTMLDivElement, PrimitiveProps<'div'>>(function MessageIndexRoot(props, ref) {
  return <Primitive tag="div" {...props} ref={ref} />;
});

/** One conversation in the index. */
const Item = forwardRef<HTMLDivElement, MessageIndexItemProps>(function MessageIndexItem(
  { unread = false, active = false, ...props },
  ref,
) {
  return (
    <Primitive
      tag="div"
      data-unread={unread ? '' : undefined}
      data-state={active ? 'active' : 'inactive'}
      {...props}
      ref={ref}
    />
  );
});

/**
 * The unstyled parts of a conversation list: `Root` and `Item`.
 *
 * @example
 * <MessageIndex.Root role="listbox">{items.map((c) => <MessageIndex.Item key={c.id} unread={c.unreadCount > 0}>{c.subject}</MessageIndex.Item>)}</MessageIndex.Root>
 */
export const MessageIndex = { Root, Item };
