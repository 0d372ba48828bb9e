import type { Author, ThreadMessage } from '@confide/core';
import type { ComponentType, ReactNode } from 'react';

/** Props of an `Avatar` slot. */
export interface AvatarProps {
  /** Whose picture or initials to show. */
  readonly author: Pick<Author, 'name' | 'kind'>;
}

/** Props of a `MessageBody` slot. */
export interface MessageBodyProps {
  /** The message whose text to render (as text, never HTML). */
  readonly message: Pick<ThreadMessage, 'body' | 'id' | 'internal'>;
}

/** Props of an `EmptyState` slot. */
export interface EmptyStateProps {
  /** What is empty, for styling: `thread`, `index`, `notifications`, `templates`. */
  readonly kind: string;
  /** The text to show. */
  readonly children: ReactNode;
}

/** Parts of the styled components a host can replace with its own. */
export interface ConfideComponents {
  /** The picture next to a message or a conversation. */
  readonly Avatar: ComponentType<AvatarProps>;
  /** The text of one message. */
  readonly MessageBody: ComponentType<MessageBodyProps>;
  /** What a list shows when it has nothing. */
  readonly EmptyState: ComponentType<EmptyStateProps>;
}
