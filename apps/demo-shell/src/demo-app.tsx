import type { ConfideError } from '@confide/core';
import type { ConfideOverrides } from '@confide/react';
import { type ReactNode, StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ConfideSession } from './confide-session.js';
import { navigate } from './router.js';
import { SignInPage, type SignInPageProps } from './sign-in-page.js';
import { storedChoice } from './stored-choice.js';

/** Props of `DemoApp`. */
export interface DemoAppProps {
  /** Where the Confide server lives. */
  readonly apiUrl: string;
  /** The app's home page: signing out goes there, so the next person does not land on the last one's page. */
  readonly home: string;
  /** Where the tab remembers who is signed in (see `storedChoice`). */
  readonly storageKey: string;
  /** The sign-in page in the app's words. */
  readonly signIn: Omit<SignInPageProps, 'onSignIn'>;
  /** Strings of the kit replaced for this app. */
  readonly overrides?: ConfideOverrides;
  /** Announced while a person is being signed in. */
  readonly signingIn: string;
  /** The page shown when signing in fails: its heading, the way back's label and the reason in the app's words. */
  readonly failed: {
    readonly title: string;
    readonly backLabel: string;
    readonly describe: (error: ConfideError) => string;
  };
  /** The app once the person is signed in; `signInAs(null)` signs out. */
  readonly children: (email: string, signInAs: (email: string | null) => void) => ReactNode;
}

/** A demo app's frame: the sign-in page, then a Confide session as the chosen person around the app's pages. */
export function DemoApp({
  apiUrl,
  home,
  storageKey,
  signIn,
  overrides,
  signingIn,
  failed,
  children,
}: DemoAppProps) {
  const [choice] = useState(() => storedChoice(storageKey));
  const [email, setEmail] = useState(choice.read);
  const signInAs = (next: string | null) => {
    choice.write(next);
    // The address was the last person's (their conversation): the next one would open it and find nothing.
    if (next === null) navigate(home, { replace: true });
    setEmail(next);
  };
  if (!email) return <SignInPage {...signIn} onSignIn={signInAs} />;
  return (
    <ConfideSession
      key={email}
      apiUrl={apiUrl}
      email={email}
      {...(overrides ? { overrides } : {})}
      loading={
        <main className="center-page" aria-busy="true">
          <p role="status">{signingIn}</p>
        </main>
      }
      renderError={(error, retry, retrying) => (
        <main className="center-page">
          <div className="card" role="alert">
            <h1>{failed.title}</h1>
            <p>{failed.describe(error)}</p>
            {retrying.at !== null && <RetryCountdown at={retrying.at} />}
            <div className="button-row">
              {retry && (
                <button type="button" className="button button-primary" onClick={retry}>
                  Try again now
                </button>
              )}
              <button type="button" className="button" onClick={() => signInAs(null)}>
                {failed.backLabel}
              </button>
            </div>
          </div>
        </main>
      )}
    >
      {children(email, signInAs)}
    </ConfideSession>
  );
}

/** The whole seconds until `at`, never below zero. */
function secondsUntil(at: number): number {
  return Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/** Says when the next automatic sign-in attempt starts, counting down each second. */
function RetryCountdown({ at }: { readonly at: number }) {
  const [seconds, setSeconds] = useState(() => secondsUntil(at));
  useEffect(() => {
    setSeconds(secondsUntil(at));
    const timer = setInterval(() => setSeconds(secondsUntil(at)), 1000);
    return () => clearInterval(timer);
  }, [at]);
  return <p className="muted">{seconds > 0 ? `Trying again in ${seconds} s…` : 'Trying again…'}</p>;
}

/** Renders a demo app into the page's `#root` element, in StrictMode as the apps always run. */
export function mountDemoApp(props: DemoAppProps): void {
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  createRoot(root).render(
    <StrictMode>
      <DemoApp {...props} />
    </StrictMode>,
  );
}
