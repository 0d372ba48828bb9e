// @vitest-environment jsdom
import { createMockServer, DEFAULT_MOCK_BASE_URL, type MockServer } from '@confide/mocks';
import { useConfideClient } from '@confide/react';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { signInRetryDelay } from './confide-session.js';
import { DemoApp, describeUnsent } from './demo-app.js';

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
          <DraftWriter />
          <button type="button" onClick={() => signInAs(null)}>
            Sign out
          </button>
          <button type="button" onClick={() => signInAs('elena.petrova@client.test')}>
            Switch to Elena
          </button>
        </>
      )}
    </DemoApp>,
  );
}

/** Types a draft through the signed-in client, as the kit's composer would. */
function DraftWriter() {
  const client = useConfideClient();
  return (
    <button type="button" onClick={() => client.composer().setBody('Privileged: the settlement figure')}>
      Write a draft
    </button>
  );
}

/** The values in localStorage that hold `text`. */
function savedWith(text: string): string[] {
  return Object.keys(localStorage).filter((key) => localStorage.getItem(key)?.includes(text));
}

// jsdom has no modal dialogs: these stand in for the browser's (see dialog.test.tsx).
beforeAll(() => {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
});

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
  localStorage.clear();
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
      const elena = await screen.findByRole('button', { name: /Sign in as Elena Petrova/ });
      expect(window.location.pathname).toBe(HOME);
      fireEvent.click(elena);
      expect(await screen.findByText('Signed in as elena.petrova@client.test')).toBeTruthy();
      expect(window.location.pathname).toBe(HOME);
    },
  );

  it.each([
    { action: 'Sign out', next: /Sign in as Daniel Okafor/ },
    { action: 'Switch to Elena', next: /Signed in as elena.petrova/ },
  ])(
    'asks before "$action" deletes a draft from this device, and deletes it only when told to',
    async ({ action, next }) => {
      serve(createMockServer());
      sessionStorage.setItem(STORAGE_KEY, 'daniel.okafor@client.test');
      renderApp();
      fireEvent.click(await screen.findByRole('button', { name: 'Write a draft' }));
      await vi.waitFor(() => expect(savedWith('settlement figure')).toHaveLength(1));

      fireEvent.click(screen.getByRole('button', { name: action }));
      const dialog = await screen.findByRole('dialog', { name: 'Sign out and delete unsent work?' });
      expect(dialog.textContent).toContain('You have 1 draft on this device.');
      expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Stay signed in' }));
      fireEvent.click(within(dialog).getByRole('button', { name: 'Stay signed in' }));
      expect(screen.getByText('Signed in as daniel.okafor@client.test')).toBeTruthy();
      expect(savedWith('settlement figure')).toHaveLength(1);

      fireEvent.click(screen.getByRole('button', { name: action }));
      fireEvent.click(await screen.findByRole('button', { name: 'Sign out and delete' }));
      expect(await screen.findByText(next)).toBeTruthy();
      expect(savedWith('settlement figure')).toEqual([]);
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

describe('describeUnsent', () => {
  it.each([
    [{ sends: 1, drafts: 0 }, 'You have 1 unsent message on this device.'],
    [{ sends: 0, drafts: 2 }, 'You have 2 drafts on this device.'],
    [{ sends: 3, drafts: 1 }, 'You have 3 unsent messages and 1 draft on this device.'],
  ])('says what signing out deletes (%o)', (unsent, opening) => {
    expect(describeUnsent(unsent)).toMatch(new RegExp(`^${opening}`));
  });

  it.each([
    [{ sends: 1, drafts: 0 }, 'Signing out deletes it,'],
    [{ sends: 0, drafts: 2 }, 'Signing out deletes them,'],
    [{ sends: 1, drafts: 1 }, 'Signing out deletes them,'],
  ])('speaks of one thing as "it" and of more as "them" (%o)', (unsent, words) => {
    expect(describeUnsent(unsent)).toContain(words);
  });
});
