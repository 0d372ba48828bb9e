import {
  Dialog,
  matchPath,
  NotFoundPage,
  navigate,
  showPendingConversations,
  usePath,
} from '@confide/demo-shell';
import { ComposeSecureMessage } from '@confide/react';
import { useEffect, useState } from 'react';
import { ContactPage } from './pages/contact-page.js';
import { ContactsPage } from './pages/contacts-page.js';
import { MessagesPage } from './pages/messages-page.js';
import { SettingsPage } from './pages/settings-page.js';
import { TopBar } from './top-bar.js';

/** Props of `FirmShell`. */
export interface FirmShellProps {
  /** Who is signed in. */
  readonly email: string;
  /** Signs in as someone else (or out, with `null`). */
  readonly onSwitch: (email: string | null) => void;
}

interface PageProps {
  readonly path: string;
  readonly onCompose: () => void;
  readonly onOpenConversation: (conversationId: string) => void;
  readonly focusRequest: number;
}

function Page({ path, onCompose, onOpenConversation, focusRequest }: PageProps) {
  if (path === '/' || path === '/messages')
    return <MessagesPage conversationId={null} onOpen={onOpenConversation} focusRequest={focusRequest} />;
  const conversation = matchPath('/messages/:id', path);
  if (conversation?.id)
    return (
      <MessagesPage
        conversationId={conversation.id}
        onOpen={onOpenConversation}
        focusRequest={focusRequest}
      />
    );
  if (path === '/contacts') return <ContactsPage />;
  const contact = matchPath('/contacts/:id', path);
  if (contact?.id) return <ContactPage contactId={contact.id} onCompose={onCompose} />;
  if (path === '/settings') return <SettingsPage />;
  return <NotFoundPage />;
}

const PAGE_TITLES: ReadonlyArray<readonly [string, string]> = [
  ['/contacts', 'Contacts'],
  ['/settings', 'Settings'],
];

/** The signed-in firm app: the top bar, the current page and the compose dialog. */
export function FirmShell({ email, onSwitch }: FirmShellProps) {
  const path = usePath();
  const [composing, setComposing] = useState(false);
  const [focusRequest, setFocusRequest] = useState(0);
  // Opening (from the bell or the index) the conversation already shown would change nothing, leaving focus where it
  // was: focus moves into that thread instead, as it does into one that opens.
  const openConversation = (conversationId: string) => {
    if (matchPath('/messages/:id', path)?.id === conversationId) setFocusRequest((count) => count + 1);
    else navigate(`/messages/${encodeURIComponent(conversationId)}`, { focus: true });
  };

  useEffect(() => {
    const section = PAGE_TITLES.find(([prefix]) => path.startsWith(prefix))?.[1] ?? 'Messages';
    document.title = `${section} — CaseDesk`;
  }, [path]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <TopBar
        email={email}
        path={path}
        onSwitch={onSwitch}
        onCompose={() => setComposing(true)}
        onOpenConversation={openConversation}
      />
      <main id="main" className="page" tabIndex={-1}>
        <Page
          path={path}
          onCompose={() => setComposing(true)}
          onOpenConversation={openConversation}
          focusRequest={focusRequest}
        />
      </main>
      <Dialog
        open={composing}
        title="New secure message"
        onClose={() => setComposing(false)}
        className="compose-dialog"
      >
        <ComposeSecureMessage
          // The dialog's title names it and is its one heading: the form brings none of its own.
          heading={false}
          onQueued={() => {
            // Could not be sent yet: it waits in the index, as pending, and the member may go on meanwhile.
            setComposing(false);
            showPendingConversations();
          }}
          onSent={(conversationId, { shown }) => {
            // Closed while sending: the conversation shows in the index; do not take the person away from where they went.
            if (!shown) return;
            setComposing(false);
            navigate(`/messages/${conversationId}`, { focus: true });
          }}
        />
      </Dialog>
    </div>
  );
}
