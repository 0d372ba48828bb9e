import type { ConfideClient } from '@confide/core';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import {
  axeViolations,
  clientFor,
  createMockServer,
  type MockServer,
  renderWith,
  transportFor,
} from '../../test/setup-client.js';
import { ComposeSecureMessage } from '../compose-secure-message/compose-secure-message.js';
import { MessageIndex } from './message-index.js';

// Retries come quickly and the outbox gives up after two server answers.
const QUICK_OUTBOX = { baseDelayMs: 1, maxDelayMs: 5, maxServerAttempts: 2 };

/** How many conversations Elena has on the server with `subject`. */
async function onServer(mock: MockServer, subject: string) {
  const page = await transportFor(mock, 'elena').listConversations({ limit: 100 });
  return page.items.filter((conversation) => conversation.subject === subject).length;
}

/** Elena's start form beside her index, as the portal shows them. */
async function portalFor(client: ConfideClient) {
  const onQueued = vi.fn();
  const onSent = vi.fn();
  const view = renderWith(
    client,
    <>
      <ComposeSecureMessage audience="client" onQueued={onQueued} onSent={onSent} />
      <MessageIndex />
    </>,
  );
  await screen.findByRole('listbox', { name: 'Conversations' });
  return { ...view, onQueued, onSent };
}

async function startConversation(subject: string) {
  await userEvent.type(screen.getByRole('textbox', { name: 'Subject' }), subject);
  await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'Can we talk about my permit?');
  await userEvent.click(screen.getByRole('button', { name: 'Send' }));
}

describe('MessageIndex: conversations not sent yet', () => {
  it('shows a start made offline at the top as pending, in words, hands the form over, and turns it into the conversation once', async () => {
    const mock = createMockServer();
    const client = await clientFor(mock, 'elena');
    const { container, onQueued, onSent } = await portalFor(client);
    act(() => client.setOnline(false));
    await startConversation('Started offline');

    const pending = await screen.findByRole('list', { name: 'Not sent yet' });
    expect(pending).toHaveAttribute('aria-live', 'polite');
    const row = within(pending).getByRole('listitem');
    expect(row).toHaveTextContent('Started offline');
    expect(row).toHaveTextContent('Rivera & Cho Immigration');
    expect(row).toHaveTextContent('Sending…');
    expect(row).toHaveAttribute('data-state', 'sending');
    // The form is free again and says where the conversation went; the host heard of the hand-over once.
    expect(screen.getByRole('textbox', { name: 'Subject' })).toHaveValue('');
    expect(screen.getByText(/^Not sent yet: it waits in your conversations/)).toHaveAttribute(
      'role',
      'status',
    );
    expect(onQueued).toHaveBeenCalledTimes(1);
    expect(await axeViolations(container)).toEqual([]);

    act(() => client.setOnline(true));
    await waitFor(() => expect(screen.queryByRole('list', { name: 'Not sent yet' })).toBeNull());
    const listbox = screen.getByRole('listbox', { name: 'Conversations' });
    expect(within(listbox).getAllByRole('option', { name: /Started offline/ })).toHaveLength(1);
    expect(await onServer(mock, 'Started offline')).toBe(1);
    expect(onSent).toHaveBeenCalledTimes(1);
    expect(onQueued).toHaveBeenCalledTimes(1);
  });

  it('shows a start that failed with Retry and Discard, reachable with the keyboard; Retry delivers it once', async () => {
    const mock = createMockServer();
    const client = await clientFor(mock, 'elena', { outbox: QUICK_OUTBOX });
    const { container } = await portalFor(client);
    mock.setScenario({ failures: { startConversation: { code: 'internal' } } });
    await startConversation('Failed at first');

    const pending = await screen.findByRole('list', { name: 'Not sent yet' });
    const alert = await within(pending).findByRole('alert');
    expect(alert).toHaveTextContent('Not sent.');
    expect(within(pending).getByRole('listitem')).toHaveAttribute('data-state', 'failed');
    expect(await axeViolations(container)).toEqual([]);

    mock.setScenario({});
    within(alert).getByRole('button', { name: 'Retry' }).focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('list', { name: 'Not sent yet' })).toBeNull());
    const listbox = screen.getByRole('listbox', { name: 'Conversations' });
    expect(within(listbox).getAllByRole('option', { name: /Failed at first/ })).toHaveLength(1);
    expect(await onServer(mock, 'Failed at first')).toBe(1);
  });

  it('discards a failed start with the keyboard: gone from the index and never on the server', async () => {
    const mock = createMockServer();
    const client = await clientFor(mock, 'elena', { outbox: QUICK_OUTBOX });
    await portalFor(client);
    mock.setScenario({ failures: { startConversation: { code: 'rate_limited' } } });
    await startConversation('Thrown away');
    const pending = await screen.findByRole('list', { name: 'Not sent yet' });
    const alert = await within(pending).findByRole('alert');
    mock.setScenario({});
    within(alert).getByRole('button', { name: 'Discard' }).focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('list', { name: 'Not sent yet' })).toBeNull());
    expect(screen.queryByText('Thrown away')).toBeNull();
    expect(await onServer(mock, 'Thrown away')).toBe(0);
  });
});
