import type { DemoPerson } from '@confide/demo-shell';

/** Props of `SignInPage`. */
export interface SignInPageProps {
  /** Who can sign in. */
  readonly people: readonly DemoPerson[];
  /** Called with the chosen person's e-mail address. */
  readonly onSignIn: (email: string) => void;
}

/** The demo's sign-in: pick a person of the demo firms (the server hands out dev tokens). */
export function SignInPage({ people, onSignIn }: SignInPageProps) {
  return (
    <main className="center-page sign-in">
      <div className="card">
        <p className="brand brand-large" aria-hidden="true">
          <span className="brand-mark">CD</span> CaseDesk
        </p>
        <h1>Sign in to your practice</h1>
        <p className="muted">This is a demo: choose a person of the demo firms.</p>
        <ul className="person-list">
          {people.map((person) => (
            <li key={person.email}>
              <button type="button" className="person" onClick={() => onSignIn(person.email)}>
                <span className="avatar" aria-hidden="true">
                  {initials(person.name)}
                </span>
                <span>
                  <span className="person-name">Sign in as {person.name}</span>
                  <span className="person-detail">{person.description}</span>
                </span>
              </button>
            </li>
          ))}
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
