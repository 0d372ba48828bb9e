import type { ConversationId } from '@confide/core';
import { ConversationPane, navigate } from '@confide/demo-shell';
import { MessageIndex } from '@confide/react';

/** Props of `MessagesPage`. */
export interface MessagesPageProps {
  /** The open conversation, from the URL. */
  readonly conversationId: string | null;
  /** Opens a conversation chosen in the index (the one already open too: focus then moves into it). */
  readonly onOpen: (conversationId: string) => void;
  /** Raised when the open conversation is opened again, to move focus into it. */
  readonly focusRequest: number;
}

/** The firm's messages: the message index beside the open thread. */
export function MessagesPage({ conversationId, onOpen, focusRequest }: MessagesPageProps) {
  return (
    <div className="messages-layout">
      <section className="panel index-panel" aria-labelledby="messages-heading">
        <h1 id="messages-heading" className="panel-title">
          Messages
        </h1>
        {/* The URL is the one owner of the selection. Choosing another conversation keeps focus in the index (to
            read one after another); choosing the one already open moves focus into it, else nothing would happen. */}
        <MessageIndex
          value={conversationId as ConversationId | null}
          onValueChange={(id) => (id === conversationId ? onOpen(id) : navigate(`/messages/${id}`))}
        />
      </section>
      <section className="panel thread-panel" aria-label="Conversation">
        {conversationId ? (
          <ConversationPane
            key={conversationId}
            conversationId={conversationId as ConversationId}
            focusRequest={focusRequest}
            describe={(conversation) => (
              <>
                With {conversation.contact.name}
                {conversation.matter ? (
                  <>
                    {' · '}
                    <span className="matter-tag">{conversation.matter.label}</span>
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
