import type { ConversationId, ConversationSummary } from '@confide/core';
import { ThreadView, useThread } from '@confide/react';
import { type ReactNode, useState } from 'react';
import { wantsFocus } from './router.js';

/** Props of `ConversationPane`. */
export interface ConversationPaneProps {
  /** The conversation to show. */
  readonly conversationId: ConversationId;
  /** The line under the subject: who the conversation is with, its matter. */
  readonly describe: (conversation: ConversationSummary) => ReactNode;
  /** Raised by the host when the person opens this conversation again while it is shown: focus moves into it. */
  readonly focusRequest?: number;
}

const UNAVAILABLE = new Set(['not_found', 'forbidden']);

/**
 * One conversation: its subject and a description above the kit's `ThreadView`. A conversation the viewer may
 * not see gets the same answer as one that does not exist, so nothing about it leaks.
 */
export function ConversationPane({ conversationId, describe, focusRequest }: ConversationPaneProps) {
  const thread = useThread(conversationId);
  // A conversation just started lands the person in it (the dialog they sent from is gone).
  const [focusOnOpen] = useState(wantsFocus);
  const conversation = thread.conversation;
  if (thread.status === 'error' && thread.error && UNAVAILABLE.has(thread.error.code)) {
    return (
      <div className="empty-pane" role="alert">
        <p className="empty-title">Conversation not found</p>
        <p className="muted">It does not exist, or you do not have access to it.</p>
      </div>
    );
  }
  return (
    <div className="conversation">
      <header className="conversation-header">
        <h2 dir="auto">{conversation?.subject ?? '\u00a0'}</h2>
        {conversation ? <p className="muted">{describe(conversation)}</p> : null}
      </header>
      <ThreadView
        conversationId={conversationId}
        className="thread"
        autoFocus={focusOnOpen}
        {...(focusRequest === undefined ? {} : { focusRequest })}
      />
    </div>
  );
}
