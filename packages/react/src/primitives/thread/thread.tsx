'use client';
import type { MessageState } from '@confide/core';
import { forwardRef } from 'react';
import { Primitive, type PrimitiveProps } from '../primitive.js';

/** Props of `Thread.Message`. */
export interface ThreadMessageProps extends PrimitiveProps<'div'> {
  /** Whether the viewer wrote it (`outbound`) or received it (`inbound`); mirrored to `data-direction`. */
  readonly direction: 'inbound' | 'outbound';
  /** Where the message stands; mirrored to `data-state`. @default 'sent' */
  readonly state?: MessageState;
  /** A firm-only note; mirrored to `data-internal`. @default false */
  readonly internal?: boolean;
}

/** The whole thread. */
const Root = forwardRef<HTMLDivElement, PrimitiveProps<'div'>>(function ThreadRoot(props, ref) {
  return <Primitive tag="div" {...props} ref={ref} />;
});

/** The list of messages (the element that scrolls). */
const Messages = forwardRef<HTMLDivElement, PrimitiveProps<'div'>>(function ThreadMessages(props, ref) {
  return <Primitive tag="div" {...props} ref={ref} />;
});

/** One message: its state as `data-direction`, `data-state` and `data-internal`. */
const Message = forwardRef<HTMLDivElement, ThreadMessageProps>(function ThreadMessage(
  { direction, state = 'sent', internal = false, ...props },
  ref,
) {
  return (
    <Primitive
      tag="div"
      data-direction={direction}
      data-state={state}
      data-internal={internal ? '' : undefined}
      {...props}
      ref={ref}
    />
  );
});

/**
 * The unstyled parts of a thread: `Root` (the whole), `Messages` (the scrolling list), `Message` (one message).
 *
 * @example
 * <Thread.Root><Thread.Messages role="log">{messages.map((m) => <Thread.Message key={m.id} direction="inbound">{m.body}</Thread.Message>)}</Thread.Messages></Thread.Root>
 */
export const Thread = { Root, Messages, Message };
