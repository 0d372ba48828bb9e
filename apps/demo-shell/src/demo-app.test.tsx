// @vitest-environment jsdom
import { createMockServer, DEFAULT_MOCK_BASE_URL, type MockServer } from '@confide/mocks';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { signInRetryDelay } from './confide-session.js';
import { DemoApp } from './demo-app.js';

const STORAGE_KEY = 'test.signed-in-as';
const HOME = '/messages';

/** Sends the page's requests to the mock's real server app, or fails them as a browser does while it is down. */
function serve(mock: MockServer) {
  const server = { down: false, requests: 0 };
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
    server.requests += 1;
    return server.down ? Promise.reject(new TypeError('Failed to fetch')) : mock.fetch(input, init);
  });
  return server;
}

/** The demo frame around an app that shows who is signed in and a sign-out button. */
function renderApp() {
  return render(
    <DemoApp
      apiUrl={DEFAULT_MOCK_BASE_URL}
      home={HOME}
      storageKey={STORAGE_KEY}
      signIn={{
        brand: null,
        title: 'Sign in',
        intro: 'Choose someone.',
        people: [
          { email: 'daniel.okafor@client.test', name: 'Daniel Okafor', description: 'Client' },
          { email: 'elena.petrova@client.test', name: 'Elena Petrova', description: 'Client' },
        ],
      }}
      signingIn="Signing in…"
      failed={{
        title: 'Signing in failed',
        backLabel: 'Back to sign-in',
        describe: (error) => (error.code === 'network' ? 'The server cannot be reached.' : error.message),
      }}
    >
      {(email, signInAs) => (
        <>
          <p>Signed in as {email}</p>
          <button type="button" onClick={() => signInAs(null)}>
            Sign out
          </button>
        </>
      )}
    </DemoApp>,
  );
}

// jsdom brings its own Uint8Array while TextEncoder stays Node's: the real server's JWT library (inside the mock)
// would refuse the bytes of its own key. Encoding into jsdom's Uint8Array keeps them of one realm.
const NodeTextEncoder = globalThis.TextEncoder;
class SameRealmTextEncoder extends NodeTextEncoder {
  override encode(input?: string): Uint8Array<ArrayBuffer> {
    return new Uint8Array(super.encode(input));
  }
}
beforeAll(() => {
  globalThis.TextEncoder = SameRealmTextEncoder;
});
afterAll(() => {
  globalThis.TextEncoder = NodeTextEncoder;
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  sessionStorage.clear();
  window.history.replaceState(null, '', '/');
});

describe('DemoApp', () => {
  it.each(['/messages/cnv_daniel_only', '/contacts/ctc_daniel', '/settings'])(
    'goes home when the person signs out from %s, so the next one does not land there',
    async (path) => {
      serve(createMockServer());
      sessionStorage.setItem(STORAGE_KEY, 'daniel.okafor@client.test');
      window.history.replaceState(null, '', path);
      renderApp();
      fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }));
      expect(window.location.pathname).toBe(HOME);
      fireEvent.click(screen.getByRole('button', { name: /Sign in as Elena Petrova/ }));
      expect(await screen.findByText('Signed in as elena.petrova@client.test')).toBeTruthy();
      expect(window.location.pathname).toBe(HOME);
    },
  );

  it.each([
    { who: 'farid.haddad@client.test', why: /not active/i },
    { who: 'nobody@client.test', why: /./ },
  ])('says why $who is refused, offers no retry and does not ask again', async ({ who, why }) => {
    const server = serve(createMockServer());
    sessionStorage.setItem(STORAGE_KEY, who);
    renderApp();
    const alert = await screen.findByRole('alert');
    expect(alert.querySelector('p')?.textContent).toMatch(why);
    expect(screen.queryByRole('button', { name: /Try again/ })).toBeNull();
    expect(screen.queryByText(/Trying again/)).toBeNull();
    expect(screen.getByRole('button', { name: 'Back to sign-in' })).toBeTruthy();
    const asked = server.requests;
    // Longer than the first automatic retry would wait.
    await new Promise((resolve) => setTimeout(resolve, signInRetryDelay(1) + 200));
    expect(server.requests).toBe(asked);
  });

  it('tries again by itself while the server cannot be reached, and signs in once it is back', async () => {
    const server = serve(createMockServer());
    server.down = true;
    sessionStorage.setItem(STORAGE_KEY, 'daniel.okafor@client.test');
    renderApp();
    expect(await screen.findByText('The server cannot be reached.')).toBeTruthy();
    expect(screen.getByText(/Trying again/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try again now' })).toBeTruthy();
    server.down = false;
    expect(
      await screen.findByText('Signed in as daniel.okafor@client.test', {}, { timeout: 10_000 }),
    ).toBeTruthy();
  }, 30_000);
});

describe('signInRetryDelay', () => {
  it.each([
    [1, 1_000],
    [2, 2_000],
    [3, 4_000],
    [5, 16_000],
    [6, 30_000],
    [20, 30_000],
  ])('waits longer after each failure in a row (%i failures: %i ms), up to a cap', (failures, delay) => {
    expect(signInRetryDelay(failures)).toBe(delay);
  });
});
