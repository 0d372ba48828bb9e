import { type ConversationId, memoryStorage } from '@confide/core';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ConfideProvider } from '../../provider/confide-provider.js';
import { axeViolations, clientFor, createMockServer, seedConversation } from '../../test/setup-client.js';
import { ThreadView } from './thread-view.js';

describe('ThreadView reply while another tab changes the same draft', () => {
  it.each([
    ['kana', 'Meeting at', 'Meeting at にほんご'],
    ['pinyin', '', '你好'],
    ['Hangul', 'See you ', 'See you 안녕'],
  ])(
    'keeps what an input method is composing (%s) and, when it ends, makes it the newest copy in both tabs',
    async (_method, before, composed) => {
      const mock = createMockServer();
      const id: ConversationId = await seedConversation(mock, { subject: 'Composing' });
      const storage = memoryStorage();
      const here = await clientFor(mock, 'ben', { storage });
      const other = await clientFor(mock, 'ben', { storage });
      const view = render(
        <ConfideProvider client={here} timeZone="UTC" locale="en-GB">
          <ThreadView conversationId={id} />
        </ConfideProvider>,
      );
      const box = await screen.findByRole('textbox', { name: 'Reply' });
      fireEvent.change(box, { target: { value: before } });

      // The input method starts, shows part of the text, and the other tab's newer copy arrives meanwhile.
      fireEvent.compositionStart(box);
      const partial = composed.slice(0, -1);
      fireEvent.change(box, { target: { value: partial } });
      act(() => other.composer({ conversationId: id }).setBody('Typed in the other tab'));
      await waitFor(() =>
        expect(here.composer({ conversationId: id }).draft().body).toBe('Typed in the other tab'),
      );
      expect(box).toHaveValue(partial);

      fireEvent.change(box, { target: { value: composed } });
      fireEvent.compositionEnd(box);
      expect(box).toHaveValue(composed);
      for (const tab of [here, other])
        await waitFor(() => expect(tab.composer({ conversationId: id }).draft().body).toBe(composed));
      expect(await axeViolations(view.container)).toEqual([]);
    },
  );
});
