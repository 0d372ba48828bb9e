import type { ContactId, ConversationId } from '@confide/core';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ConfideProvider } from '../../provider/confide-provider.js';
import {
  clientFor,
  createMockServer,
  type MockServer,
  renderWith,
  seedKey,
  seedMessage,
  transportFor,
} from '../../test/setup-client.js';
import { MessageIndex } from './message-index.js';

/** Ben starts a conversation with Elena (optionally under a matter); it is read by him, as he sent it. */
async function startWithElena(mock: MockServer, subject: string, matter?: { id: string; label: string }) {
  const started = await transportFor(mock, 'ben').startConversation({
    contactId: 'con_elena' as ContactId,
    subject,
    body: 'Hello Elena',
    idempotencyKey: seedKey('elena'),
    ...(matter ? { matter } : {}),
  });
  return started.conversation.id;
}

/** Marks every conversation Ben has read (from another of his devices). */
async function benReadsEverything(mock: MockServer) {
  const transport = transportFor(mock, 'ben');
  for (const conversation of (await transport.listConversations({ limit: 100 })).items)
    if (conversation.lastMessage && conversation.unreadCount > 0)
      await transport.markRead(conversation.id, { upTo: conversation.lastMessage.id });
}

/** The row `aria-activedescendant` names; fails when it names nothing or an element that is not rendered. */
function activeRow(): HTMLElement {
  const listbox = screen.getByRole('listbox');
  const id = listbox.getAttribute('aria-activedescendant');
  const row = id === null ? null : document.getElementById(id);
  if (!row) throw new Error(`aria-activedescendant names no rendered row (${id})`);
  expect(row).toHaveAttribute('role', 'option');
  expect(row).toHaveAttribute('data-highlighted');
  return row;
}

const subjectOf = (row: HTMLElement) => row.querySelector('.confide-index-subject')?.textContent;

/** Opens the highlighted row with Enter and checks that it is the one `aria-activedescendant` names. */
async function enterOpensActiveRow(onOpen: ReturnType<typeof vi.fn>) {
  const row = activeRow();
  await userEvent.keyboard('{Enter}');
  const opened = onOpen.mock.lastCall?.[0] as string | undefined;
  expect(opened).toBeDefined();
  expect(row.id.endsWith(`-${opened}`)).toBe(true);
}

interface LeavesRow {
  readonly name: string;
  /** Filters to apply before the reader highlights `highlight`. */
  readonly before?: () => Promise<void>;
  /** Arrow presses from the first row to the highlighted one. */
  readonly downs: number;
  readonly highlight: string;
  /** Takes the highlighted conversation out of the list. */
  readonly leave: (mock: MockServer, ids: Readonly<Record<string, ConversationId>>) => Promise<void>;
  /** The conversation highlighted afterwards: the one that took its place (or the last one). */
  readonly expected: string;
}

const firstRow = () => within(screen.getByRole('listbox')).getAllByRole('option')[0];
const searchBox = () => screen.getByRole('searchbox', { name: 'Search conversations' });
const SUBJECTS = ['Alpha permit', 'Bravo permit', 'Charlie permit', 'Delta permit'];

// Newest first, the list starts Delta, Charlie, Bravo, Alpha; Alpha, Charlie and Delta carry matter mat_h2.
const leavesRows: LeavesRow[] = [
  {
    name: 'the search box filters it out',
    downs: 1,
    highlight: 'Charlie permit',
    leave: () => userEvent.type(searchBox(), 'a permit'),
    expected: 'Alpha permit',
  },
  {
    name: 'the matter filter changes',
    downs: 2,
    highlight: 'Bravo permit',
    leave: () => userEvent.selectOptions(screen.getByRole('combobox', { name: 'Matter' }), 'mat_h2'),
    expected: 'Alpha permit',
  },
  {
    name: 'the search narrows to rows above it',
    downs: 3,
    highlight: 'Alpha permit',
    leave: () => userEvent.type(searchBox(), 'ta permit'),
    expected: 'Delta permit',
  },
  {
    name: 'a live read from another device moves it out of "Unread only"',
    before: async () => {
      await userEvent.click(screen.getByRole('checkbox', { name: 'Unread only' }));
      await waitFor(() => expect(within(screen.getByRole('listbox')).getAllByRole('option')).toHaveLength(4));
    },
    downs: 1,
    highlight: 'Charlie permit',
    leave: async (mock, ids) => {
      const transport = transportFor(mock, 'ben');
      const id = ids['Charlie permit'] as ConversationId;
      const { items } = await transport.listMessages(id, {});
      const last = items.find((message) => message.body === 'About Charlie permit');
      await transport.markRead(id, { upTo: last?.id as never });
    },
    expected: 'Bravo permit',
  },
];

