import { DEMO_FIRM_PEOPLE } from '@confide/demo-shell';
import { useViewer } from '@confide/react';
import { useId } from 'react';
import { DEV_MAIL_URL } from './config.js';

/** Props of `AccountMenu`. */
export interface AccountMenuProps {
  /** Who is signed in (their e-mail address, as the sign-in page knows them). */
  readonly email: string;
  /** Signs in as someone else. */
  readonly onSwitch: (email: string) => void;
}

/**
 * Who is signed in: a button in the top bar (the person's name, or an icon where the bar is narrow) that opens a
 * panel with the firm, the person switcher and the dev mail link. The panel is the browser's popover: Tab goes from
 * the button into it, and Escape or a click elsewhere closes it (focus back on the button).
 */
export function AccountMenu({ email, onSwitch }: AccountMenuProps) {
  const { viewer } = useViewer();
  const panelId = useId();
  const switcherId = useId();
  const name = viewer?.name ?? DEMO_FIRM_PEOPLE.find((person) => person.email === email)?.name ?? email;
  return (
    <div className="account">
      <button
        type="button"
        className="account-button"
        popoverTarget={panelId}
        // Where the bar is narrow only the icon shows: the name says whose account it is all the same.
        aria-label={`Account: ${name}`}
      >
        <svg className="account-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <circle cx="12" cy="8" r="4" />
          <path d="M4 21a8 8 0 0 1 16 0" />
        </svg>
        <bdi className="account-name">{name}</bdi>
        <span aria-hidden="true">▾</span>
      </button>
      <div id={panelId} popover="auto" className="account-panel">
        <p className="account-who">
          <bdi className="person-name">{name}</bdi>
          <bdi className="person-detail">{viewer?.firm.name}</bdi>
        </p>
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
        <a className="dev-mail-link" href={DEV_MAIL_URL} target="_blank" rel="noreferrer">
          Dev mail (opens in a new tab)
        </a>
      </div>
    </div>
  );
}
