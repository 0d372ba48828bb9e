import {
  type ConversationSummary,
  createConfideClient,
  type MemoryBackend,
  memoryTransport,
  type Transport,
} from '@confide/core';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EmptyStateProps } from '../../provider/components.js';
import { ConfideProvider } from '../../provider/confide-provider.js';
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
import { MessageIndex } from './message-index.js';

afterEach(disposeClients);

function FriendlyEmpty({ kind, children }: EmptyStateProps) {
  return (
    <p data-testid="empty" data-kind={kind}>
      Nothing here: {children}
    </p>
  );
}

function startWithElena(backend: MemoryBackend, subject: string, matter?: { id: string; label: string }) {
  return backend.as(BEN).startConversation({
    contactId: 'con_elena',
    subject,
    body: 'Hello Elena',
    idempotencyKey: `elena_${subject.replace(/\W+/g, '_')}`,
    ...(matter ? { matter } : {}),
  }).conversation.id;
}

describe('MessageIndex', () => {
  it('lists conversations newest first with participant, preview, unread badge and no axe violations', async () => {
    const backend = createMemoryBackend();
    const older = seedConversation(backend, { subject: 'Older subject' });
    startWithElena(backend, 'Newer subject');
    backend.as(DANIEL).sendMessage(older, { body: 'A question from Daniel', idempotencyKey: 'question_1' });
    const client = await clientFor(backend, BEN);
    const { container } = renderWith(client, <MessageIndex />);
    const options = await screen.findAllByRole('option');
    expect(options[0]).toHaveTextContent('Older subject');
    expect(options[0]).toHaveTextContent('A question from Daniel');
    expect(options[0]).toHaveAttribute('data-unread');
    expect(within(options[0] as HTMLElement).getByText('1 unread message')).toBeInTheDocument();
    expect(options[1]).toHaveTextContent('Elena Petrova');
    expect(options[1]).not.toHaveAttribute('data-unread');
    expect(await axeViolations(container)).toEqual([]);
  });

  it('moves with the arrow keys and opens with Enter', async () => {
    const backend = createMemoryBackend();
    const first = seedConversation(backend, { subject: 'First' });
    const second = startWithElena(backend, 'Second');
    const client = await clientFor(backend, BEN);
    const onOpen = vi.fn();
    renderWith(client, <MessageIndex onOpen={onOpen} />);
    const listbox = await screen.findByRole('listbox');
    await userEvent.tab();
    await userEvent.tab();
    await userEvent.tab();
    expect(listbox).toHaveFocus();
    await userEvent.keyboard('{ArrowDown}{Enter}');
    expect(onOpen).toHaveBeenCalledWith(first);
    await userEvent.keyboard('{Home}{Enter}');
    expect(onOpen).toHaveBeenLastCalledWith(second);
    expect(screen.getAllByRole('option')[0]).toHaveAttribute('aria-selected', 'true');
  });

  it('opens a conversation on click', async () => {
    const backend = createMemoryBackend();
    const id = seedConversation(backend);
    const client = await clientFor(backend, BEN);
    const onOpen = vi.fn();
    renderWith(client, <MessageIndex onOpen={onOpen} />);
    await userEvent.click(await screen.findByRole('option'));
    expect(onOpen).toHaveBeenCalledWith(id);
  });

  it('searches, filters unread and filters by matter', async () => {
    const backend = createMemoryBackend();
    const daniel = seedConversation(backend, { subject: 'Visa documents' });
    startWithElena(backend, 'Residence permit', { id: 'mat_7', label: 'Petrova residence' });
    backend.as(DANIEL).sendMessage(daniel, { body: 'Unread one', idempotencyKey: 'unread_1' });
    const client = await clientFor(backend, BEN);
    renderWith(client, <MessageIndex />);
    await screen.findAllByRole('option');
    const rows = () => within(screen.getByRole('listbox')).getAllByRole('option');
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search conversations' }), 'Residence');
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]).toHaveTextContent('Residence permit');
    await userEvent.clear(screen.getByRole('searchbox', { name: 'Search conversations' }));
    await waitFor(() => expect(rows()).toHaveLength(2));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Unread only' }));
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]).toHaveTextContent('Visa documents');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Unread only' }));
    await waitFor(() => expect(rows()).toHaveLength(2));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Matter' }), 'mat_7');
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]).toHaveTextContent('Petrova residence');
  });

  it('shows the empty state and, when filters match nothing, says so', async () => {
    const backend = createMemoryBackend();
    const client = await clientFor(backend, BEN);
    const { container } = renderWith(client, <MessageIndex />);
    expect(await screen.findByText('No conversations yet.')).toBeInTheDocument();
    expect(await axeViolations(container)).toEqual([]);
    await userEvent.click(screen.getByRole('checkbox', { name: 'Unread only' }));
    expect(await screen.findByText('No conversations match.')).toBeInTheDocument();
  });

  it('renders a replaced EmptyState from the provider', async () => {
    const backend = createMemoryBackend();
    const client = await clientFor(backend, BEN);
    render(
      <ConfideProvider client={client} components={{ EmptyState: FriendlyEmpty }}>
        <MessageIndex />
      </ConfideProvider>,
    );
    expect(await screen.findByTestId('empty')).toHaveTextContent('Nothing here: No conversations yet.');
    expect(screen.getByTestId('empty')).toHaveAttribute('data-kind', 'index');
  });

  it('shows an error with a retry that loads the list', async () => {
    const backend = createMemoryBackend();
    seedConversation(backend);
    const base = memoryTransport({ backend, as: BEN });
    let fail = true;
    const transport: Transport = {
      ...base,
      listConversations: (query, options) =>
        fail ? Promise.reject(new Error('down')) : base.listConversations(query, options),
    };
    const client = createConfideClient({ transport });
    await client.ready;
    const { container } = renderWith(client, <MessageIndex />);
    const retry = await screen.findByRole('button', { name: 'Try again' });
    expect(await axeViolations(container)).toEqual([]);
    fail = false;
    await userEvent.click(retry);
    expect(await screen.findByRole('option')).toHaveTextContent('Visa documents');
    client.dispose();
  });

  it('renders a window of a 10,000-conversation index, not every row', async () => {
    const backend = createMemoryBackend();
    const template = backend.as(BEN).listConversations({}).items[0];
    seedConversation(backend);
    const sample = backend.as(BEN).listConversations({}).items[0] ?? template;
    const items: ConversationSummary[] = Array.from({ length: 10_000 }, (_, index) => ({
      ...(sample as ConversationSummary),
      id: `cnv_${index}` as ConversationSummary['id'],
      subject: `Conversation ${index}`,
    }));
    const base = memoryTransport({ backend, as: BEN });
    const transport: Transport = {
      ...base,
      listConversations: async () => ({ items, nextCursor: null, unreadTotal: 0 }),
    };
    const client = createConfideClient({ transport });
    await client.ready;
    renderWith(client, <MessageIndex />);
    const options = await screen.findAllByRole('option');
    expect(options.length).toBeLessThan(100);
    expect(options[0]).toHaveAttribute('aria-setsize', '10000');
    client.dispose();
  });

  it('shows the offline banner', async () => {
    const backend = createMemoryBackend();
    const client = await clientFor(backend, BEN);
    renderWith(client, <MessageIndex />);
    act(() => client.setOnline(false));
    expect(screen.getByText(/You are offline/)).toBeInTheDocument();
  });
});
