import {
  type ConfideClient,
  ConfideError,
  type ConversationId,
  createConfideClient,
  httpTransport,
  type Transport,
} from '@confide/core';
import { DEMO_EMAILS } from '@confide/mocks';
import { setupConfideServer } from '@confide/mocks/node';
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfideProvider } from '../../provider/confide-provider.js';
import { ThreadView } from './thread-view.js';

// Daniel has an unread message from the firm in this conversation of the demo data.
const WORK_PERMIT = 'cnv_daniel_work_permit' as ConversationId;

// The jsdom environment replaces the global Uint8Array with jsdom's, while TextEncoder still makes Node's: the mock
// server's JWT library then refuses its own key. Encode into the global realm's arrays.
class SameRealmTextEncoder extends TextEncoder {
  override encode(input?: string): Uint8Array<ArrayBuffer> {
    return new Uint8Array(super.encode(input));
  }
}
globalThis.TextEncoder = SameRealmTextEncoder;
const { mock, server } = setupConfideServer();
const clients: ConfideClient[] = [];
let visibility: DocumentVisibilityState = 'visible';
let focused = true;

function setAttention(next: { visibility?: DocumentVisibilityState; focused?: boolean }) {
  act(() => {
    if (next.visibility !== undefined) {
      visibility = next.visibility;
      document.dispatchEvent(new Event('visibilitychange'));
    }
    if (next.focused !== undefined) {
      focused = next.focused;
      window.dispatchEvent(new Event(next.focused ? 'focus' : 'blur'));
    }
  });
}

/**
 * Daniel's client over the mock (the server's real rules), with his `markRead` calls counted; the first calls
 * throw `failures` in turn (what the transport throws when the connection drops or the server refuses).
 */
function danielReading(failures: unknown[] = []) {
  const transport = httpTransport({
    baseUrl: mock.baseUrl,
    getToken: mock.getToken(DEMO_EMAILS.daniel),
  });
  const markRead = vi.fn((...args: Parameters<Transport['markRead']>) =>
    failures.length > 0 ? Promise.reject(failures.shift()) : transport.markRead(...args),
  );
  const client = createConfideClient({
    transport: { ...transport, markRead } satisfies Transport,
    live: false,
  });
  clients.push(client);
  render(
    <ConfideProvider client={client} timeZone="UTC" locale="en-GB">
      <ThreadView conversationId={WORK_PERMIT} />
    </ConfideProvider>,
  );
  return markRead;
}

/** Lets the thread load and every effect and request that follows settle. */
async function settle() {
  await screen.findByText(/letter from your employer/);
  for (let round = 0; round < 5; round += 1)
    await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
}

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
beforeEach(() => {
  vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility);
  vi.spyOn(document, 'hidden', 'get').mockImplementation(() => visibility !== 'visible');
  vi.spyOn(document, 'hasFocus').mockImplementation(() => focused);
});
afterEach(() => {
  cleanup();
  for (const client of clients.splice(0)) client.dispose();
  visibility = 'visible';
  focused = true;
  vi.restoreAllMocks();
});
afterAll(() => server.close());

describe('ThreadView reading', () => {
  it.each([
    ['in a background tab', { visibility: 'hidden' as const }],
    ['in a window without focus', { focused: false }],
    ['in a hidden, unfocused window', { visibility: 'hidden' as const, focused: false }],
  ])(
    'marks nothing read while the thread is open %s, and marks it once the person is back',
    async (_name, away) => {
      setAttention(away);
      const markRead = danielReading();
      await settle();
      expect(markRead).not.toHaveBeenCalled();
      setAttention({ visibility: 'visible', focused: true });
      await vi.waitFor(() => expect(markRead).toHaveBeenCalledTimes(1));
    },
  );

  it('marks the newest message read when the page is visible and focused', async () => {
    const markRead = danielReading();
    await vi.waitFor(() => expect(markRead).toHaveBeenCalledWith(WORK_PERMIT, { upTo: expect.any(String) }));
  });

  it.each([
    ['the connection dropped', () => new TypeError('Failed to fetch')],
    ['the request timed out', () => new ConfideError('timeout', 'No answer in time')],
    ['the server failed', () => new ConfideError('internal', 'Internal error', { status: 500 })],
  ])('tries a read mark lost because %s again, until the server has it', async (_name, failure) => {
    const markRead = danielReading([failure(), failure()]);
    await vi.waitFor(() => expect(markRead).toHaveBeenCalledTimes(3), { timeout: 8_000 });
    const answered = await markRead.mock.results[2]?.value;
    expect(answered).toMatchObject({ unreadCount: 0 });
  });

  it.each([
    ['forbidden', () => new ConfideError('forbidden', 'Not yours', { status: 403 })],
    ['not found', () => new ConfideError('not_found', 'Gone', { status: 404 })],
  ])('does not try again a read mark refused as %s', async (_name, failure) => {
    const markRead = danielReading([failure()]);
    await vi.waitFor(() => expect(markRead).toHaveBeenCalledTimes(1));
    // Longer than the first retry's wait: a retryable failure would have been tried again by now.
    await act(() => new Promise((resolve) => setTimeout(resolve, 1_500)));
    expect(markRead).toHaveBeenCalledTimes(1);
  });

  it('stops marking when the tab goes to the background', async () => {
    const markRead = danielReading();
    await vi.waitFor(() => expect(markRead).toHaveBeenCalledTimes(1));
    setAttention({ visibility: 'hidden' });
    const newest = await mock.tokenFor(DEMO_EMAILS.ben);
    const response = await fetch(`${mock.baseUrl}/v1/conversations/${WORK_PERMIT}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${newest}`, 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'One more form to sign.', idempotencyKey: 'reading_test_hidden_1' }),
    });
    expect(response.status).toBe(201);
    await clients[0]?.queryClient.refetchQueries();
    await screen.findByText('One more form to sign.');
    await settle();
    expect(markRead).toHaveBeenCalledTimes(1);
    setAttention({ visibility: 'visible' });
    await vi.waitFor(() => expect(markRead).toHaveBeenCalledTimes(2));
  });
});
