import { type ConversationId, httpTransport } from '@confide/core';
import { act, renderHook, waitFor } from '@testing-library/react';
import { type ReactNode, StrictMode } from 'react';
import { describe, expect, it } from 'vitest';
import { ConfideProvider } from '../provider/confide-provider.js';
import { createMockServer, type MockServer, seedConversation, transportFor } from '../test/setup-client.js';
import { useComposer } from './use-composer.js';
import { useConnection } from './use-connection.js';
import { useConversations } from './use-conversations.js';
import { useNotificationSettings } from './use-notification-settings.js';
import { useNotifications } from './use-notifications.js';
import { useTemplates } from './use-templates.js';
import { useThread } from './use-thread.js';
import { useUnreadCount } from './use-unread-count.js';
import { useViewer } from './use-viewer.js';

/** Ben's transport on `mock` that counts the event streams open through it. */
function countingTransport(mock: MockServer) {
  const counts = { openStreams: 0 };
  const { baseUrl, fetch, getToken } = mock.as('ben');
  const counted: typeof globalThis.fetch = (input, init) => {
    if (String(input instanceof Request ? input.url : input).endsWith('/v1/events')) {
      counts.openStreams += 1;
      init?.signal?.addEventListener('abort', () => {
        counts.openStreams -= 1;
      });
    }
    return fetch(input, init);
  };
  return { transport: httpTransport({ baseUrl, getToken, fetch: counted }), counts };
}

/** Every message body Ben sees in the conversations he can list on `mock`. */
async function everyBody(mock: MockServer) {
  const ben = transportFor(mock, 'ben');
  const conversations = (await ben.listConversations({})).items;
  const pages = await Promise.all(conversations.map((conversation) => ben.listMessages(conversation.id, {})));
  return pages.flatMap((page) => page.items.map((message) => message.body));
}

interface HookRow {
  name: string;
  use: (id: ConversationId) => unknown;
  /** Whether the hook's result shows its data loaded. */
  loaded: (result: never) => boolean;
  /** An action through the hook, and how to see on the server (or in the result) that it took effect. */
  act?: (result: never, mock: MockServer) => Promise<unknown>;
  done?: (mock: MockServer, result: never) => Promise<void> | void;
}

const rows: HookRow[] = [
  {
    name: 'useViewer',
    use: () => useViewer(),
    loaded: (result: ReturnType<typeof useViewer>) => result.viewer?.name === 'Ben Cho',
  },
  {
    name: 'useConnection',
    use: () => useConnection(),
    loaded: (result: ReturnType<typeof useConnection>) => result.status === 'open',
  },
  {
    name: 'useConversations',
    use: () => useConversations(),
    loaded: (result: ReturnType<typeof useConversations>) =>
      result.conversations.some((conversation) => conversation.subject === 'Visa documents'),
    act: async (result: ReturnType<typeof useConversations>) => result.setFilters({ query: 'Visa' }),
    done: (_mock, result: ReturnType<typeof useConversations>) =>
      expect(result.conversations.map((conversation) => conversation.subject)).toEqual(['Visa documents']),
  },
  {
    name: 'useThread',
    use: (id) => useThread(id),
    loaded: (result: ReturnType<typeof useThread>) =>
      result.messages.some((message) => message.body === 'Hello Daniel'),
    act: (result: ReturnType<typeof useThread>) => result.send('Sent with useThread'),
    done: async (mock) => expect(await everyBody(mock)).toContain('Sent with useThread'),
  },
  {
    name: 'useComposer (reply)',
    use: (id) => useComposer({ conversationId: id }),
    loaded: () => true,
    act: (result: ReturnType<typeof useComposer>) => {
      result.setBody('Sent with useComposer');
      return result.send();
    },
    done: async (mock) => expect(await everyBody(mock)).toContain('Sent with useComposer'),
  },
  {
    name: 'useComposer (new conversation)',
    use: () => useComposer(),
    loaded: (result: ReturnType<typeof useComposer>) => result.recipients !== null,
  },
  {
    name: 'useTemplates',
    use: () => useTemplates(),
    loaded: (result: ReturnType<typeof useTemplates>) =>
      result.templates.some((template) => template.name === 'Document request'),
  },
  {
    name: 'useNotifications',
    use: () => useNotifications(),
    loaded: (result: ReturnType<typeof useNotifications>) => result.notifications.length > 0,
    act: (result: ReturnType<typeof useNotifications>) => result.markAllRead(),
    done: async (mock) => {
      const feed = await transportFor(mock, 'ben').listNotifications({});
      expect(feed.unreadCount).toBe(0);
    },
  },
  {
    name: 'useNotificationSettings',
    use: () => useNotificationSettings(),
    loaded: (result: ReturnType<typeof useNotificationSettings>) =>
      result.status === 'success' && result.canUpdate,
    act: (result: ReturnType<typeof useNotificationSettings>) => result.update('all_members'),
    done: async (mock) =>
      expect((await transportFor(mock, 'ben').getNotificationSettings()).clientStartedThread).toBe(
        'all_members',
      ),
  },
  {
    name: "useUnreadCount('messages')",
    use: () => useUnreadCount(),
    loaded: (result: number) => result > 0,
  },
  {
    name: "useUnreadCount('notifications')",
    use: () => useUnreadCount('notifications'),
    loaded: (result: number) => result > 0,
  },
];

// The components' StrictMode rows (confide-provider-lifecycle.test.tsx) check loading and streams; these check each
// hook on its own, its action included (a mutation, a send, a filter, marking read), for custom UIs built on hooks.
describe('every public hook under StrictMode', () => {
  it.each(rows)('$name loads, acts, and leaves no event stream after unmount', async (row) => {
    const mock = createMockServer();
    const id = await seedConversation(mock);
    const { transport, counts } = countingTransport(mock);
    const wrapper = ({ children }: { children: ReactNode }) => (
      <StrictMode>
        <ConfideProvider transport={transport}>{children}</ConfideProvider>
      </StrictMode>
    );
    const hook = renderHook(() => row.use(id), { wrapper });
    await waitFor(() => expect(row.loaded(hook.result.current as never)).toBe(true));
    await waitFor(() => expect(counts.openStreams).toBe(1));
    if (row.act) await act(() => row.act?.(hook.result.current as never, mock));
    if (row.done) await waitFor(() => row.done?.(mock, hook.result.current as never));
    hook.unmount();
    await waitFor(() => expect(counts.openStreams).toBe(0));
  });
});
