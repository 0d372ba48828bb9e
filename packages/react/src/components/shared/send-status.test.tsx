import { localStorageAdapter } from '@confide/core';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import {
  axeViolations,
  clientFor,
  createMockServer,
  renderWith,
  seedConversation,
} from '../../test/setup-client.js';
import { ThreadView } from '../thread-view/thread-view.js';

const NOT_SAVED = /Not saved on this device: it is lost if this page closes before it is sent\./;

/** The page's own localStorage, refusing writes while `full` as a browser does (QuotaExceededError). */
function browserStorage(full: boolean) {
  const write = Storage.prototype.setItem;
  const refusing = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(function (
    this: Storage,
    ...args
  ) {
    if (full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    write.apply(this, args);
  });
  onTestFinished(() => {
    refusing.mockRestore();
    localStorage.clear();
  });
  return {
    adapter: localStorageAdapter(),
    setFull(next: boolean) {
      full = next;
    },
  };
}

async function queueReply(body: string) {
  await userEvent.type(await screen.findByRole('textbox', { name: 'Reply' }), body);
  await userEvent.click(screen.getByRole('button', { name: 'Send' }));
}

describe('SendStatus of a reply the storage cannot save', () => {
  it.each([
    ['storage that fills up while the page is open', false],
    ['Safari in private mode (every write refused)', true],
  ])(
    '%s: says in a polite live region that the reply is lost if the page closes, until the storage takes it',
    async (_storage, fullFromTheStart) => {
      const mock = createMockServer();
      const id = await seedConversation(mock);
      const storage = browserStorage(fullFromTheStart);
      const client = await clientFor(mock, 'ben', { storage: storage.adapter });
      const { container } = renderWith(client, <ThreadView conversationId={id} />);
      storage.setFull(true);
      act(() => client.setOnline(false));
      await queueReply('Written while the storage is full');

      const notice = await screen.findByText(NOT_SAVED);
      expect(notice).toHaveAttribute('role', 'status');
      expect(notice.closest('[data-state="sending"]')).toHaveTextContent('Sending…');
      expect(await axeViolations(container)).toEqual([]);

      // The storage takes the next write: both replies are saved, and the words go.
      storage.setFull(false);
      await queueReply('Written once there was room');
      await waitFor(() => expect(screen.queryByText(NOT_SAVED)).not.toBeInTheDocument());
      expect(container.querySelectorAll('[data-state="sending"][data-saving="saved"]')).toHaveLength(2);
    },
  );
});
