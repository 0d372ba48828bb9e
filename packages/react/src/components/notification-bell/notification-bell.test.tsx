import { ConfideError, type Transport } from '@confide/core';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ConfideOverrides } from '../../provider/messages.js';
import {
  axeViolations,
  clientFor,
  createMockServer,
  renderWith,
  seedConversation,
  seedMessage,
  transportFor,
} from '../../test/setup-client.js';
import { NotificationBell } from './notification-bell.js';
import { NotificationList } from './notification-list.js';

const GERMAN_BLOCKED: ConfideOverrides = {
  NOTIFICATION_ATTACHMENT_BLOCKED: (subject) => `Datei in „${subject}“ gesperrt`,
};

/** A mock where Ben's only unread notification is Daniel's reply in a new conversation. */
async function withReply() {
  const mock = createMockServer();
  await transportFor(mock, 'ben').markNotificationsRead({ all: true });
  const id = await seedConversation(mock);
  await seedMessage(mock, 'daniel', id, 'My reply');
  return { mock, id };
}

/** `withReply`, plus Ben's notification that a file in the conversation was blocked by the malware scan. */
async function withBlockedFile() {
  const { mock, id } = await withReply();
  const [message] = (await transportFor(mock, 'ben').listMessages(id, {})).items;
  await mock.store.insertNotification({
    id: 'ntf_blocked',
    firmId: 'firm_rivera_cho',
    memberId: 'mem_ben',
    kind: 'attachment_blocked',
    conversationId: id,
    messageId: message?.id ?? '',
    createdAt: new Date().toISOString(),
    readAt: null,
  });
  return { mock, id };
}

describe('NotificationBell', () => {
  it('shows the unread count and opens the list, with no axe violations', async () => {
    const { mock } = await withReply();
    const client = await clientFor(mock, 'ben');
    const { container } = renderWith(client, <NotificationBell />);
    const bell = await screen.findByRole('button', { name: 'Notifications, 1 unread' });
    expect(bell).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(bell);
    expect(bell).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByRole('region', { name: 'Notifications' })).toBeInTheDocument();
    expect(await axeViolations(container)).toEqual([]);
  });

  it('opens a notification: marks it read, closes the list and calls onOpen', async () => {
    const { mock, id } = await withReply();
    const client = await clientFor(mock, 'ben');
    const onOpen = vi.fn();
    renderWith(client, <NotificationBell onOpen={onOpen} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Notifications, 1 unread' }));
    await userEvent.click(
      await screen.findByRole('button', { name: /^Daniel Okafor replied in “Visa documents”/ }),
    );
    await waitFor(() => expect(onOpen).toHaveBeenCalledWith(id));
    expect(screen.queryByRole('region', { name: 'Notifications' })).not.toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Notifications' })).toBeInTheDocument();
  });

  it('closes with Escape and gives focus back to the bell', async () => {
    const { mock } = await withReply();
    const client = await clientFor(mock, 'ben');
    renderWith(client, <NotificationBell />);
    const bell = await screen.findByRole('button', { name: 'Notifications, 1 unread' });
    await userEvent.click(bell);
    await userEvent.tab();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('region', { name: 'Notifications' })).not.toBeInTheDocument();
    expect(bell).toHaveFocus();
  });
});

describe('NotificationBell keyboard focus', () => {
  const REPLY = /^Daniel Okafor replied in “Visa documents”/;
  it.each([
    { press: REPLY, focused: /^Notifications/ },
    { press: /^Mark as read: Daniel Okafor replied/, focused: REPLY },
    { press: /^Mark all as read$/, focused: REPLY },
  ])('keeps focus on the page after pressing $press (it lands on $focused)', async ({ press, focused }) => {
    const { mock } = await withReply();
    const client = await clientFor(mock, 'ben');
    const { container } = renderWith(client, <NotificationBell onOpen={() => {}} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Notifications, 1 unread' }));
    (await screen.findByRole('button', { name: press })).focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('button', { name: press })).not.toBeInTheDocument());
    expect(screen.getByRole('button', { name: focused })).toHaveFocus();
    expect(await axeViolations(container)).toEqual([]);
  });
});

