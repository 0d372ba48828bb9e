import {
  browserNetworkStatus,
  type ConfideClient,
  ConfideError,
  createConfideClient,
  httpTransport,
  localStorageAdapter,
} from '@confide/core';
import { type ConfideOverrides, ConfideProvider } from '@confide/react';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { createDevSession } from './dev-session.js';

type SessionState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly client: ConfideClient }
  | { readonly status: 'error'; readonly error: ConfideError; readonly retryAt: number | null };

/** The first automatic retry after a failure that may pass (the server restarting), in milliseconds. */
const RETRY_FIRST_DELAY_MS = 1_000;
/** The longest wait between automatic retries, in milliseconds: a demo server is back within seconds. */
const RETRY_MAX_DELAY_MS = 30_000;

/** How long to wait before the automatic retry after `failures` failed attempts in a row (doubling, capped). */
export function signInRetryDelay(failures: number): number {
  return Math.min(RETRY_FIRST_DELAY_MS * 2 ** Math.max(0, failures - 1), RETRY_MAX_DELAY_MS);
}

/** What the error page is told about the automatic retry. */
export interface SignInRetry {
  /** When the next automatic attempt starts (epoch milliseconds), or null when the failure is a refusal. */
  readonly at: number | null;
}

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
  /**
   * Shown when signing in fails. A failure that may pass (`error.retryable`: the server cannot be reached) is tried
   * again by itself with a growing wait (`retrying.at` says when), and `retry` tries at once; a refusal (a portal
   * that is not active) is not retried and `retry` is null, since asking again cannot change the answer.
   */
  readonly renderError: (error: ConfideError, retry: (() => void) | null, retrying: SignInRetry) => ReactNode;
  /** The app, once the viewer is known. */
  readonly children: ReactNode;
  /** Told of the signed-in client once it is ready, and of `null` when it goes (for signing out). */
  readonly onClient?: (client: ConfideClient | null) => void;
  /** Called when the person signed out in another tab of this browser: their client here has stopped. */
  readonly onSignedOutElsewhere?: () => void;
}

function toConfideError(error: unknown): ConfideError {
  return ConfideError.is(error) ? error : new ConfideError('internal', 'Signing in failed', { cause: error });
}

/**
 * Signs a demo person in: one SDK client per person over HTTP, with drafts and queued sends kept in
 * localStorage and sends held while the browser is offline. The client is disposed when the person changes.
 */
export function ConfideSession(props: ConfideSessionProps) {
  const { apiUrl, email, overrides, loading, renderError, children, onClient, onSignedOutElsewhere } = props;
  const onClientRef = useRef(onClient);
  onClientRef.current = onClient;
  const onSignedOutElsewhereRef = useRef(onSignedOutElsewhere);
  onSignedOutElsewhereRef.current = onSignedOutElsewhere;
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  // Failed attempts in a row, for the backoff; a success starts again from the first delay.
  const failures = useRef(0);

  useEffect(() => {
    // `attempt` is read so that "Try again" builds a fresh client.
    void attempt;
    const session = createDevSession(apiUrl, email);
    let active = true;
    let client: ConfideClient | undefined;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    setState({ status: 'loading' });
    // Signing in is getting the first token: a refusal (a portal that is not active) shows the server's reason; a
    // server that cannot be reached (restarting) is asked again by itself, waiting longer each time.
    Promise.resolve(session.getToken({ reason: 'initial' }))
      .then(async () => {
        if (!active) return;
        const created = createConfideClient({
          transport: httpTransport({ baseUrl: apiUrl, getToken: session.getToken }),
          storage: localStorageAdapter(),
          network: browserNetworkStatus(),
          onSignedOutElsewhere: () => onSignedOutElsewhereRef.current?.(),
        });
        client = created;
        created.mount();
        await created.ready;
        if (!active) return;
        failures.current = 0;
        onClientRef.current?.(created);
        setState({ status: 'ready', client: created });
      })
      .catch((error: unknown) => {
        if (!active) return;
        const confideError = toConfideError(error);
        if (!confideError.retryable) {
          setState({ status: 'error', error: confideError, retryAt: null });
          return;
        }
        failures.current += 1;
        const delay = signInRetryDelay(failures.current);
        retryTimer = setTimeout(() => setAttempt((value) => value + 1), delay);
        setState({ status: 'error', error: confideError, retryAt: Date.now() + delay });
      });
    return () => {
      active = false;
      clearTimeout(retryTimer);
      if (client) onClientRef.current?.(null);
      client?.dispose();
    };
  }, [apiUrl, email, attempt]);

  if (state.status === 'loading') return loading;
  if (state.status === 'error') {
    const { error, retryAt } = state;
    const retry = retryAt === null ? null : () => setAttempt((value) => value + 1);
    return renderError(error, retry, { at: retryAt });
  }
  return (
    <ConfideProvider client={state.client} {...(overrides ? { overrides } : {})}>
      {children}
    </ConfideProvider>
  );
}
