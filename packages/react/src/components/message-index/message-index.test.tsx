import { type ConversationSummary, createConfideClient, type Transport } from '@confide/core';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { EmptyStateProps } from '../../provider/components.js';
import { ConfideProvider } from '../../provider/confide-provider.js';
import {
  axeViolations,
  clientFor,
  createMockServer,
  type MockServer,
  renderWith,
  seedConversation,
  seedMessage,
  startWithElena,
  transportFor,
} from '../../test/setup-client.js';
import { MessageIndex } from './message-index.js';

function FriendlyEmpty({ kind, children }: EmptyStateProps) {
  return (
    <p data-testid="empty" data-kind={kind}>
      Nothing here: {children}
    </p>
  );
}

/** Marks every conversation `person` has read, so only what a test adds is unread. */
async function readEverything(mock: MockServer, person: 'ben') {
  const transport = transportFor(mock, person);
  for (const conversation of (await transport.listConversations({})).items) {
    if (conversation.lastMessage)
      await transport.markRead(conversation.id, { upTo: conversation.lastMessage.id });
  }
}

/** The index's rows (the matter filter's options are options too). */
async function findRows() {
  return within(await screen.findByRole('listbox')).findAllByRole('option');
}

describe('MessageIndex', () => {
  it('lists conversations newest first with participant, preview, unread badge and no axe violations', async () => {
    const mock = createMockServer();
    const older = await seedConversation(mock, { subject: 'Older subject' });
    await startWithElena(mock, 'Newer subject');
    await seedMessage(mock, 'daniel', older, 'A question from Daniel');
    const client = await clientFor(mock, 'ben');
    const { container } = renderWith(client, <MessageIndex />);
    const options = await findRows();
    expect(options[0]).toHaveTextContent('Older subject');
    expect(options[0]).toHaveTextContent('A question from Daniel');
    expect(options[0]).toHaveAttribute('data-unread');
    expect(within(options[0] as HTMLElement).getByText('1 unread message')).toBeInTheDocument();
    expect(options[1]).toHaveTextContent('Elena Petrova');
    expect(options[1]).not.toHaveAttribute('data-unread');
    expect(await axeViolations(container)).toEqual([]);
  });

  it('moves with the arrow keys and opens with Enter', async () => {
    const mock = createMockServer();
    const first = await seedConversation(mock, { subject: 'First' });
    const second = await startWithElena(mock, 'Second');
    const client = await clientFor(mock, 'ben');
    const onOpen = vi.fn();
    renderWith(client, <MessageIndex onOpen={onOpen} />);
    const listbox = await screen.findByRole('listbox');
    // Search, unread only, the matter filter (the demo data has matters), then the list.
    await userEvent.tab();
    await userEvent.tab();
    await userEvent.tab();
    await userEvent.tab();
    expect(listbox).toHaveFocus();
    await userEvent.keyboard('{ArrowDown}{Enter}');
    expect(onOpen).toHaveBeenCalledWith(first);
    await userEvent.keyboard('{Home}{Enter}');
    expect(onOpen).toHaveBeenLastCalledWith(second);
    expect((await findRows())[0]).toHaveAttribute('aria-selected', 'true');
  });

  it('keeps the keyboard highlight on its conversation when a live message re-sorts the list', async () => {
    const mock = createMockServer();
    const older = await seedConversation(mock, { subject: 'Older' });
    const newer = await startWithElena(mock, 'Newer');
    const client = await clientFor(mock, 'ben');
    const onOpen = vi.fn();
    renderWith(client, <MessageIndex onOpen={onOpen} />);
    const listbox = await screen.findByRole('listbox');
    expect((await findRows())[0]).toHaveTextContent('Newer');
    act(() => listbox.focus());
    await userEvent.keyboard('{ArrowDown}');
    const highlighted = () => document.getElementById(listbox.getAttribute('aria-activedescendant') ?? '');
    expect(highlighted()).toHaveTextContent('Older');
    await act(async () => {
      await seedMessage(mock, 'daniel', older, 'Moves Older to the top');
    });
    await waitFor(async () => expect((await findRows())[0]).toHaveTextContent('Older'));
    expect(highlighted()).toHaveTextContent('Older');
    await userEvent.keyboard('{Enter}');
    expect(onOpen).toHaveBeenCalledWith(older);
    expect(onOpen).not.toHaveBeenCalledWith(newer);
  });

  it('lets the host own the selection with value and onValueChange', async () => {
    const mock = createMockServer();
    const first = await seedConversation(mock, { subject: 'First' });
    const second = await startWithElena(mock, 'Second');
    const client = await clientFor(mock, 'ben');
    const onValueChange = vi.fn();
    const view = renderWith(client, <MessageIndex value={first} onValueChange={onValueChange} />);
    const selectedRow = async () =>
      (await findRows()).find((row) => row.getAttribute('aria-selected') === 'true');
    expect(await selectedRow()).toHaveTextContent('First');
    await userEvent.click((await findRows())[0]!);
    expect(onValueChange).toHaveBeenCalledWith(second);
    // The host has not changed `value` yet: the selection stays where the host put it.
    expect(await selectedRow()).toHaveTextContent('First');
    view.rerender(
      <ConfideProvider client={client} timeZone="UTC" locale="en-GB">
        <MessageIndex value={second} onValueChange={onValueChange} />
      </ConfideProvider>,
    );
    expect(await selectedRow()).toHaveTextContent('Second');
  });

  it('starts from defaultValue when it owns the selection', async () => {
    const mock = createMockServer();
    const first = await seedConversation(mock, { subject: 'First' });
    await startWithElena(mock, 'Second');
    const client = await clientFor(mock, 'ben');
    renderWith(client, <MessageIndex defaultValue={first} />);
    const rows = await findRows();
    expect(rows.find((row) => row.getAttribute('aria-selected') === 'true')).toHaveTextContent('First');
  });

  it('never points aria-activedescendant at a row that is not rendered', async () => {
    const mock = createMockServer();
    await mock.addConversations({ count: 200 });
    const client = await clientFor(mock, 'ben');
    renderWith(client, <MessageIndex />);
    const listbox = await screen.findByRole('listbox');
    act(() => listbox.focus());
    await userEvent.keyboard('{End}');
    const active = listbox.getAttribute('aria-activedescendant');
    expect(active).not.toBeNull();
    expect(document.getElementById(active ?? '')).toHaveAttribute('role', 'option');
    await userEvent.keyboard('{Home}');
    const first = listbox.getAttribute('aria-activedescendant');
    expect(first).not.toBeNull();
    expect(document.getElementById(first ?? '')).toHaveAttribute('role', 'option');
  });

  it("rolls 'today' over at midnight: a page left open overnight shows yesterday's time as a date", async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    try {
      vi.setSystemTime(new Date('2026-11-30T23:58:00Z'));
      const mock = createMockServer();
      await seedConversation(mock, { subject: 'Late evening question' });
      const client = await clientFor(mock, 'ben');
      renderWith(client, <MessageIndex />);
      const row = await screen.findByRole('option', { name: /Late evening question/ });
      expect(row).toHaveTextContent('23:58');
      act(() => vi.advanceTimersByTime(3 * 60_000));
      expect(row).toHaveTextContent('30 Nov');
      expect(row).not.toHaveTextContent('23:58');
    } finally {
      vi.useRealTimers();
    }
  });

  it('opens a conversation on click', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock);
    const client = await clientFor(mock, 'ben');
    const onOpen = vi.fn();
    renderWith(client, <MessageIndex onOpen={onOpen} />);
    await userEvent.click((await findRows())[0]!);
    expect(onOpen).toHaveBeenCalledWith(id);
  });

  it('searches, filters unread and filters by matter', async () => {
    const mock = createMockServer();
    await readEverything(mock, 'ben');
    const daniel = await seedConversation(mock, { subject: 'Visa documents' });
    await startWithElena(mock, 'Zebra permit', { matter: { id: 'mat_7', label: 'Petrova residence' } });
    await seedMessage(mock, 'daniel', daniel, 'Unread one');
    const client = await clientFor(mock, 'ben');
    renderWith(client, <MessageIndex />);
    const all = (await findRows()).length;
    const rows = () => within(screen.getByRole('listbox')).getAllByRole('option');
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search conversations' }), 'Zebra');
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]).toHaveTextContent('Zebra permit');
    await userEvent.clear(screen.getByRole('searchbox', { name: 'Search conversations' }));
    await waitFor(() => expect(rows()).toHaveLength(all));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Unread only' }));
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]).toHaveTextContent('Visa documents');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Unread only' }));
    await waitFor(() => expect(rows()).toHaveLength(all));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Matter' }), 'mat_7');
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]).toHaveTextContent('Petrova residence');
  });

  // The filter that led the person to a state stays on screen in it, with the matter they chose (or all of them).
  const leavingStates = [
    [
      'while the next list loads',
      'Zebra',
      { latencyMs: 60_000 },
      () => screen.findByRole('status', { name: 'Loading…' }),
    ],
    [
      'when a search finds nothing',
      'nothing like this',
      {},
      () => screen.findByText('No conversations match.'),
    ],
    [
      'when loading fails',
      'Zebra',
      { failures: { listConversations: { code: 'forbidden' as const } } },
      () => screen.findByRole('alert'),
    ],
  ] as const;
  it.each(
    leavingStates.flatMap(([name, ...state]) => [
      [name, 'mat_7', ...state] as const,
      [name, '', ...state] as const,
    ]),
  )('keeps the matter filter %s (chosen: %j)', async (_name, chosen, search, scenario, reached) => {
    const mock = createMockServer();
    await startWithElena(mock, 'Zebra permit', { matter: { id: 'mat_7', label: 'Petrova residence' } });
    const client = await clientFor(mock, 'ben');
    const { container } = renderWith(client, <MessageIndex />);
    const all = (await findRows()).length;
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Matter' }), chosen);
    await waitFor(() =>
      expect(within(screen.getByRole('listbox')).getAllByRole('option')).toHaveLength(chosen ? 1 : all),
    );
    mock.setScenario(scenario);
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search conversations' }), search);
    await reached();
    const filter = screen.getByRole('combobox', { name: 'Matter' });
    expect(filter).toHaveValue(chosen);
    expect(within(filter).getByRole('option', { name: 'Petrova residence' })).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Unread only' })).toBeInTheDocument();
    expect(await axeViolations(container)).toEqual([]);
    mock.setScenario({});
  });

  it('shows the empty state and, when filters match nothing, says so', async () => {
    const client = await clientFor(createMockServer(), 'emptyOwner');
    const { container } = renderWith(client, <MessageIndex />);
    expect(await screen.findByText('No conversations yet.')).toBeInTheDocument();
    expect(await axeViolations(container)).toEqual([]);
    await userEvent.click(screen.getByRole('checkbox', { name: 'Unread only' }));
    expect(await screen.findByText('No conversations match.')).toBeInTheDocument();
  });

  it('renders a replaced EmptyState from the provider', async () => {
    const client = await clientFor(createMockServer(), 'emptyOwner');
    render(
      <ConfideProvider client={client} components={{ EmptyState: FriendlyEmpty }}>
        <MessageIndex />
      </ConfideProvider>,
    );
    expect(await screen.findByTestId('empty')).toHaveTextContent('Nothing here: No conversations yet.');
    expect(screen.getByTestId('empty')).toHaveAttribute('data-kind', 'index');
  });

  it('shows an error with a retry that loads the list', async () => {
    const mock = createMockServer();
    await seedConversation(mock);
    const base = transportFor(mock, 'ben');
    let fail = true;
    const transport: Transport = {
      ...base,
      listConversations: (query, options) =>
        fail ? Promise.reject(new Error('down')) : base.listConversations(query, options),
    };
    const client = createConfideClient({ transport });
    client.mount();
    await client.ready;
    const { container } = renderWith(client, <MessageIndex />);
    const retry = await screen.findByRole('button', { name: 'Try again' });
    expect(await axeViolations(container)).toEqual([]);
    fail = false;
    await userEvent.click(retry);
    expect((await findRows())[0]).toHaveTextContent('Visa documents');
    client.dispose();
  });

  it('renders a window of a 10,000-conversation index, not every row', async () => {
    const mock = createMockServer();
    const template = (await transportFor(mock, 'ben').listConversations({})).items[0];
    await seedConversation(mock);
    const sample = (await transportFor(mock, 'ben').listConversations({})).items[0] ?? template;
    const items: ConversationSummary[] = Array.from({ length: 10_000 }, (_, index) => ({
      ...(sample as ConversationSummary),
      id: `cnv_${index}` as ConversationSummary['id'],
      subject: `Conversation ${index}`,
    }));
    const base = transportFor(mock, 'ben');
    const transport: Transport = {
      ...base,
      listConversations: async () => ({ items, nextCursor: null, unreadTotal: 0 }),
    };
    const client = createConfideClient({ transport });
    client.mount();
    await client.ready;
    renderWith(client, <MessageIndex />);
    const options = await findRows();
    expect(options.length).toBeLessThan(100);
    expect(options[0]).toHaveAttribute('aria-setsize', '10000');
    client.dispose();
  });

  it('shows the offline banner', async () => {
    const mock = createMockServer();
    const client = await clientFor(mock, 'ben');
    renderWith(client, <MessageIndex />);
    act(() => client.setOnline(false));
    expect(screen.getByText(/You are offline/)).toBeInTheDocument();
  });
});
