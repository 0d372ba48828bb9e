import type { ConfideClient, ConversationId } from '@confide/core';
import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ConfideProvider } from '../../provider/confide-provider.js';
import { axeViolations, clientFor, createMockServer, seedConversation } from '../../test/setup-client.js';
import { ThreadView } from './thread-view.js';

interface Shown {
  readonly autoFocus: boolean;
  readonly showReplyBox: boolean;
  readonly focusRequest: number | undefined;
}

function page(client: ConfideClient, id: ConversationId, shown: Shown) {
  return (
    <ConfideProvider client={client} timeZone="UTC" locale="en-GB">
      <button type="button">Notifications</button>
      <ThreadView
        conversationId={id}
        autoFocus={shown.autoFocus}
        showReplyBox={shown.showReplyBox}
        {...(shown.focusRequest === undefined ? {} : { focusRequest: shown.focusRequest })}
      />
    </ConfideProvider>
  );
}

const where = (showReplyBox: boolean) =>
  showReplyBox ? () => screen.getByRole('textbox', { name: 'Reply' }) : () => screen.getByRole('feed');

describe('ThreadView opened again while shown', () => {
  it.each([
    // autoFocus, reply box, first request, then requests the host makes: focus lands in the thread each time
    [false, true, 0],
    [false, true, undefined],
    [true, true, undefined],
    [true, true, 5],
    [false, false, 0],
  ] as const)(
    'with autoFocus %s and reply box %s (first focusRequest %s), each raised request moves focus into the thread and nothing else does',
    async (autoFocus, showReplyBox, first) => {
      const mock = createMockServer();
      const id = await seedConversation(mock, { replies: 3 });
      const client = await clientFor(mock, 'ben');
      const shown = { autoFocus, showReplyBox, focusRequest: first };
      const view = render(page(client, id, shown));
      const target = where(showReplyBox);
      const bell = screen.getByRole('button', { name: 'Notifications' });
      await screen.findByRole('feed');
      if (autoFocus) expect(target()).toHaveFocus();
      else expect(document.body).toHaveFocus();

      // The person goes to the bell; a re-render with the same request leaves them there.
      act(() => bell.focus());
      act(() => view.rerender(page(client, id, shown)));
      expect(bell).toHaveFocus();

      // They open the conversation that is already shown, twice: focus comes into the thread each time.
      const base = first ?? 0;
      for (const request of [base + 1, base + 2]) {
        act(() => bell.focus());
        act(() => view.rerender(page(client, id, { ...shown, focusRequest: request })));
        expect(target()).toHaveFocus();
      }
      expect(await axeViolations(view.container)).toEqual([]);
    },
  );
});
