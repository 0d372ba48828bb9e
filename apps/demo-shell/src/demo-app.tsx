import type { ConfideClient, ConfideError, UnsentWork } from '@confide/core';
import type { ConfideOverrides } from '@confide/react';
import { type ReactNode, StrictMode, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ConfideSession } from './confide-session.js';
import { Dialog } from './dialog.js';
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
  /**
   * The app once the person is signed in; `signInAs(null)` signs out and `signInAs(other)` switches person. Both
   * first sign the current person out, deleting their drafts and unsent messages from this device after asking.
   */
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
  const client = useRef<ConfideClient | null>(null);
  // While the person is asked whether to go on: what signing out would delete, and who signs in next (null: nobody).
  const [asking, setAsking] = useState<{ readonly unsent: UnsentWork; readonly next: string | null } | null>(
    null,
  );
  const signInAs = (next: string | null) => {
    choice.write(next);
    // After a sign-out or a switch the address was the last person's (their conversation): the next person starts
    // at home instead of opening it (and seeing it, or "not found"). A first sign-in keeps the link it came with.
    if (next === null || email !== null) navigate(home, { replace: true });
    setEmail(next);
  };
  // A shared device must not keep what the last person typed: signing out (or switching to someone else) deletes
  // their drafts and unsent messages from this browser's storage, after asking if there are any.
  const signOutFor = async (next: string | null, confirmed: boolean) => {
    const current = client.current;
    const unsent = current?.unsentWork();
    if (!confirmed && unsent && unsent.sends + unsent.drafts > 0) return setAsking({ unsent, next });
    setAsking(null);
    await current?.signOut().catch(() => {});
    signInAs(next);
  };
  if (!email) return <SignInPage {...signIn} onSignIn={signInAs} />;
  return (
    <>
      <ConfideSession
        key={email}
        apiUrl={apiUrl}
        email={email}
        onClient={(ready) => {
          client.current = ready;
        }}
        // Signed out in another tab: this tab's client has already dropped the person's drafts and sends.
        onSignedOutElsewhere={() => {
          setAsking(null);
          signInAs(null);
        }}
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
                <button type="button" className="button" onClick={() => void signOutFor(null, false)}>
                  {failed.backLabel}
                </button>
              </div>
            </div>
          </main>
        )}
      >
        {children(email, (next) => void signOutFor(next, false))}
      </ConfideSession>
      <Dialog
        open={asking !== null}
        title="Sign out and delete unsent work?"
        className="confirm-dialog"
        onClose={() => setAsking(null)}
      >
        {asking && <p>{describeUnsent(asking.unsent)}</p>}
        <div className="button-row">
          <button type="button" className="button button-primary" onClick={() => setAsking(null)}>
            Stay signed in
          </button>
          <button
            type="button"
            className="button"
            onClick={() => asking && void signOutFor(asking.next, true)}
          >
            Sign out and delete
          </button>
        </div>
      </Dialog>
    </>
  );
}

/** Says what signing out would delete, e.g. "1 unsent message and 2 drafts". */
export function describeUnsent({ sends, drafts }: UnsentWork): string {
  const parts = [
    sends > 0 && `${sends} unsent ${sends === 1 ? 'message' : 'messages'}`,
    drafts > 0 && `${drafts} ${drafts === 1 ? 'draft' : 'drafts'}`,
  ].filter(Boolean);
  const them = sends + drafts === 1 ? 'it' : 'them';
  return `You have ${parts.join(' and ')} on this device. Signing out deletes ${them}, so nobody else using this browser can read ${them}.`;
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
