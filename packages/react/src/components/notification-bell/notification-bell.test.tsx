import { memoryTransport, type Transport } from '@confide/core';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  axeViolations,
  BEN,
  clientFor,
  createMemoryBackend,
  DANIEL,
  disposeClients,
  renderWith,
  seedConversation,
} from '../../test/setup-client.js';
import { NotificationBell } from './notification-bell.js';
import { NotificationList } from './notification-list.js';

afterEach(disposeClients);

function withReply() {
  const backend = createMemoryBackend();
  const id = seedConversation(backend);
  backend.as(DANIEL).sendMessage(id, { body: 'My reply', idempotencyKey: 'reply_key_1' });
  return { backend, id };
}

describe('NotificationBell', () => {
  it('shows the unread count and opens the list, with no axe violations', async () => {
    const { backend } = withReply();
    const client = await clientFor(backend, BEN);
    const { container } = renderWith(client, <NotificationBell />);
    const bell = await screen.findByRole('button', { name: 'Notifications, 1 unread' });
    expect(bell).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(bell);
    expect(bell).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByRole('region', { name: 'Notifications' })).toBeInTheDocument();
    expect(await axeViolations(container)).toEqual([]);
  });

  it('opens a notification: marks it read, closes the list and calls onOpen', async () => {
    const { backend, id } = withReply();
    const client = await clientFor(backend, BEN);
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
    const { backend } = withReply();
    const client = await clientFor(backend, BEN);
    renderWith(client, <NotificationBell />);
    const bell = await screen.findByRole('button', { name: 'Notifications, 1 unread' });
    await userEvent.click(bell);
    await userEvent.tab();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('region', { name: 'Notifications' })).not.toBeInTheDocument();
    expect(bell).toHaveFocus();
  });
});

describe('NotificationBell outside presses', () => {
  it('closes the list when the viewer presses elsewhere on the page', async () => {
    const { backend } = withReply();
    const client = await clientFor(backend, BEN);
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
    const { backend } = withReply();
    const client = await clientFor(backend, BEN);
    renderWith(client, <NotificationList />);
    const item = (await screen.findByRole('button', { name: /^Daniel Okafor replied in/ })).closest(
      'li',
    ) as HTMLElement;
    expect(item).toHaveAttribute('data-unread');
    await userEvent.click(within(item).getByRole('button', { name: /Mark as read/ }));
    await waitFor(() => expect(item).not.toHaveAttribute('data-unread'));
  });

  it('marks every notification read', async () => {
    const { backend } = withReply();
    const client = await clientFor(backend, BEN);
    renderWith(client, <NotificationList />);
    await userEvent.click(await screen.findByRole('button', { name: 'Mark all as read' }));
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Mark all as read' })).not.toBeInTheDocument(),
    );
    expect(
      screen.getByRole('button', { name: /^Daniel Okafor replied in/ }).closest('li'),
    ).not.toHaveAttribute('data-unread');
  });

  it('shows an error with a retry that loads the feed', async () => {
    const { backend } = withReply();
    const base = memoryTransport({ backend, as: BEN });
    let fail = true;
    const transport: Transport = {
      ...base,
      listNotifications: (query, options) =>
        fail ? Promise.reject(new Error('down')) : base.listNotifications(query, options),
    };
    const client = await clientFor(backend, BEN, { transport });
    const { container } = renderWith(client, <NotificationList />);
    const retry = await screen.findByRole('button', { name: 'Try again' });
    expect(await axeViolations(container)).toEqual([]);
    fail = false;
    await userEvent.click(retry);
    expect(await screen.findByRole('button', { name: /^Daniel Okafor replied in/ })).toBeInTheDocument();
  });

  it('shows the empty state with no axe violations', async () => {
    const backend = createMemoryBackend();
    const client = await clientFor(backend, BEN);
    const { container } = renderWith(client, <NotificationList />);
    expect(await screen.findByText('No notifications.')).toBeInTheDocument();
    expect(await axeViolations(container)).toEqual([]);
  });
});
