import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import {
  axeViolations,
  BEN,
  clientFor,
  createMemoryBackend,
  disposeClients,
  renderWith,
  seedConversation,
} from '../../test/setup-client.js';
import { ThreadView } from './thread-view.js';

afterEach(disposeClients);

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
    expect(within(articles[1] as HTMLElement).getByText('Daniel Okafor')).toBeInTheDocument();
    expect(await axeViolations(container)).toEqual([]);
  });

  it('sends a reply with Ctrl+Enter and shows it at once', async () => {
    const backend = createMemoryBackend();
    const id = seedConversation(backend);
    const client = await clientFor(backend, BEN);
    renderWith(client, <ThreadView conversationId={id} />);
    const box = await screen.findByRole('textbox', { name: 'Reply' });
    await userEvent.type(box, 'See you on Monday{Control>}{Enter}{/Control}');
    const feed = screen.getByRole('feed');
    await waitFor(() => expect(within(feed).getByText('See you on Monday')).toBeInTheDocument());
    expect(box).toHaveValue('');
  });
});