describe('MessageIndex keyboard highlight', () => {
  it.each(leavesRows)('moves to the conversation at its place when $name', async (row) => {
    const mock = createMockServer();
    await benReadsEverything(mock);
    const ids: Record<string, ConversationId> = {};
    for (const subject of SUBJECTS) {
      const matter = subject.startsWith('Bravo') ? undefined : { id: 'mat_h2', label: 'H2 matter' };
      ids[subject] = await startWithElena(mock, subject, matter);
      // Elena answers, so each is unread for Ben and the order stays the order of creation.
      await seedMessage(mock, 'elena', ids[subject], `About ${subject}`);
    }
    const client = await clientFor(mock, 'ben');
    const onOpen = vi.fn();
    renderWith(client, <MessageIndex onOpen={onOpen} />);
    await waitFor(() => expect(firstRow()).toHaveTextContent('Delta permit'));
    await row.before?.();
    act(() => screen.getByRole('listbox').focus());
    for (let press = 0; press < row.downs; press += 1) await userEvent.keyboard('{ArrowDown}');
    expect(subjectOf(activeRow())).toBe(row.highlight);
    await act(() => row.leave(mock, ids));
    await waitFor(() => {
      expect(screen.queryByText(row.highlight, { selector: '.confide-index-subject' })).toBeNull();
      expect(subjectOf(activeRow())).toBe(row.expected);
    });
    act(() => screen.getByRole('listbox').focus());
    await enterOpensActiveRow(onOpen);
    expect(onOpen).toHaveBeenLastCalledWith(ids[row.expected]);
  });

  const keyRows: { keys: string; position: (loaded: number) => number }[] = [
    { keys: '{End}', position: (loaded) => loaded },
    { keys: '{End}{PageDown}', position: (loaded) => loaded },
    { keys: '{End}{ArrowUp}', position: (loaded) => loaded - 1 },
    { keys: '{PageDown}', position: () => 30 },
    { keys: '{PageDown}{PageDown}', position: () => 59 },
    { keys: '{PageDown}{PageUp}', position: () => 1 },
    { keys: '{End}{PageUp}', position: (loaded) => loaded - 29 },
    { keys: '{End}{Home}', position: () => 1 },
  ];

  // Without layout (jsdom) the list renders its first 30 rows and a page is those 30 rows (less one for context).
  it.each(keyRows)('$keys highlights a rendered row and Enter opens it', async ({ keys, position }) => {
    const mock = createMockServer();
    await mock.addConversations({ count: 200 });
    const client = await clientFor(mock, 'ben');
    const onOpen = vi.fn();
    renderWith(client, <MessageIndex onOpen={onOpen} />);
    const listbox = await screen.findByRole('listbox');
    const loaded = Number(within(listbox).getAllByRole('option')[0]?.getAttribute('aria-setsize'));
    expect(loaded).toBeGreaterThanOrEqual(60);
    act(() => listbox.focus());
    await userEvent.keyboard(keys);
    expect(activeRow()).toHaveAttribute('aria-posinset', String(position(loaded)));
    await enterOpensActiveRow(onOpen);
  });

  it('keeps the highlight on its conversation when a new one arrives above it', async () => {
    const mock = createMockServer();
    for (const subject of SUBJECTS) await startWithElena(mock, subject);
    const client = await clientFor(mock, 'ben');
    const onOpen = vi.fn();
    renderWith(client, <MessageIndex onOpen={onOpen} />);
    await waitFor(() => expect(firstRow()).toHaveTextContent('Delta permit'));
    act(() => screen.getByRole('listbox').focus());
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    expect(subjectOf(activeRow())).toBe('Bravo permit');
    await act(() => startWithElena(mock, 'Echo permit'));
    await waitFor(() => expect(firstRow()).toHaveTextContent('Echo permit'));
    expect(subjectOf(activeRow())).toBe('Bravo permit');
    await enterOpensActiveRow(onOpen);
  });

  describe('with a controlled value', () => {
    it('highlights the first row when value names a conversation not in the list', async () => {
      const mock = createMockServer();
      await startWithElena(mock, 'Delta permit');
      const client = await clientFor(mock, 'ben');
      const onOpen = vi.fn();
      renderWith(client, <MessageIndex value={'cnv_elsewhere' as ConversationId} onOpen={onOpen} />);
      const listbox = await screen.findByRole('listbox');
      expect(within(listbox).queryAllByRole('option', { selected: true })).toHaveLength(0);
      act(() => listbox.focus());
      expect(activeRow()).toHaveAttribute('aria-posinset', '1');
      await enterOpensActiveRow(onOpen);
    });

    it('highlights a selected conversation far outside the rendered window', async () => {
      const mock = createMockServer();
      const added = await mock.addConversations({ count: 200 });
      const listed = await transportFor(mock, 'ben').listConversations({ limit: 50 });
      const far = listed.items[45]?.id as ConversationId;
      expect(added).toContain(far);
      const client = await clientFor(mock, 'ben');
      const onOpen = vi.fn();
      renderWith(client, <MessageIndex value={far} onOpen={onOpen} />);
      const listbox = await screen.findByRole('listbox');
      act(() => listbox.focus());
      expect(activeRow()).toHaveAttribute('aria-selected', 'true');
      expect(activeRow()).toHaveAttribute('aria-posinset', '46');
      await enterOpensActiveRow(onOpen);
      expect(onOpen).toHaveBeenLastCalledWith(far);
    });

    it('keeps the reader’s highlight when the host changes value while they navigate', async () => {
      const mock = createMockServer();
      const ids: ConversationId[] = [];
      for (const subject of SUBJECTS) ids.push(await startWithElena(mock, subject));
      const client = await clientFor(mock, 'ben');
      const onOpen = vi.fn();
      const view = renderWith(client, <MessageIndex value={ids[3] ?? null} onOpen={onOpen} />);
      const listbox = await screen.findByRole('listbox');
      act(() => listbox.focus());
      await userEvent.keyboard('{ArrowDown}{ArrowDown}');
      expect(subjectOf(activeRow())).toBe('Bravo permit');
      view.rerender(
        <ConfideProvider client={client} timeZone="UTC" locale="en-GB">
          <MessageIndex value={ids[0] ?? null} onOpen={onOpen} />
        </ConfideProvider>,
      );
      expect(within(listbox).getByRole('option', { selected: true })).toHaveTextContent('Alpha permit');
      expect(subjectOf(activeRow())).toBe('Bravo permit');
      await enterOpensActiveRow(onOpen);
    });
  });
});
