import { memoryTransport, type Transport } from '@confide/core';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { AvatarProps, MessageBodyProps } from '../../provider/components.js';
import {
  axeViolations,
  BEN,
  clientFor,
  createMemoryBackend,
  DANIEL,
  disposeClients,
  flakyTransport,
  renderWith,
  seedConversation,
} from '../../test/setup-client.js';
import { ThreadView } from './thread-view.js';

afterEach(disposeClients);

function TestAvatar({ author }: AvatarProps) {
  return <span data-testid="avatar">{author.name}</span>;
}

function ShoutingBody({ message }: MessageBodyProps) {
  return <p data-testid="body">{message.body.toUpperCase()}</p>;
}

describe('ThreadView', () => {
  it('shows a loading skeleton, then the whole chain with authors and no axe violations', async () => {
    const backend = createMemoryBackend();
    const id = seedConversation(backend, { replies: 2 });
    const client = await clientFor(backend, BEN);
    const { container } = renderWith(client, <ThreadView conversationId={id} />);
    expect(screen.getByRole('status', { name: 'Loading…' })).toBeInTheDocument();
    const feed = await screen.findByRole('feed');
    const articles = within(feed).getAllByRole('article');
    expect(articles).toHaveLength(3);
    expect(articles[0]).toHaveAttribute('data-direction', 'outbound');
    expect(articles[1]).toHaveAttribute('data-direction', 'inbound');
    expect(articles[1]).toHaveAttribute('aria-setsize', '3');
    expect(within(articles[1] as HTMLElement).getByText('Daniel Okafor')).toBeInTheDocument();
    expect(await axeViolations(container)).toEqual([]);
  });

  it('sends a reply with Ctrl+Enter, shows it at once and empties the box', async () => {
    const backend = createMemoryBackend();
    const id = seedConversation(backend);
    const client = await clientFor(backend, BEN);
    renderWith(client, <ThreadView conversationId={id} />);
    const box = await screen.findByRole('textbox', { name: 'Reply' });
    await userEvent.type(box, 'See you on Monday{Control>}{Enter}{/Control}');
    const feed = screen.getByRole('feed');
    expect(within(feed).getByText('See you on Monday')).toBeInTheDocument();
    expect(box).toHaveValue('');
    await waitFor(() =>
      expect(within(feed).getAllByRole('article').at(-1)).toHaveAttribute('data-state', 'sent'),
    );
  });

  it('moves between messages with Page Up and Page Down, as a feed', async () => {
    const backend = createMemoryBackend();
    const id = seedConversation(backend, { replies: 2 });
    const client = await clientFor(backend, BEN);
    renderWith(client, <ThreadView conversationId={id} />);
    const feed = await screen.findByRole('feed');
    const articles = within(feed).getAllByRole('article');
    await userEvent.tab();
    expect(feed).toHaveFocus();
    await userEvent.keyboard('{PageUp}');
    expect(articles[2]).toHaveFocus();
    await userEvent.keyboard('{PageUp}{PageUp}');
    expect(articles[0]).toHaveFocus();
    await userEvent.keyboard('{PageDown}');
    expect(articles[1]).toHaveFocus();
  });

  it('marks a failed send, keeps it, and sends it again on retry', async () => {
    const backend = createMemoryBackend();
    const id = seedConversation(backend);
    const { transport, failing } = flakyTransport(backend, BEN);
    const client = await clientFor(backend, BEN, { transport });
    const { container } = renderWith(client, <ThreadView conversationId={id} />);
    const box = await screen.findByRole('textbox', { name: 'Reply' });
    await userEvent.type(box, 'Please call me');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Not sent.');
    const failed = screen.getByText('Please call me').closest('[role="article"]');
    expect(failed).toHaveAttribute('data-state', 'failed');
    expect(await axeViolations(container)).toEqual([]);
    failing.value = false;
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() =>
      expect(screen.getByText('Please call me').closest('[role="article"]')).toHaveAttribute(
        'data-state',
        'sent',
      ),
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('drops a failed send on discard', async () => {
    const backend = createMemoryBackend();
    const id = seedConversation(backend);
    const { transport } = flakyTransport(backend, BEN);
    const client = await clientFor(backend, BEN, { transport });
    renderWith(client, <ThreadView conversationId={id} />);
    await userEvent.type(await screen.findByRole('textbox', { name: 'Reply' }), 'Draft to drop');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Discard' }));
    await waitFor(() => expect(screen.queryByText('Draft to drop')).not.toBeInTheDocument());
  });

  it('shows internal notes with a lock to members and lets them write one', async () => {
    const backend = createMemoryBackend();
    const id = seedConversation(backend);
    const client = await clientFor(backend, BEN);
    renderWith(client, <ThreadView conversationId={id} />);
    const box = await screen.findByRole('textbox', { name: 'Reply' });
    await userEvent.click(screen.getByRole('checkbox', { name: /Internal note/ }));
    await userEvent.type(box, 'Check the visa expiry{Control>}{Enter}{/Control}');
    const note = screen.getByText('Check the visa expiry').closest('[role="article"]');
    expect(note).toHaveAttribute('data-internal');
    expect(within(note as HTMLElement).getByText('Internal note')).toBeInTheDocument();
  });

  it('never shows internal notes, the note toggle or "Seen" to the client', async () => {
    const backend = createMemoryBackend();
    const id = seedConversation(backend);
    backend.as(BEN).sendMessage(id, { body: 'Firm only', idempotencyKey: 'note_key_1', internal: true });
    const portal = await clientFor(backend, DANIEL);
    renderWith(portal, <ThreadView conversationId={id} />);
    const feed = await screen.findByRole('feed');
    expect(within(feed).getAllByRole('article')).toHaveLength(1);
    expect(screen.queryByText('Firm only')).not.toBeInTheDocument();
    expect(screen.queryByRole('checkbox', { name: /Internal note/ })).not.toBeInTheDocument();
    expect(screen.queryByText('Seen')).not.toBeInTheDocument();
  });

  it('shows "Seen" to members once the client has read their message', async () => {
    const backend = createMemoryBackend();
    const id = seedConversation(backend);
    const [first] = backend.as(DANIEL).listMessages(id, {}).items;
    backend.as(DANIEL).markRead(id, { upTo: first?.id });
    const client = await clientFor(backend, BEN);
    renderWith(client, <ThreadView conversationId={id} />);
    expect(await screen.findByText('Seen')).toBeInTheDocument();
  });

  it('separates days and shows times in the viewer time zone', async () => {
    let now = Date.parse('2026-03-02T09:00:00Z');
    const backend = createMemoryBackend({ now: () => now });
    const id = seedConversation(backend);
    now = Date.parse('2026-03-03T15:30:00Z');
    backend.as(DANIEL).sendMessage(id, { body: 'Next day', idempotencyKey: 'day_key_1' });
    const client = await clientFor(backend, BEN);
    renderWith(client, <ThreadView conversationId={id} />);
    expect(await screen.findByText('Monday, 2 March 2026')).toBeInTheDocument();
    expect(screen.getByText('Tuesday, 3 March 2026')).toBeInTheDocument();
    expect(screen.getByText('15:30')).toBeInTheDocument();
  });

  it('announces a message that arrives live', async () => {
    const backend = createMemoryBackend();
    const id = seedConversation(backend);
    const client = await clientFor(backend, BEN);
    renderWith(client, <ThreadView conversationId={id} />);
    await screen.findByRole('feed');
    await act(async () => {
      backend.as(DANIEL).sendMessage(id, { body: 'Live reply', idempotencyKey: 'live_key_1' });
    });
    expect(await screen.findByText('Live reply')).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByText('New message from Daniel Okafor').parentElement).toHaveAttribute(
        'aria-live',
        'polite',
      ),
    );
  });

  it('loads older messages from the button above the chain', async () => {
    const backend = createMemoryBackend();
    const id = seedConversation(backend, { replies: 40 });
    const client = await clientFor(backend, BEN);
    renderWith(client, <ThreadView conversationId={id} />);
    const feed = await screen.findByRole('feed');
    expect(within(feed).getAllByRole('article')[0]).toHaveAttribute('aria-setsize', '30');
    await userEvent.click(screen.getByRole('button', { name: 'Load older messages' }));
    await waitFor(() =>
      expect(within(feed).getAllByRole('article')[0]).toHaveAttribute('aria-setsize', '41'),
    );
    expect(screen.queryByRole('button', { name: 'Load older messages' })).not.toBeInTheDocument();
  });

  it('shows the empty state, the error state with retry, and the offline banner', async () => {
    const backend = createMemoryBackend();
    const client = await clientFor(backend, BEN);
    const { container } = renderWith(client, <ThreadView conversationId={'cnv_missing' as never} />);
    expect(await screen.findByText('Something went wrong.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
    expect(await axeViolations(container)).toEqual([]);
    act(() => client.setOnline(false));
    expect(screen.getByText(/You are offline/)).toBeInTheDocument();
  });

  it('renders message text through a replaced MessageBody', async () => {
    const backend = createMemoryBackend();
    const id = seedConversation(backend, { body: 'quiet words' });
    const client = await clientFor(backend, BEN);
    renderWith(client, <ThreadView conversationId={id} components={{ MessageBody: ShoutingBody }} />);
    expect(await screen.findByTestId('body')).toHaveTextContent('QUIET WORDS');
  });

  it('shows the empty state for a thread without messages', async () => {
    const backend = createMemoryBackend();
    const id = seedConversation(backend);
    const base = memoryTransport({ backend, as: BEN });
    const transport: Transport = { ...base, listMessages: async () => ({ items: [], nextCursor: null }) };
    const client = await clientFor(backend, BEN, { transport });
    const { container } = renderWith(client, <ThreadView conversationId={id} />);
    expect(await screen.findByText('No messages yet.')).toBeInTheDocument();
    expect(await axeViolations(container)).toEqual([]);
  });

  it('replaces strings, slots and class names', async () => {
    const backend = createMemoryBackend();
    const id = seedConversation(backend, { body: 'Hello https://example.com/a.' });
    const client = await clientFor(backend, BEN);
    renderWith(
      client,
      <ThreadView
        conversationId={id}
        className="host-thread"
        data-testid="thread"
        classNames={{ message: 'host-message' }}
        overrides={{ COMPOSER_SEND: 'Envoyer' }}
        components={{ Avatar: TestAvatar }}
      />,
    );
    await screen.findByRole('feed');
    expect(screen.getByTestId('thread')).toHaveClass('confide', 'host-thread');
    expect(screen.getByRole('article')).toHaveClass('host-message');
    expect(screen.getByRole('button', { name: 'Envoyer' })).toBeInTheDocument();
    expect(screen.getByTestId('avatar')).toHaveTextContent('Ben Cho');
    const link = screen.getByRole('link', { name: 'https://example.com/a' });
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    expect(link).toHaveAttribute('target', '_blank');
  });
});
