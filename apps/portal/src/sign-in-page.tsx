import { DEMO_CLIENTS } from '@confide/demo-shell';

/** The portal's demo sign-in: pick one of the demo clients (the server hands out dev tokens). */
export function SignInPage({ onSignIn }: { readonly onSignIn: (email: string) => void }) {
  return (
    <main className="center-page sign-in">
      <div className="card">
        <p className="portal-mark" aria-hidden="true">
          ◆ Secure client portal
        </p>
        <h1>Welcome back</h1>
        <p className="muted">This is a demo: choose one of the demo clients to sign in.</p>
        <ul className="person-list">
          {DEMO_CLIENTS.map((person) => (
            <li key={person.email}>
              <button type="button" className="person" onClick={() => onSignIn(person.email)}>
                <span className="person-name">Sign in as {person.name}</span>
                <span className="person-detail">
                  {person.description}
                  {person.unavailable ? ` · ${person.unavailable}` : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </div>
    </main>
  );
}
