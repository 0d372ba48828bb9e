import type { ConversationId } from '@confide/core';
import {
  ConversationPane,
  Link,
  NotFoundPage,
  navigate,
  showPendingConversations,
  usePath,
} from '@confide/demo-shell';
import { ComposeSecureMessage, MessageIndex, useConfideClient, useViewer } from '@confide/react';
import { useEffect, useRef } from 'react';
import { type PortalRoute, portalRoute } from './portal-route.js';

/** Props of `PortalShell`. */
export interface PortalShellProps {
  /** Who is signed in. */
  readonly email: string;
  /** Signs out (back to the sign-in page). */
  readonly onSignOut: () => void;
}

/**
 * Whether the portal shows one pane at a time (the `portal` container query in styles.css, 48rem of the app's own
 * width): opening a conversation then hides the index, and what had focus with it.
 */
function onePane(app: Element | null): boolean {
  const rem = Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  return app !== null && app.getBoundingClientRect().width <= 48 * rem;
}

function MessagesTab({
  conversationId,
  composing,
}: {
  readonly conversationId: string | null;
  readonly composing: boolean;
}) {
  const client = useConfideClient();
  const { viewer } = useViewer();
  useEffect(() => {
    client.conversations.select(conversationId as ConversationId | null);
  }, [client, conversationId]);
  const firmName = viewer?.firm.name ?? 'your firm';
  const indexPanel = useRef<HTMLElement>(null);
  const open = composing || conversationId !== null;
  const wasOpen = useRef(open);
  // Back from a conversation that filled the window: what had focus went away with it, so focus goes to the list.
  useEffect(() => {
    const before = wasOpen.current;
    wasOpen.current = open;
    if (before && !open && onePane(indexPanel.current?.closest('.app') ?? null))
      indexPanel.current?.querySelector<HTMLElement>('[role="listbox"]')?.focus();
  }, [open]);
  return (
    <div className="messages-layout" data-open={open ? 'conversation' : 'index'}>
      <section ref={indexPanel} className="panel index-panel" aria-labelledby="messages-heading">
        <div className="panel-head">
          <h1 id="messages-heading">Messages</h1>
          <Link href="/messages/new" className="button button-primary">
            Create New Conversation
          </Link>
        </div>
        {/* Where the conversation replaces the index, focus moves into it; beside it, focus stays in the list. */}
        <MessageIndex
          onOpen={(id) =>
            navigate(`/messages/${id}`, { focus: onePane(indexPanel.current?.closest('.app') ?? null) })
          }
        />
      </section>
      <section className="panel thread-panel" aria-label={composing ? 'New conversation' : 'Conversation'}>
        {/* Shown where the layout has room for one pane only (see styles.css). */}
        <Link href="/messages" className="back-link">
          <span aria-hidden="true">← </span>All conversations
        </Link>
        {composing ? (
          <div className="compose-pane">
            <p className="muted">
              Your message goes securely to {firmName}. Only you and your legal team can read it.
            </p>
            <ComposeSecureMessage
              audience="client"
              // Could not be sent yet: it waits in the list, as pending, and the client may go on meanwhile.
              onQueued={() => showPendingConversations()}
              onSent={(id, { shown }) => {
                // Left the form while it was sending: the conversation is in the list; stay where the client went.
                if (shown) navigate(`/messages/${id}`, { focus: true });
              }}
            />
          </div>
        ) : conversationId ? (
          <ConversationPane
            key={conversationId}
            conversationId={conversationId as ConversationId}
            describe={() => <>With {firmName}</>}
          />
        ) : (
          <div className="empty-pane">
            <p className="empty-title">Choose a conversation</p>
            <p className="muted">Or start a new one with your legal team.</p>
          </div>
        )}
      </section>
    </div>
  );
}

function DetailsTab() {
  const { viewer } = useViewer();
  if (!viewer) return null;
  return (
    <div className="content-page">
      <h1>Your details</h1>
      <dl className="facts card">
        <dt>Name</dt>
        <dd>{viewer.name}</dd>
        <dt>E-mail</dt>
        <dd>{viewer.email}</dd>
        <dt>Your firm</dt>
        <dd>{viewer.firm.name}</dd>
      </dl>
    </div>
  );
}

/** The page of a route: a tab, or the not-found page for a path the portal does not know. */
export function PortalPage({ route }: { readonly route: PortalRoute }) {
  if (route.page === 'details') return <DetailsTab />;
  if (route.page === 'not-found') return <NotFoundPage />;
  return <MessagesTab conversationId={route.conversationId} composing={route.composing} />;
}

/** The signed-in portal: the firm's header, tabs and the current tab. */
export function PortalShell({ email, onSignOut }: PortalShellProps) {
  const route = portalRoute(usePath());
  const { viewer } = useViewer();
  const firmName = viewer?.firm.name ?? '';
  const portalTitle = firmName ? `${firmName} — client portal` : 'Client portal';
  const title = route.page === 'not-found' ? `Page not found — ${portalTitle}` : portalTitle;
  useEffect(() => {
    document.title = title;
  }, [title]);
  const tab = route.page === 'not-found' ? null : route.page;
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="portal-header">
        <div className="portal-header-inner">
          <p className="portal-firm">
            <span className="portal-mark" aria-hidden="true">
              ◆
            </span>
            {firmName}
            <span className="portal-tag">Client portal</span>
          </p>
          <div className="portal-account">
            <span>
              {viewer?.name} <span className="muted-on-dark">({email})</span>
            </span>
            <button type="button" className="button button-ghost" onClick={onSignOut}>
              Sign out
            </button>
          </div>
        </div>
        <nav aria-label="Portal" className="tabs">
          <Link href="/messages" aria-current={tab === 'messages' ? 'page' : undefined}>
            Messages
          </Link>
          <Link href="/details" aria-current={tab === 'details' ? 'page' : undefined}>
            Your details
          </Link>
        </nav>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        <PortalPage route={route} />
      </main>
    </div>
  );
}
