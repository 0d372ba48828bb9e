import {
  browserNetworkStatus,
  type ConfideClient,
  ConfideError,
  createConfideClient,
  httpTransport,
  localStorageAdapter,
} from '@confide/core';
import { type ConfideOverrides, ConfideProvider } from '@confide/react';
import { type ReactNode, useEffect, useState } from 'react';
import { createDevSession } from './dev-session.js';

type SessionState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly client: ConfideClient }
  | { readonly status: 'error'; readonly error: ConfideError };

/** Props of `ConfideSession`. */
export interface ConfideSessionProps {
  /** Where the Confide server lives. */
  readonly apiUrl: string;
  /** The demo person to sign in as. */
  readonly email: string;
  /** Strings of the kit replaced for this app. */
  readonly overrides?: ConfideOverrides;
  /** Shown while the viewer loads. */
  readonly loading: ReactNode;
  /** Shown when signing in fails, with a way to try again. */
  readonly renderError: (error: ConfideError, retry: () => void) => ReactNode;
  /** The app, once the viewer is known. */
  readonly children: ReactNode;
}

function toConfideError(error: unknown): ConfideError {
  return ConfideError.is(error) ? error : new ConfideError('internal', 'Signing in failed', { cause: error });
}

/**
 * Signs a demo person in: one SDK client per person over HTTP, with drafts and queued sends kept in
 * localStorage and sends held while the browser is offline. The client is disposed when the person changes.
 */
export function ConfideSession(props: ConfideSessionProps) {
  const { apiUrl, email, overrides, loading, renderError, children } = props;
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  useEffect(() => {
    // `attempt` is read so that "Try again" builds a fresh client.
    void attempt;
    const session = createDevSession(apiUrl, email);
    let active = true;
    let client: ConfideClient | undefined;
    setState({ status: 'loading' });
    // Signing in is getting the first token: a refusal (a portal that is not active) shows the server's reason.
    Promise.resolve(session.getToken({ reason: 'initial' }))
      .then(async () => {
        if (!active) return;
        const created = createConfideClient({
          transport: httpTransport({ baseUrl: apiUrl, getToken: session.getToken }),
          storage: localStorageAdapter(),
          network: browserNetworkStatus(),
        });
        client = created;
        created.mount();
        await created.ready;
        if (active) setState({ status: 'ready', client: created });
      })
      .catch((error: unknown) => {
        if (active) setState({ status: 'error', error: toConfideError(error) });
      });
    return () => {
      active = false;
      client?.dispose();
    };
  }, [apiUrl, email, attempt]);

  if (state.status === 'loading') return loading;
  if (state.status === 'error') return renderError(state.error, () => setAttempt((value) => value + 1));
  return (
    <ConfideProvider client={state.client} {...(overrides ? { overrides } : {})}>
      {children}
    </ConfideProvider>
  );
}
