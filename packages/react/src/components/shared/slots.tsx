import { useMemo } from 'react';
import type {
  AvatarProps,
  ConfideComponents,
  EmptyStateProps,
  MessageBodyProps,
} from '../../provider/components.js';
import { useConfideContext } from '../../provider/use-confide-context.js';
import { MessageText } from '../message-text.js';

function initials(name: string): string {
  const words = name.trim().split(/\s+/);
  return ((words[0]?.[0] ?? '') + (words.length > 1 ? (words.at(-1)?.[0] ?? '') : '')).toUpperCase();
}

/** The default avatar: the author's initials, hidden from screen readers (the name is said next to it). */
export function DefaultAvatar({ author }: AvatarProps) {
  return (
    <span className="confide-avatar" data-kind={author.kind} aria-hidden="true">
      {initials(author.name)}
    </span>
  );
}

/** The default message body: the text, safely. */
export function DefaultMessageBody({ message }: MessageBodyProps) {
  return (
    <div className="confide-message-body" dir="auto">
      <MessageText text={message.body} />
    </div>
  );
}

/** The default empty state. */
export function DefaultEmptyState({ kind, children }: EmptyStateProps) {
  return (
    <div className="confide-empty" data-kind={kind}>
      {children}
    </div>
  );
}

const DEFAULTS: ConfideComponents = {
  Avatar: DefaultAvatar,
  MessageBody: DefaultMessageBody,
  EmptyState: DefaultEmptyState,
};

/** The slot components: a component's own `components`, then the provider's, then the defaults. */
export function useSlots(own?: Partial<ConfideComponents>): ConfideComponents {
  const { components } = useConfideContext();
  return useMemo(() => ({ ...DEFAULTS, ...components, ...own }), [components, own]);
}
