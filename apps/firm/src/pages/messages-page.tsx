import type { ConversationId } from '@confide/core';
import { ConversationPane, navigate } from '@confide/demo-shell';
import { MessageIndex } from '@confide/react';

/** Props of `MessagesPage`. */
export interface MessagesPageProps {
  /** The open conversation, from the URL. */
  readonly conversationId: string | null;
}

/** The firm's messages: the message index beside the open thread. */
export function MessagesPage({ conversationId }: MessagesPageProps) {
  return (
    <div className="messages-layout">
      <section className="panel index-panel" aria-labelledby="messages-heading">
        <h1 id="messages-heading" className="panel-title">
          Messages
        </h1>
        {/* The URL is the one owner of the selection. */}
        <MessageIndex
          value={conversationId as ConversationId | null}
          onValueChange={(id) => navigate(`/messages/${id}`)}
        />
      </section>
      <section className="panel thread-panel" aria-label="Conversation">
        {conversationId ? (
          <ConversationPane
            key={conversationId}
            conversationId={conversationId as ConversationId}
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
