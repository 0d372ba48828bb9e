import type { ConversationId } from '@confide/core';
import { ConversationPane, Link, navigate } from '@confide/demo-shell';
import { MessageIndex } from '@confide/react';
import { useEffect, useRef } from 'react';
import { ONE_PANE_QUERY } from '../layout.js';

/** Props of `MessagesPage`. */
export interface MessagesPageProps {
  /** The open conversation, from the URL. */
  readonly conversationId: string | null;
  /** Opens a conversation chosen in the index (the one already open too: focus then moves into it). */
  readonly onOpen: (conversationId: string) => void;
  /** Raised when the open conversation is opened again, to move focus into it. */
  readonly focusRequest: number;
}

/** Whether the window shows one pane at a time (see styles.css): the index goes away when a conversation opens. */
function onePane(): boolean {
  return window.matchMedia(ONE_PANE_QUERY).matches;
}

/**
 * The firm's messages: the message index beside the open thread; in a narrow window (a phone, a desktop zoomed to
 * 200 %) one of them at a time, with a way back to the index.
 */
export function MessagesPage({ conversationId, onOpen, focusRequest }: MessagesPageProps) {
  const indexPanel = useRef<HTMLElement>(null);
  const shown = useRef(conversationId);
  // Back from a conversation where it filled the window: what had focus went away with it, so focus goes to the list.
  useEffect(() => {
    const previous = shown.current;
    shown.current = conversationId;
    if (previous !== null && conversationId === null && onePane())
      indexPanel.current?.querySelector<HTMLElement>('[role="listbox"]')?.focus();
  }, [conversationId]);
  return (
    <div className="messages-layout" data-open={conversationId ? 'conversation' : 'index'}>
      <section ref={indexPanel} className="panel index-panel" aria-labelledby="messages-heading">
        <h1 id="messages-heading" className="panel-title">
          Messages
        </h1>
        {/* The URL is the one owner of the selection. Choosing another conversation keeps focus in the index beside
            it (to read one after another), or moves focus into it where it replaces the index; choosing the one
            already open moves focus into it, else nothing would happen. */}
        <MessageIndex
          value={conversationId as ConversationId | null}
          onValueChange={(id) =>
            id === conversationId ? onOpen(id) : navigate(`/messages/${id}`, { focus: onePane() })
          }
        />
      </section>
      <section className="panel thread-panel" aria-label="Conversation">
        {/* Shown where the layout has room for one pane only (see styles.css). */}
        <Link href="/messages" className="back-link">
          <span aria-hidden="true">← </span>All conversations
        </Link>
        {conversationId ? (
          <ConversationPane
            key={conversationId}
            conversationId={conversationId as ConversationId}
            focusRequest={focusRequest}
            describe={(conversation) => (
              <>
                With <bdi>{conversation.contact.name}</bdi>
                {conversation.matter ? (
                  <>
                    {' · '}
                    <bdi className="matter-tag">{conversation.matter.label}</bdi>
                  </>
                ) : null}
              </>
            )}
          />
        ) : (
          <div className="empty-pane">
            <p className="empty-title">Select a conversation</p>
            <p className="muted">Or start one with Create New → Message → Secure Portal.</p>
          </div>
        )}
      </section>
    </div>
  );
}
