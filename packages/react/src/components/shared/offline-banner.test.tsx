import { act, fireEvent, screen } from '@testing-library/react';
import { type ReactNode, useState } from 'react';
import { describe, expect, it } from 'vitest';
import {
  axeViolations,
  clientFor,
  createMockServer,
  renderWith,
  seedConversation,
} from '../../test/setup-client.js';
import { ComposeSecureMessage } from '../compose-secure-message/compose-secure-message.js';
import { MessageIndex } from '../message-index/message-index.js';
import { ThreadView } from '../thread-view/thread-view.js';

const OFFLINE = /You are offline/;

/** The page parts a host may compose, each in a landmark named after it so the test can tell where the banner is. */
function page(parts: readonly string[], conversationId: string): ReactNode {
  const part = (name: string): ReactNode => {
    if (name === 'index') return <MessageIndex />;
    if (name === 'thread') return <ThreadView conversationId={conversationId as never} />;
    return <ComposeSecureMessage />;
  };
  return parts.map((name) =>
    name.startsWith('dialog:') ? (
      // A dialog opened over the page (as the firm's "New secure message"), holding one part.
      <div key={name} role="dialog" aria-label={name}>
        {part(name.slice('dialog:'.length))}
      </div>
    ) : (
      <section key={name} aria-label={name}>
        {part(name)}
      </section>
    ),
  );
}

/** The index and the thread, with a button that takes the index off the page. */
function Switchable({ conversationId }: { readonly conversationId: string }) {
  const [withIndex, setWithIndex] = useState(true);
  return (
    <>
      <button type="button" onClick={() => setWithIndex(false)}>
        Hide the index
      </button>
      {page(withIndex ? ['index', 'thread'] : ['thread'], conversationId)}
    </>
  );
}

describe('OfflineBanner', () => {
  it.each([
    { parts: ['index'], speaks: ['index'] },
    { parts: ['thread'], speaks: ['thread'] },
    { parts: ['index', 'thread'], speaks: ['index'] },
    { parts: ['thread', 'index'], speaks: ['thread'] },
    { parts: ['thread', 'compose'], speaks: ['thread'] },
    { parts: ['index', 'thread', 'compose'], speaks: ['index'] },
    // A dialog is read on its own (a modal one makes the page inert): it says "offline" inside it too.
    { parts: ['index', 'dialog:compose'], speaks: ['index', 'dialog:compose'] },
    { parts: ['index', 'thread', 'dialog:compose'], speaks: ['index', 'dialog:compose'] },
  ])(
    'says "offline" once for a page of $parts, and once in each dialog ($speaks)',
    async ({ parts, speaks }) => {
      const mock = createMockServer();
      const id = await seedConversation(mock);
      const client = await clientFor(mock, 'ben');
      const { container } = renderWith(client, page(parts, id));
      act(() => client.setOnline(false));
      const banners = screen
        .getAllByRole('status')
        .filter((status) => OFFLINE.test(status.textContent ?? ''));
      expect(banners.map((banner) => banner.closest('section, [role="dialog"]'))).toEqual(
        speaks.map((name) => screen.getByRole(name.startsWith('dialog:') ? 'dialog' : 'region', { name })),
      );
      expect(await axeViolations(container)).toEqual([]);
      act(() => client.setOnline(true));
      expect(screen.queryByText(OFFLINE)).not.toBeInTheDocument();
    },
  );

  it('moves to the next part when the one that spoke leaves the page', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock);
    const client = await clientFor(mock, 'ben');
    renderWith(client, <Switchable conversationId={id} />);
    act(() => client.setOnline(false));
    expect(screen.getByText(OFFLINE).closest('section')).toHaveAccessibleName('index');
    fireEvent.click(screen.getByRole('button', { name: 'Hide the index' }));
    expect(screen.getAllByText(OFFLINE)).toHaveLength(1);
    expect(screen.getByText(OFFLINE).closest('section')).toHaveAccessibleName('thread');
  });
});
