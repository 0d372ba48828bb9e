import { ConfideSession, DEMO_FIRM_PEOPLE, storedChoice } from '@confide/demo-shell';
import { useState } from 'react';
import { API_URL } from './config.js';
import { FirmShell } from './firm-shell.js';
import { SignInPage } from './sign-in-page.js';

const signedIn = storedChoice('casedesk.signed-in-as');

/** The firm app: the sign-in page, then the practice pages as the chosen person. */
export function App() {
  const [email, setEmail] = useState(signedIn.read);
  const signInAs = (next: string | null) => {
    signedIn.write(next);
    setEmail(next);
  };
  if (!email) return <SignInPage people={DEMO_FIRM_PEOPLE} onSignIn={signInAs} />;
  return (
    <ConfideSession
      key={email}
      apiUrl={API_URL}
      email={email}
      loading={
        <main className="center-page" aria-busy="true">
          <p role="status">Signing in…</p>
        </main>
      }
      renderError={(error, retry) => (
        <main className="center-page">
          <div className="card" role="alert">
            <h1>Signing in failed</h1>
            <p>{error.code === 'network' ? 'The Confide server cannot be reached.' : error.message}</p>
            <div className="button-row">
              <button type="button" className="button button-primary" onClick={retry}>
                Try again
              </button>
              <button type="button" className="button" onClick={() => signInAs(null)}>
                Choose someone else
              </button>
            </div>
          </div>
        </main>
      )}
    >
      <FirmShell email={email} onSwitch={signInAs} />
    </ConfideSession>
  );
}