describe('NotificationBell outside presses', () => {
  it('closes the list when the viewer presses elsewhere on the page', async () => {
    const { mock } = await withReply();
    const client = await clientFor(mock, 'ben');
    renderWith(
      client,
      <>
        <NotificationBell />
        <button type="button">Elsewhere</button>
      </>,
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Notifications, 1 unread' }));
    expect(screen.getByRole('region', { name: 'Notifications' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Elsewhere' }));
    expect(screen.queryByRole('region', { name: 'Notifications' })).not.toBeInTheDocument();
  });
});

describe('NotificationList', () => {
  it('marks one notification read', async () => {
    const { mock } = await withReply();
    const client = await clientFor(mock, 'ben');
    renderWith(client, <NotificationList />);
    const item = (
      await screen.findByRole('button', { name: /^Daniel Okafor replied in “Visa documents”/ })
    ).closest('li') as HTMLElement;
    expect(item).toHaveAttribute('data-unread');
    await userEvent.click(within(item).getByRole('button', { name: /Mark as read/ }));
    await waitFor(() => expect(item).not.toHaveAttribute('data-unread'));
  });

  it('marks every notification read', async () => {
    const { mock } = await withReply();
    const client = await clientFor(mock, 'ben');
    renderWith(client, <NotificationList />);
    await userEvent.click(await screen.findByRole('button', { name: 'Mark all as read' }));
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Mark all as read' })).not.toBeInTheDocument(),
    );
    expect(
      screen.getByRole('button', { name: /^Daniel Okafor replied in “Visa documents”/ }).closest('li'),
    ).not.toHaveAttribute('data-unread');
  });

  it('shows an error with a retry that loads the feed', async () => {
    const { mock } = await withReply();
    const base = transportFor(mock, 'ben');
    let fail = true;
    const transport: Transport = {
      ...base,
      listNotifications: (query, options) =>
        fail ? Promise.reject(new Error('down')) : base.listNotifications(query, options),
    };
    const client = await clientFor(mock, 'ben', { transport });
    const { container } = renderWith(client, <NotificationList />);
    const retry = await screen.findByRole('button', { name: 'Try again' });
    expect(await axeViolations(container)).toEqual([]);
    fail = false;
    await userEvent.click(retry);
    expect(
      await screen.findByRole('button', { name: /^Daniel Okafor replied in “Visa documents”/ }),
    ).toBeInTheDocument();
  });

  // A mark-read that never reached the server, or that the server failed, used to end silently: the press seemed
  // to do nothing. Each row fails the first press, then lets the second through.
  it.each([
    ['Mark as read', 'the connection drops', () => new TypeError('fetch failed')],
    [
      'Mark as read',
      'the server fails',
      () => new ConfideError('internal', 'down', { status: 503, retryable: true }),
    ],
    ['Mark all as read', 'the connection drops', () => new TypeError('fetch failed')],
    [
      'Mark all as read',
      'the server fails',
      () => new ConfideError('internal', 'down', { status: 503, retryable: true }),
    ],
    ['open', 'the connection drops', () => new TypeError('fetch failed')],
  ] as const)(
    'says so when “%s” fails because %s, and the next press marks it read',
    async (action, _cause, failure) => {
      const { mock } = await withReply();
      const base = transportFor(mock, 'ben');
      let fail = true;
      const transport: Transport = {
        ...base,
        markNotificationsRead: (body, options) =>
          fail ? Promise.reject(failure()) : base.markNotificationsRead(body, options),
      };
      const client = await clientFor(mock, 'ben', { transport });
      const { container } = renderWith(client, <NotificationList />);
      const item = async () =>
        (await screen.findByRole('button', { name: /^Daniel Okafor replied in “Visa documents”/ })).closest(
          'li',
        );
      const press = async () => {
        if (action === 'open')
          await userEvent.click(
            await screen.findByRole('button', { name: /^Daniel Okafor replied in “Visa documents”/ }),
          );
        else if (action === 'Mark all as read')
          await userEvent.click(await screen.findByRole('button', { name: action }));
        else await userEvent.click(await screen.findByRole('button', { name: /^Mark as read: / }));
      };
      await press();
      expect(await screen.findByText('Not marked as read. Try again.')).toBeInTheDocument();
      expect(screen.getByRole('status')).toHaveTextContent('Not marked as read. Try again.');
      expect(await item()).toHaveAttribute('data-unread');
      expect(await axeViolations(container)).toEqual([]);
      fail = false;
      await press();
      await waitFor(async () => expect(await item()).not.toHaveAttribute('data-unread'));
      expect(screen.queryByText('Not marked as read. Try again.')).not.toBeInTheDocument();
    },
  );

  // The answer is lost after the server stored the mark: the stream then tells this tab the item is read, and the
  // "not marked" warning must go with it (it stayed, under a notification shown read, in the project's CI e2e).
  it.each(['Mark as read', 'Mark all as read', 'open'] as const)(
    'drops the warning once the read on the server reaches the page, when the answer to “%s” is lost',
    async (action) => {
      const { mock } = await withReply();
      const base = transportFor(mock, 'ben');
      const transport: Transport = {
        ...base,
        markNotificationsRead: async (body, options) => {
          await base.markNotificationsRead(body, options);
          throw new TypeError('fetch failed');
        },
      };
      const client = await clientFor(mock, 'ben', { transport });
      const { container } = renderWith(client, <NotificationList />);
      const open = await screen.findByRole('button', { name: /^Daniel Okafor replied in “Visa documents”/ });
      if (action === 'open') await userEvent.click(open);
      else if (action === 'Mark all as read')
        await userEvent.click(screen.getByRole('button', { name: action }));
      else await userEvent.click(screen.getByRole('button', { name: /^Mark as read: Daniel Okafor/ }));
      await waitFor(() => expect(open.closest('li')).not.toHaveAttribute('data-unread'));
      await waitFor(() =>
        expect(screen.queryByText('Not marked as read. Try again.')).not.toBeInTheDocument(),
      );
      expect(await axeViolations(container)).toEqual([]);
    },
  );

  it('shows the empty state with no axe violations', async () => {
    const client = await clientFor(createMockServer(), 'emptyOwner');
    const { container } = renderWith(client, <NotificationList />);
    expect(await screen.findByText('No notifications.')).toBeInTheDocument();
    expect(await axeViolations(container)).toEqual([]);
  });

  it('says that a file in a conversation was blocked by the malware scan, with its subject isolated', async () => {
    const { mock, id } = await withBlockedFile();
    const client = await clientFor(mock, 'ben');
    const onOpen = vi.fn();
    const { container } = renderWith(client, <NotificationList onOpen={onOpen} />);
    const open = await screen.findByRole('button', {
      name: /^A file in “Visa documents” was blocked by the malware scan/,
    });
    expect(open.querySelector('bdi')?.textContent).toBe('Visa documents');
    expect(
      screen.getByRole('button', {
        name: 'Mark as read: A file in “Visa documents” was blocked by the malware scan',
      }),
    ).toBeInTheDocument();
    expect(await axeViolations(container)).toEqual([]);
    await userEvent.click(open);
    await waitFor(() => expect(onOpen).toHaveBeenCalledWith(id));
  });

  it('takes the blocked-file sentence from overrides', async () => {
    const { mock } = await withBlockedFile();
    const client = await clientFor(mock, 'ben');
    renderWith(client, <NotificationList overrides={GERMAN_BLOCKED} />);
    expect(
      await screen.findByRole('button', { name: /^Datei in „Visa documents“ gesperrt/ }),
    ).toBeInTheDocument();
  });
});
