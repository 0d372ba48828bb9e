import {
  type ConfideClient,
  type ConversationId,
  localStorageAdapter,
  memoryStorage,
  type StorageAdapter,
} from '@confide/core';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
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

const DRAFT_NOT_SAVED = 'Your draft is not saved on this device: it is lost if this page closes or reloads.';
const SEND_NOT_SAVED = 'Not saved on this device: it is lost if this page closes before it is sent.';

/** A device's storage (localStorage's way: a write throws) that refuses writes while full, shared by its tabs. */
function fillableStorage(full: boolean) {
  const values = new Map<string, string>();
  const area = {
    getItem: (key: string) => values.get(key) ?? null,
    setItem(key: string, value: string) {
      if (full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      values.set(key, value);
    },
    removeItem: (key: string) => void values.delete(key),
  };
  const adapter: StorageAdapter = { ...localStorageAdapter(area), sharing: memoryStorage().sharing };
  return {
    adapter,
    free() {
      full = false;
    },
  };
}

/** Whether a screen reader hears changes to `element`'s text: the nearest live region around it decides. */
function isLive(element: Element): boolean {
  for (let node: Element | null = element; node; node = node.parentElement) {
    const live = node.getAttribute('aria-live');
    if (live) return live !== 'off';
    if (['status', 'alert', 'log'].includes(node.getAttribute('role') ?? '')) return true;
  }
  return false;
}

/** The elements whose own text says that something is not saved. */
function notSavedNotices(): HTMLElement[] {
  return [DRAFT_NOT_SAVED, SEND_NOT_SAVED].flatMap((text) => screen.queryAllByText(text));
}

/** Where a person writes: the compose form (a new conversation) or a thread's reply box. */
const PARTS = [
  {
    part: 'the compose form',
    box: 'Message',
    render: () => <ComposeSecureMessage />,
    draftOf: (client: ConfideClient) => client.composer(),
  },
  {
    part: 'the reply box',
    box: 'Reply',
    render: (id: ConversationId) => <ThreadView conversationId={id} />,
    draftOf: (client: ConfideClient, id: ConversationId) => client.composer({ conversationId: id }),
  },
] as const;

describe('NotSavedNotice under a draft', () => {
  it.each(PARTS)(
    '$part, storage that refuses writes (QuotaExceededError): says once, politely, that the draft is lost on a reload',
    async ({ box, render }) => {
      const mock = createMockServer();
      const id = await seedConversation(mock);
      const storage = fillableStorage(true);
      const client = await clientFor(mock, 'ben', { storage: storage.adapter });
      const { container } = renderWith(client, render(id));
      const field = await screen.findByRole('textbox', { name: box });
      // Nothing written yet, nothing to lose: the composer stays quiet.
      expect(notSavedNotices()).toEqual([]);

      await userEvent.type(field, 'كتبت هذا');
      const notice = await screen.findByText(DRAFT_NOT_SAVED);
      expect(notice).toHaveAttribute('role', 'status');
      expect(field).toHaveAccessibleDescription(expect.stringContaining(DRAFT_NOT_SAVED));
      expect(field.closest('form')).toHaveAttribute('data-saving', 'failed');
      expect(await axeViolations(container)).toEqual([]);

      // Typing on changes nothing in the live region, so nothing is said again on each keystroke.
      const changes: MutationRecord[] = [];
      const observer = new MutationObserver((records) => changes.push(...records));
      observer.observe(notice, { childList: true, characterData: true, subtree: true });
      await userEvent.type(field, ' 👩🏽‍⚖️ more\u200b');
      // Each keystroke's write is refused a turn later.
      await new Promise((resolve) => setTimeout(resolve, 20));
      observer.disconnect();
      expect(changes).toEqual([]);
      expect(notSavedNotices()).toEqual([notice]);
    },
  );

  it.each(PARTS)(
    '$part, storage that refuses, then takes writes again: the words go once a later save succeeds',
    async ({ box, render }) => {
      const mock = createMockServer();
      const id = await seedConversation(mock);
      const storage = fillableStorage(true);
      const client = await clientFor(mock, 'ben', { storage: storage.adapter });
      renderWith(client, render(id));
      const field = await screen.findByRole('textbox', { name: box });
      await userEvent.type(field, 'Written while the storage is full');
      const notice = await screen.findByText(DRAFT_NOT_SAVED);

      storage.free();
      await userEvent.type(field, ', and once there was room');
      await waitFor(() => expect(screen.queryByText(DRAFT_NOT_SAVED)).not.toBeInTheDocument());
      expect(notice).toBeEmptyDOMElement();
      expect(field.closest('form')).toHaveAttribute('data-saving', 'saved');
      expect(field).not.toHaveAccessibleDescription(expect.stringContaining(DRAFT_NOT_SAVED));
    },
  );

  it.each(PARTS)(
    '$part, a second tab writing the same draft while the storage is full: says it here too, and stops once saved',
    async ({ box, render, draftOf }) => {
      const mock = createMockServer();
      const id = await seedConversation(mock);
      const storage = fillableStorage(true);
      const client = await clientFor(mock, 'ben', { storage: storage.adapter });
      const otherTab = await clientFor(mock, 'ben', { storage: storage.adapter });
      const { container } = renderWith(client, render(id));
      const field = await screen.findByRole('textbox', { name: box });

      act(() => draftOf(otherTab, id).setBody('Typed in the other tab, שלום'));
      await waitFor(() => expect(field).toHaveValue('Typed in the other tab, שלום'));
      expect(await screen.findByText(DRAFT_NOT_SAVED)).toHaveAttribute('role', 'status');
      expect(notSavedNotices()).toHaveLength(1);
      expect(await axeViolations(container)).toEqual([]);

      storage.free();
      act(() => draftOf(otherTab, id).setBody('Typed in the other tab, שלום, saved'));
      await waitFor(() => expect(field).toHaveValue('Typed in the other tab, שלום, saved'));
      await waitFor(() => expect(screen.queryByText(DRAFT_NOT_SAVED)).not.toBeInTheDocument());
    },
  );
});

/** Elena queues a reply in conversation `id` while offline (its send waits; the test never awaits it). */
function queueReply(client: ConfideClient, id: ConversationId, body: string) {
  act(() => {
    const composer = client.composer({ conversationId: id });
    composer.setBody(body);
    composer.send().catch(() => {});
  });
}

/** Elena queues a new conversation while offline: the index shows it pending. */
function queueConversation(client: ConfideClient, subject: string) {
  act(() => {
    const composer = client.composer({ draftId: 'queued' });
    composer.setSubject(subject);
    composer.setBody('Queued while offline');
    composer.send().catch(() => {});
  });
}

describe('NotSavedNotice, several on one page', () => {
  it.each([
    {
      page: 'a thread with two queued replies',
      render: (id: ConversationId) => <ThreadView conversationId={id} />,
      queue: (client: ConfideClient, id: ConversationId) => {
        queueReply(client, id, 'First reply, queued');
        queueReply(client, id, 'Second reply, queued');
      },
      box: 'Reply',
      draft: '',
      shown: 2,
      spoken: 1,
    },
    {
      page: 'a thread with two queued replies and a draft in its reply box',
      render: (id: ConversationId) => <ThreadView conversationId={id} />,
      queue: (client: ConfideClient, id: ConversationId) => {
        queueReply(client, id, 'First reply, queued');
        queueReply(client, id, 'Second reply, queued');
      },
      box: 'Reply',
      draft: 'Still writing, 下書き',
      shown: 3,
      spoken: 1,
    },
    {
      page: 'the index with a queued conversation, a thread with a queued reply, and a draft',
      render: (id: ConversationId) => (
        <>
          <MessageIndex />
          <ThreadView conversationId={id} />
        </>
      ),
      queue: (client: ConfideClient, id: ConversationId) => {
        queueConversation(client, 'Queued conversation');
        queueReply(client, id, 'Queued reply');
      },
      box: 'Reply',
      draft: 'Still writing, 下書き',
      shown: 3,
      spoken: 1,
    },
    {
      page: 'the index with two queued conversations and a draft in the compose form',
      render: () => (
        <>
          <ComposeSecureMessage />
          <MessageIndex />
        </>
      ),
      queue: (client: ConfideClient) => {
        queueConversation(client, 'First queued conversation');
        queueConversation(client, 'Second queued conversation');
      },
      box: 'Message',
      draft: 'Still writing, 下書き',
      shown: 3,
      spoken: 1,
    },
    {
      // A dialog is read on its own (a modal one makes the page inert): the form in it speaks there.
      page: 'a thread with a queued reply, and a draft in the compose form of a dialog',
      render: (id: ConversationId) => (
        <>
          <ThreadView conversationId={id} />
          <div role="dialog" aria-label="New conversation">
            <ComposeSecureMessage />
          </div>
        </>
      ),
      queue: (client: ConfideClient, id: ConversationId) => queueReply(client, id, 'Queued reply'),
      box: 'Message',
      draft: 'Still writing, 下書き',
      shown: 2,
      spoken: 2,
    },
  ])(
    '$page: shows each, and says it $spoken time(s), not once per notice',
    async ({ render, queue, box, draft, shown, spoken }) => {
      const mock = createMockServer();
      const id = await seedConversation(mock, { contact: 'elena', subject: 'Permit' });
      const storage = fillableStorage(true);
      const client = await clientFor(mock, 'elena', { storage: storage.adapter });
      const { container } = renderWith(client, render(id));
      const field = await screen.findByRole('textbox', { name: box });
      act(() => client.setOnline(false));
      queue(client, id);
      if (draft) await userEvent.type(field, draft);

      await waitFor(() => expect(notSavedNotices()).toHaveLength(shown));
      for (const notice of notSavedNotices()) expect(notice).toBeVisible();
      expect(notSavedNotices().filter(isLive)).toHaveLength(spoken);
      expect(await axeViolations(container)).toEqual([]);
    },
  );
});
