import { type Clock, httpTransport, localStorageAdapter } from '@confide/core';
import { onlineManager } from '@tanstack/react-query';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { type ReactNode, useState } from 'react';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import {
  axeViolations,
  clientFor,
  createMockServer,
  renderWith,
  seedConversation,
  seedMessage,
} from '../../test/setup-client.js';
import { ComposeSecureMessage } from '../compose-secure-message/compose-secure-message.js';
import { MessageIndex } from '../message-index/message-index.js';
import { NotificationList } from '../notification-bell/notification-list.js';
import { NotificationSettingsForm } from '../notification-settings-form/notification-settings-form.js';
import { ThreadView } from '../thread-view/thread-view.js';

const OFFLINE = /You are offline/;

/** The page parts a host may compose, each in a landmark named after it so the test can tell where the banner is. */
function page(parts: readonly string[], conversationId: string): ReactNode {
  const part = (name: string): ReactNode => {
    if (name === 'index') return <MessageIndex />;
    if (name === 'thread') return <ThreadView conversationId={conversationId as never} />;
    return <ComposeSecureMessage />;
  };
  return parts.map((name) =>
    name.startsWith('dialog:') ? (
      // A dialog opened over the page (as the firm's "New secure message"), holding one part.
      <div key={name} role="dialog" aria-label={name}>
        {part(name.slice('dialog:'.length))}
      </div>
    ) : (
      <section key={name} aria-label={name}>
        {part(name)}
      </section>
    ),
  );
}

/** The index and the thread, with a button that takes the index off the page. */
function Switchable({ conversationId }: { readonly conversationId: string }) {
  const [withIndex, setWithIndex] = useState(true);
  return (
    <>
      <button type="button" onClick={() => setWithIndex(false)}>
        Hide the index
      </button>
      {page(withIndex ? ['index', 'thread'] : ['thread'], conversationId)}
    </>
  );
}

describe('OfflineBanner', () => {
  it.each([
    { parts: ['index'], speaks: ['index'] },
    { parts: ['thread'], speaks: ['thread'] },
    { parts: ['index', 'thread'], speaks: ['index'] },
    { parts: ['thread', 'index'], speaks: ['thread'] },
    { parts: ['thread', 'compose'], speaks: ['thread'] },
    { parts: ['index', 'thread', 'compose'], speaks: ['index'] },
    // A dialog is read on its own (a modal one makes the page inert): it says "offline" inside it too.
    { parts: ['index', 'dialog:compose'], speaks: ['index', 'dialog:compose'] },
    { parts: ['index', 'thread', 'dialog:compose'], speaks: ['index', 'dialog:compose'] },
  ])(
    'says "offline" once for a page of $parts, and once in each dialog ($speaks)',
    async ({ parts, speaks }) => {
      const mock = createMockServer();
      const id = await seedConversation(mock);
      const client = await clientFor(mock, 'ben');
      const { container } = renderWith(client, page(parts, id));
      act(() => client.setOnline(false));
      const banners = screen
        .getAllByRole('status')
        .filter((status) => OFFLINE.test(status.textContent ?? ''));
      expect(banners.map((banner) => banner.closest('section, [role="dialog"]'))).toEqual(
        speaks.map((name) => screen.getByRole(name.startsWith('dialog:') ? 'dialog' : 'region', { name })),
      );
      expect(await axeViolations(container)).toEqual([]);
      act(() => client.setOnline(true));
      expect(screen.queryByText(OFFLINE)).not.toBeInTheDocument();
    },
  );

  it('moves to the next part when the one that spoke leaves the page', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock);
    const client = await clientFor(mock, 'ben');
    renderWith(client, <Switchable conversationId={id} />);
    act(() => client.setOnline(false));
    expect(screen.getByText(OFFLINE).closest('section')).toHaveAccessibleName('index');
    fireEvent.click(screen.getByRole('button', { name: 'Hide the index' }));
    expect(screen.getAllByText(OFFLINE)).toHaveLength(1);
    expect(screen.getByText(OFFLINE).closest('section')).toHaveAccessibleName('thread');
  });
});

const WAITING = 'This will load when you are back online.';

/**
 * Every part that loads data, opened while the device is offline: query-core pauses the request until the
 * connection is back, so the part must say it waits for the connection, not "Loading…" for ever.
 */
const PARTS: readonly {
  name: string;
  part: (conversationId: string) => ReactNode;
  open?: () => void;
  loaded: () => HTMLElement;
}[] = [
  { name: 'the index', part: () => <MessageIndex />, loaded: () => screen.getByRole('listbox') },
  {
    name: 'a thread',
    part: (id) => <ThreadView conversationId={id as never} />,
    loaded: () => screen.getByRole('feed'),
  },
  { name: 'the notifications', part: () => <NotificationList />, loaded: () => screen.getByRole('list') },
  {
    name: 'the notification settings',
    part: () => <NotificationSettingsForm />,
    loaded: () => screen.getAllByRole('radio')[0]!,
  },
  {
    name: "the compose form's client list",
    part: () => <ComposeSecureMessage />,
    open: () => fireEvent.focus(screen.getByRole('combobox', { name: 'Client' })),
    loaded: () => screen.getByRole('option', { name: /Daniel Okafor/ }),
  },
  {
    name: "the compose form's templates",
    part: () => <ComposeSecureMessage />,
    open: () => fireEvent.click(screen.getByRole('button', { name: 'Insert template' })),
    loaded: () => screen.getByRole('radio', { name: 'Document request' }),
  },
];

afterEach(() => onlineManager.setOnline(true));

