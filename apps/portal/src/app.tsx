import { ConfideSession, storedChoice } from '@confide/demo-shell';
import { useState } from 'react';
import { API_URL } from './config.js';
import { PortalShell } from './portal-shell.js';
import { SignInPage } from './sign-in-page.js';

const signedIn = storedChoice('portal.signed-in-as');

const PORTAL_OVERRIDES = {
  COMPOSER_TITLE_CLIENT: 'Create New Conversation',
  COMPOSER_BODY_PLACEHOLDER: 'Write to your legal team…',
  INDEX_LABEL: 'Your conversations',
  INDEX_EMPTY: 'You have no conversations yet.',
};

/** The client portal: the sign-in page, then the client's messages. */
export function App() {
  const [email, setEmail] = useState(signedIn.read);
  const signInAs = (next: string | null) => {
    signedIn.write(next);
    setEmail(next);
  };
  if (!email) return <SignInPage onSignIn={signInAs} />;
  return (
    <ConfideSession
      key={email}
      apiUrl={API_URL}
      email={email}
      overrides={PORTAL_OVERRIDES}
      loading={
        <main className="center-page" aria-busy="true">
          <p role="status">Opening your portal…</p>
        </main>
      }
      renderError={(error, retry) => (
        <main className="center-page">
          <div className="card" role="alert">
            <h1>We could not open your portal</h1>
            <p>
              {error.code === 'portal_inactive'
                ? 'Your portal has not been activated yet. Please use the invitation your firm sent you.'
                : error.code === 'network'
                  ? 'The portal cannot be reached right now.'
                  : error.message}
            </p>
            <div className="button-row">
              <button type="button" className="button button-primary" onClick={retry}>
                Try again
              </button>
              <button type="button" className="button" onClick={() => signInAs(null)}>
                Back to sign-in
              </button>
            </div>
          </div>
        </main>
      )}
    >
      <PortalShell email={email} onSignOut={() => signInAs(null)} />
    </ConfideSession>
  );
}
