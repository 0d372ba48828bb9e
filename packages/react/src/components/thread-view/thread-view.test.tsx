import type { ConversationId, Transport } from '@confide/core';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AvatarProps, MessageBodyProps } from '../../provider/components.js';
import {
  axeViolations,
  clientFor,
  clientKeptAcrossSignIn,
  createMockServer,
  DEMO_IDS,
  flakyTransport,
  renderWith,
  seedConversation,
  seedMessage,
  transportFor,
} from '../../test/setup-client.js';
import { ThreadView } from './thread-view.js';

const WORK_PERMIT = 'cnv_daniel_work_permit' as ConversationId;

function TestAvatar({ author }: AvatarProps) {
  return <span data-testid="avatar">{author.name}</span>;
}

function ShoutingBody({ message }: MessageBodyProps) {
  return <p data-testid="body">{message.body.toUpperCase()}</p>;
}

describe('ThreadView', () => {
  it('shows a loading skeleton, then the whole chain with authors and no axe violations', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock, { replies: 2 });
    const client = await clientFor(mock, 'ben');
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
    const mock = createMockServer();
    const id = await seedConversation(mock);
    const client = await clientFor(mock, 'ben');
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
    const mock = createMockServer();
    const id = await seedConversation(mock, { replies: 2 });
    const client = await clientFor(mock, 'ben');
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
    const mock = createMockServer();
    const id = await seedConversation(mock);
    const { transport, failing } = flakyTransport(mock, 'ben');
    const client = await clientFor(mock, 'ben', { transport });
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

  it('says why a reply to a client whose portal is not active was not sent', async () => {
    const mock = createMockServer({ inactivePortals: [DEMO_IDS.daniel] });
    const client = await clientFor(mock, 'ben');
    const { container } = renderWith(client, <ThreadView conversationId={WORK_PERMIT} />);
    await userEvent.type(await screen.findByRole('textbox', { name: 'Reply' }), 'Here is the letter');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Not sent. This client does not have an active portal.');
    expect(screen.getByText('Here is the letter').closest('[role="article"]')).toHaveAttribute(
      'data-state',
      'failed',
    );
    expect(await axeViolations(container)).toEqual([]);
  });

  it('says why a reply written before someone else signed in on the device was not sent', async () => {
    const mock = createMockServer();
    const { client, signIn } = await clientKeptAcrossSignIn(mock, 'ben');
    const { container } = renderWith(client, <ThreadView conversationId={WORK_PERMIT} />);
    act(() => client.setOnline(false));
    await userEvent.type(await screen.findByRole('textbox', { name: 'Reply' }), 'Written by Ben');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    signIn('carla');
    act(() => client.setOnline(true));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'Not sent. Someone else signed in on this device after it was written, so it was not sent under their name.',
    );
    expect(await axeViolations(container)).toEqual([]);
  });

  it('drops a failed send on discard', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock);
    const { transport } = flakyTransport(mock, 'ben');
    const client = await clientFor(mock, 'ben', { transport });
    renderWith(client, <ThreadView conversationId={id} />);
    await userEvent.type(await screen.findByRole('textbox', { name: 'Reply' }), 'Draft to drop');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Discard' }));
    await waitFor(() => expect(screen.queryByText('Draft to drop')).not.toBeInTheDocument());
  });

  it('shows internal notes with a lock to members and lets them write one', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock);
    const client = await clientFor(mock, 'ben');
    renderWith(client, <ThreadView conversationId={id} />);
    const box = await screen.findByRole('textbox', { name: 'Reply' });
    await userEvent.click(screen.getByRole('checkbox', { name: /Internal note/ }));
    await userEvent.type(box, 'Check the visa expiry{Control>}{Enter}{/Control}');
    const note = screen.getByText('Check the visa expiry').closest('[role="article"]');
    expect(note).toHaveAttribute('data-internal');
    expect(within(note as HTMLElement).getByText('Internal note')).toBeInTheDocument();
  });

  it('never shows internal notes, the note toggle or "Seen" to the client', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock);
    await seedMessage(mock, 'ben', id, 'Firm only', { internal: true });
    const portal = await clientFor(mock, 'daniel');
    renderWith(portal, <ThreadView conversationId={id} />);
    const feed = await screen.findByRole('feed');
    expect(within(feed).getAllByRole('article')).toHaveLength(1);
    expect(screen.queryByText('Firm only')).not.toBeInTheDocument();
    expect(screen.queryByRole('checkbox', { name: /Internal note/ })).not.toBeInTheDocument();
    expect(screen.queryByText('Seen')).not.toBeInTheDocument();
  });

  it('shows "Seen" to members once the client has read their message', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock);
    const [first] = (await transportFor(mock, 'daniel').listMessages(id, {})).items;
    await transportFor(mock, 'daniel').markRead(id, { upTo: first!.id });
    const client = await clientFor(mock, 'ben');
    renderWith(client, <ThreadView conversationId={id} />);
    expect(await screen.findByText('Seen')).toBeInTheDocument();
  });

  it('separates days and shows times in the viewer time zone', async () => {
    const mock = createMockServer();
    // Two messages 30 h 30 min apart: 2 March 09:00 and 3 March 15:30 (UTC).
    const id = (await mock.addLongThread({
      messages: 2,
      spacingMinutes: 30 * 60 + 30,
      now: new Date('2026-03-03T15:30:00Z'),
    })) as ConversationId;
    const client = await clientFor(mock, 'ben');
    renderWith(client, <ThreadView conversationId={id} />);
    expect(await screen.findByText('Monday, 2 March 2026')).toBeInTheDocument();
    expect(screen.getByText('Tuesday, 3 March 2026')).toBeInTheDocument();
    expect(screen.getByText('15:30')).toBeInTheDocument();
  });

  it('announces a message that arrives live', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock);
    const client = await clientFor(mock, 'ben');
    renderWith(client, <ThreadView conversationId={id} />);
    await screen.findByRole('feed');
    await act(async () => {
      await seedMessage(mock, 'daniel', id, 'Live reply');
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
    const mock = createMockServer();
    const id = await seedConversation(mock, { replies: 40 });
    const client = await clientFor(mock, 'ben');
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
    const mock = createMockServer();
    const client = await clientFor(mock, 'ben');
    const { container } = renderWith(client, <ThreadView conversationId={'cnv_missing' as never} />);
    expect(await screen.findByText(/^This is no longer available/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
    expect(await axeViolations(container)).toEqual([]);
    act(() => client.setOnline(false));
    expect(screen.getByText(/You are offline/)).toBeInTheDocument();
  });

  it('renders message text through a replaced MessageBody', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock, { body: 'quiet words' });
    const client = await clientFor(mock, 'ben');
    renderWith(client, <ThreadView conversationId={id} components={{ MessageBody: ShoutingBody }} />);
    expect(await screen.findByTestId('body')).toHaveTextContent('QUIET WORDS');
  });

  it('shows the empty state for a thread without messages', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock);
    const base = transportFor(mock, 'ben');
    const transport: Transport = { ...base, listMessages: async () => ({ items: [], nextCursor: null }) };
    const client = await clientFor(mock, 'ben', { transport });
    const { container } = renderWith(client, <ThreadView conversationId={id} />);
    expect(await screen.findByText('No messages yet.')).toBeInTheDocument();
    expect(await axeViolations(container)).toEqual([]);
  });

  it('replaces strings, slots and class names', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock, { body: 'Hello https://example.com/a.' });
    const client = await clientFor(mock, 'ben');
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
