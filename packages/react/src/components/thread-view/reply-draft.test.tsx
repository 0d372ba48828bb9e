import type { ConfideClient, ConversationId } from '@confide/core';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ConfideProvider } from '../../provider/confide-provider.js';
import { axeViolations, clientFor, createMockServer, seedConversation } from '../../test/setup-client.js';
import { ThreadView } from './thread-view.js';

function thread(client: ConfideClient, id: ConversationId | null) {
  return (
    <ConfideProvider client={client} timeZone="UTC" locale="en-GB">
      {id ? <ThreadView conversationId={id} /> : <p>Nothing open</p>}
    </ConfideProvider>
  );
}

/** Ways a person leaves a thread with a reply half written and comes back to it. */
const AWAY_AND_BACK: ReadonlyArray<readonly [string, (other: ConversationId) => ConversationId | null]> = [
  ['opens another conversation', (other) => other],
  ['closes the conversation', () => null],
];

describe('ThreadView reply drafts', () => {
  it.each(AWAY_AND_BACK)(
    'keeps a half-written reply when the person %s and comes back',
    async (_label, away) => {
      const mock = createMockServer();
      const first = await seedConversation(mock, { subject: 'First' });
      const second = await seedConversation(mock, { subject: 'Second', contact: 'elena' });
      const client = await clientFor(mock, 'ben');
      const view = render(thread(client, first));
      await userEvent.type(await screen.findByRole('textbox', { name: 'Reply' }), 'Half a thought — نصف');
      act(() => view.rerender(thread(client, away(second))));
      if (away(second)) expect(await screen.findByRole('textbox', { name: 'Reply' })).toHaveValue('');
      act(() => view.rerender(thread(client, first)));
      expect(await screen.findByRole('textbox', { name: 'Reply' })).toHaveValue('Half a thought — نصف');
      expect(await axeViolations(view.container)).toEqual([]);
    },
  );
});
