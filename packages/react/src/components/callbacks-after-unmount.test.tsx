import { type ConfideClient, ConfideError, createConfideClient, type Transport } from '@confide/core';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ConfideProvider } from '../provider/confide-provider.js';
import {
  axeViolations,
  createMockServer,
  type DemoPerson,
  type MockServer,
  renderWith,
  seedConversation,
  seedMessage,
  transportFor,
} from '../test/setup-client.js';
import {
  ComposeSecureMessage,
  type ComposeSecureMessageProps,
} from './compose-secure-message/compose-secure-message.js';
import { NotificationBell } from './notification-bell/notification-bell.js';
import { NotificationList } from './notification-bell/notification-list.js';

/** A client whose `method` waits until `release()` is called, over the real server rules. */
async function heldClient(
  mock: MockServer,
  person: DemoPerson,
  method: 'startConversation' | 'markNotificationsRead',
  options: { refuse?: boolean } = {},
) {
  const transport = transportFor(mock, person);
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const wrapped: Transport = {
    ...transport,
    [method]: async (...args: unknown[]) => {
      await held;
      if (options.refuse) throw new ConfideError('forbidden', 'Refused by the test', { retryable: false });
      return (transport[method] as (...a: unknown[]) => unknown)(...args);
    },
  };
  const client = createConfideClient({ transport: wrapped });
  client.mount();
  await client.ready;
  return { client, release };
}

function withProvider(client: ConfideClient, props: ComposeSecureMessageProps, key = 'form') {
  return (
    <StrictMode>
      <ConfideProvider client={client} timeZone="UTC" locale="en-GB">
        <ComposeSecureMessage key={key} audience="client" {...props} />
      </ConfideProvider>
    </StrictMode>
  );
}

type Render = ReturnType<typeof renderWith>;

/** What the host does while the new conversation is on its way to the server. */
const WHILE_SENDING: ReadonlyArray<
  readonly [string, (view: Render, client: ConfideClient, onSent: () => void) => void, boolean]
> = [
  ['keeps the form on screen', () => {}, true],
  ['closes the form (unmounts it)', (view) => view.unmount(), false],
  [
    'shows the form for another draft (draftId changes)',
    (view, client, onSent) => view.rerender(withProvider(client, { onSent, draftId: 'other' })),
    false,
  ],
  [
    're-keys the form',
    (view, client, onSent) => view.rerender(withProvider(client, { onSent }, 'another-key')),
    false,
  ],
];

describe('callbacks after the component has gone', () => {
  it.each(WHILE_SENDING)(
    'ComposeSecureMessage tells the host of the new conversation exactly once when the host %s',
    async (_label, meanwhile, shown) => {
      const mock = createMockServer();
      const { client, release } = await heldClient(mock, 'daniel', 'startConversation');
      const onSent = vi.fn();
      const view = renderWith(client, withProvider(client, { onSent }));
      await userEvent.type(screen.getByRole('textbox', { name: 'Subject' }), 'Sent while leaving');
      await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'Still on its way');
      await userEvent.click(screen.getByRole('button', { name: 'Send' }));
      expect(await screen.findByRole('progressbar', { name: 'Sending…' })).toBeInTheDocument();
      act(() => meanwhile(view, client, onSent));
      release();
      await waitFor(() => expect(onSent).toHaveBeenCalled());
      // Whatever else settles afterwards (the draft reset, the query refetches) must not tell the host again.
      await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
      const started = (await transportFor(mock, 'daniel').listConversations({})).items.filter(
        (conversation) => conversation.subject === 'Sent while leaving',
      );
      expect(started).toHaveLength(1);
      expect(onSent).toHaveBeenCalledTimes(1);
      expect(onSent).toHaveBeenCalledWith(started[0]?.id, { shown });
      if (shown) expect(await screen.findByText('Message sent.')).toBeInTheDocument();
      else expect(screen.queryByText('Message sent.')).not.toBeInTheDocument();
      expect(await axeViolations(view.container)).toEqual([]);
    },
  );

  it.each([
    ['kept on screen', false],
    ['closed while sending', true],
  ] as const)(
    'ComposeSecureMessage never calls onSent for a send that failed (form %s)',
    async (_label, close) => {
      const mock = createMockServer();
      const { client, release } = await heldClient(mock, 'daniel', 'startConversation', { refuse: true });
      const onSent = vi.fn();
      const view = renderWith(client, withProvider(client, { onSent }));
      await userEvent.type(screen.getByRole('textbox', { name: 'Subject' }), 'Refused later');
      await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'Body');
      await userEvent.click(screen.getByRole('button', { name: 'Send' }));
      if (close) act(() => view.unmount());
      release();
      if (!close) expect(await screen.findByRole('alert')).toBeInTheDocument();
      await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
      expect(onSent).not.toHaveBeenCalled();
    },
  );

  it.each([
    ['NotificationBell', (onOpen: () => void) => <NotificationBell onOpen={onOpen} />, true],
    ['NotificationList', (onOpen: () => void) => <NotificationList onOpen={onOpen} />, false],
  ] as const)(
    '%s calls onOpen as the notification is pressed, never later from a list that has gone',
    async (_name, ui, hasBell) => {
      const mock = createMockServer();
      await transportFor(mock, 'ben').markNotificationsRead({ all: true });
      const id = await seedConversation(mock);
      await seedMessage(mock, 'daniel', id, 'My reply');
      const { client, release } = await heldClient(mock, 'ben', 'markNotificationsRead');
      const onOpen = vi.fn();
      const view = renderWith(client, ui(onOpen));
      if (hasBell)
        await userEvent.click(await screen.findByRole('button', { name: 'Notifications, 1 unread' }));
      await userEvent.click(
        await screen.findByRole('button', { name: /^Daniel Okafor replied in “Visa documents”/ }),
      );
      // Marking read is still held by the network: the host has been told already, once.
      expect(onOpen).toHaveBeenCalledTimes(1);
      expect(onOpen).toHaveBeenCalledWith(id);
      view.unmount();
      release();
      await waitFor(async () =>
        expect((await transportFor(mock, 'ben').listNotifications({ unread: 'true' })).items).toHaveLength(0),
      );
      expect(onOpen).toHaveBeenCalledTimes(1);
    },
  );
});
