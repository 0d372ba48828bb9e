import { Link } from '@confide/demo-shell';
import { NotificationBell, useViewer } from '@confide/react';
import { AccountMenu } from './account-menu.js';
import { CreateNewMenu } from './create-new-menu.js';

/** Props of `TopBar`. */
export interface TopBarProps {
  /** Who is signed in. */
  readonly email: string;
  /** The current path, to mark the current section. */
  readonly path: string;
  /** Signs in as someone else. */
  readonly onSwitch: (email: string | null) => void;
  /** Opens the compose dialog. */
  readonly onCompose: () => void;
  /** Opens a conversation (from a notification), moving focus into it. */
  readonly onOpenConversation: (conversationId: string) => void;
}

const SECTIONS = [
  { href: '/messages', label: 'Messages' },
  { href: '/contacts', label: 'Contacts' },
  { href: '/settings', label: 'Settings' },
] as const;

function isCurrent(href: string, path: string): boolean {
  return path === href || path.startsWith(`${href}/`) || (href === '/messages' && path === '/');
}

/**
 * The practice's top bar: sections, "Create New", the notification bell and who is signed in (a menu with the person
 * switcher and the dev mail link). Two rows at most where the window is narrow: the brand and the actions, then the
 * sections.
 */
export function TopBar({ email, path, onSwitch, onCompose, onOpenConversation }: TopBarProps) {
  const { viewer } = useViewer();
  return (
    <header className="top-bar">
      <Link href="/messages" className="brand">
        <span className="brand-mark" aria-hidden="true">
          CD
        </span>
        <span className="brand-name">CaseDesk</span> <bdi className="brand-firm">{viewer?.firm.name}</bdi>
      </Link>
      <nav aria-label="Sections" className="sections">
        {SECTIONS.map((section) => (
          <Link
            key={section.href}
            href={section.href}
            aria-current={isCurrent(section.href, path) ? 'page' : undefined}
          >
            {section.label}
          </Link>
        ))}
      </nav>
      <div className="top-bar-actions">
        <CreateNewMenu onSecurePortal={onCompose} />
        {/* Opening a notification takes focus on to the thread's reply box (the kit puts it back on the bell), also
            when that thread is the one already open. */}
        <NotificationBell className="bell" onOpen={onOpenConversation} />
        <AccountMenu email={email} onSwitch={onSwitch} />
      </div>
    </header>
  );
}
