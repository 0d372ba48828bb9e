import { DEMO_FIRM_PEOPLE, Link } from '@confide/demo-shell';
import { NotificationBell, useViewer } from '@confide/react';
import { useId } from 'react';
import { DEV_MAIL_URL } from './config.js';
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

/** The practice's top bar: sections, "Create New", the notification bell and who is signed in. */
export function TopBar({ email, path, onSwitch, onCompose, onOpenConversation }: TopBarProps) {
  const { viewer } = useViewer();
  const switcherId = useId();
  return (
    <header className="top-bar">
      <Link href="/messages" className="brand">
        <span className="brand-mark" aria-hidden="true">
          CD
        </span>
        <span>
          CaseDesk <span className="brand-firm">{viewer?.firm.name}</span>
        </span>
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
        <a className="dev-mail-link" href={DEV_MAIL_URL} target="_blank" rel="noreferrer">
          Dev mail<span className="visually-hidden"> (opens in a new tab)</span>
        </a>
        <div className="switcher">
          <label htmlFor={switcherId}>Signed in as</label>
          <select id={switcherId} value={email} onChange={(event) => onSwitch(event.target.value)}>
            {DEMO_FIRM_PEOPLE.map((person) => (
              <option key={person.email} value={person.email}>
                {person.name}
              </option>
            ))}
          </select>
        </div>
      </div>
    </header>
  );
}
