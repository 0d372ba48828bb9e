import type { ReactNode } from 'react';
import type { DemoPerson } from './people.js';

/** Props of `SignInPage`. */
export interface SignInPageProps {
  /** The app's mark above the heading (decorative: hidden from assistive technology by the app). */
  readonly brand: ReactNode;
  /** The page's heading. */
  readonly title: string;
  /** The line under the heading. */
  readonly intro: string;
  /** Who can sign in. */
  readonly people: readonly DemoPerson[];
  /** Called with the chosen person's e-mail address. */
  readonly onSignIn: (email: string) => void;
  /**
   * Shows each person's initials before their name.
   * @default false
   */
  readonly avatars?: boolean;
}

/** A demo app's sign-in: pick a person of the demo dataset (the server hands out dev tokens). */
export function SignInPage({ brand, title, intro, people, onSignIn, avatars = false }: SignInPageProps) {
  return (
    <main className="center-page sign-in">
      <div className="card">
        {brand}
        <h1>{title}</h1>
        <p className="muted">{intro}</p>
        <ul className="person-list">
          {people.map((person) => {
            const text = (
              <>
                <span className="person-name">Sign in as {person.name}</span>
                <span className="person-detail">
                  {person.description}
                  {person.unavailable ? ` · ${person.unavailable}` : ''}
                </span>
              </>
            );
            return (
              <li key={person.email}>
                <button type="button" className="person" onClick={() => onSignIn(person.email)}>
                  {avatars ? (
                    <>
                      <span className="avatar" aria-hidden="true">
                        {initials(person.name)}
                      </span>
                      <span>{text}</span>
                    </>
                  ) : (
                    text
                  )}
                </button>
              </li>
            );
          })}
        </ul>
      </div>
    </main>
  );
}

/** The initials of a name, for avatars. */
export function initials(name: string): string {
  return name
    .split(/\s+/)
    .map((part) => part[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
}