describe('a part opened offline', () => {
  it.each(PARTS)('$name says it waits for the connection, then loads when it is back', async (row) => {
    const mock = createMockServer();
    const id = await seedConversation(mock);
    const client = await clientFor(mock, 'ben');
    // As in a browser: the SDK's network status and query-core's both go offline.
    onlineManager.setOnline(false);
    client.setOnline(false);
    // Nothing loaded yet but who is signed in (which the client knows once ready).
    const viewerQuery = client.queries.viewer.viewer();
    const viewer = client.queryClient.getQueryData(viewerQuery.queryKey);
    client.queryClient.clear();
    client.queryClient.setQueryData(viewerQuery.queryKey, viewer);
    const { container } = renderWith(client, row.part(id));
    row.open?.();
    expect(await screen.findByText(WAITING)).toBeVisible();
    expect(screen.queryByText('Loading…')).not.toBeInTheDocument();
    expect(screen.queryByRole('status', { name: 'Loading…' })).not.toBeInTheDocument();
    expect(await axeViolations(container)).toEqual([]);

    act(() => {
      onlineManager.setOnline(true);
      client.setOnline(true);
    });
    await waitFor(() => expect(row.loaded()).toBeInTheDocument());
    expect(screen.queryByText(WAITING)).not.toBeInTheDocument();
  });
});

const NOT_SAVED = /Not saved on this device: it is lost if this page closes before it is sent\./;

/** The page's own localStorage, refusing writes while `full` as a browser does (QuotaExceededError). */
function browserStorage(full: boolean) {
  const write = Storage.prototype.setItem;
  const refusing = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(function (
    this: Storage,
    ...args
  ) {
    if (full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    write.apply(this, args);
  });
  onTestFinished(() => {
    refusing.mockRestore();
    localStorage.clear();
  });
  return {
    adapter: localStorageAdapter(),
    setFull(next: boolean) {
      full = next;
    },
  };
}

async function queueReply(body: string) {
  await userEvent.type(await screen.findByRole('textbox', { name: 'Reply' }), body);
  await userEvent.click(screen.getByRole('button', { name: 'Send' }));
}

describe('SendStatus of a reply the storage cannot save', () => {
  it.each([
    ['storage that fills up while the page is open', false],
    ['Safari in private mode (every write refused)', true],
  ])(
    '%s: says in a polite live region that the reply is lost if the page closes, until the storage takes it',
    async (_storage, fullFromTheStart) => {
      const mock = createMockServer();
      const id = await seedConversation(mock);
      const storage = browserStorage(fullFromTheStart);
      const client = await clientFor(mock, 'ben', { storage: storage.adapter });
      const { container } = renderWith(client, <ThreadView conversationId={id} />);
      storage.setFull(true);
      act(() => client.setOnline(false));
      await queueReply('Written while the storage is full');

      const notice = await screen.findByText(NOT_SAVED);
      expect(notice).toHaveAttribute('role', 'status');
      expect(notice.closest('[data-state="sending"]')).toHaveTextContent('Sending…');
      expect(await axeViolations(container)).toEqual([]);

      // The storage takes the next write: both replies are saved, and the words go.
      storage.setFull(false);
      await queueReply('Written once there was room');
      await waitFor(() => expect(screen.queryByText(NOT_SAVED)).not.toBeInTheDocument());
      expect(
        container.querySelectorAll('.confide-message-status[data-state="sending"][data-saving="saved"]'),
      ).toHaveLength(2);
    },
  );
});

/** The server's limit of open streams per person in one process (DEFAULT_MAX_STREAMS_PER_PERSON). */
const STREAMS_PER_PERSON = 32;
const HELD_BACK = /too many tabs or devices open/;

/** How long a wait for the streams may take on a busy machine (a bound on waiting, not a timing check). */
const PATIENCE = { timeout: 15_000 };

/** Timers that wait at most 20 ms, so that the server's `Retry-After: 30` passes within the test. */
const hurriedClock: Clock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, Math.min(ms, 20)),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

describe('a page past the most live streams one person may hold open', () => {
  it.each([{ parts: ['thread'] }, { parts: ['index'] }, { parts: ['index', 'thread'] }])(
    'says once that new messages are paused ($parts), then catches up when another tab closes',
    async ({ parts }) => {
      const mock = createMockServer();
      const id = await seedConversation(mock);
      const others = [];
      for (let index = 0; index < STREAMS_PER_PERSON; index += 1) {
        const other = await clientFor(mock, 'ben');
        await waitFor(() => expect(other.stores.connection.getState().status).toBe('open'), PATIENCE);
        others.push(other);
      }
      const client = await clientFor(mock, 'ben', {
        transport: httpTransport({ ...mock.as('ben'), events: { clock: hurriedClock } }),
      });
      const { container } = renderWith(
        client,
        parts.map((part) =>
          part === 'index' ? <MessageIndex key={part} /> : <ThreadView key={part} conversationId={id} />,
        ),
      );

      const heldBackNotices = () =>
        screen.getAllByRole('status').filter((status) => HELD_BACK.test(status.textContent ?? ''));
      await waitFor(() => expect(heldBackNotices()).toHaveLength(1), PATIENCE);
      expect(await axeViolations(container)).toEqual([]);

      await seedMessage(mock, 'daniel', id, 'Sent while this page was paused');
      others.pop()?.dispose();
      await waitFor(() => expect(screen.queryByText(HELD_BACK)).not.toBeInTheDocument(), PATIENCE);
      if (parts.includes('thread'))
        expect(await screen.findByText('Sent while this page was paused', {}, PATIENCE)).toBeInTheDocument();
    },
    // Thirty-three clients on a machine shared with other test runs.
    60_000,
  );
});
