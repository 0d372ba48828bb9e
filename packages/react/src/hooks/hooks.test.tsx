import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { ConfideProvider } from '../provider/confide-provider.js';
import {
  clientFor,
  createMockServer,
  type DemoPerson,
  seedConversation,
  seedMessage,
} from '../test/setup-client.js';
import { useConnection } from './use-connection.js';
import { useConversations } from './use-conversations.js';
import { useNotificationSettings } from './use-notification-settings.js';
import { useTemplates } from './use-templates.js';
import { useThread } from './use-thread.js';
import { useUnreadCount } from './use-unread-count.js';
import { useViewer } from './use-viewer.js';

async function setup(identity: DemoPerson = 'ben') {
  const mock = createMockServer();
  const id = await seedConversation(mock);
  const client = await clientFor(mock, identity);
  const wrapper = ({ children }: { children: ReactNode }) => (
    <ConfideProvider client={client}>{children}</ConfideProvider>
  );
  return { mock, id, client, wrapper };
}

describe('hooks', () => {
  it('useUnreadCount follows unread messages and notifications live', async () => {
    const { mock, id, wrapper } = await setup();
    const messages = renderHook(() => useUnreadCount(), { wrapper });
    const notifications = renderHook(() => useUnreadCount('notifications'), { wrapper });
    // Ben's demo data has unread messages and notifications already; the seeded thread adds none until Daniel replies.
    await waitFor(() => expect(messages.result.current).toBeGreaterThan(0));
    await waitFor(() => expect(notifications.result.current).toBeGreaterThan(0));
    const unreadBefore = messages.result.current;
    const notificationsBefore = notifications.result.current;
    await act(async () => {
      await seedMessage(mock, 'daniel', id, 'Unread reply');
    });
    await waitFor(() => expect(messages.result.current).toBe(unreadBefore + 1));
    await waitFor(() => expect(notifications.result.current).toBe(notificationsBefore + 1));
  });

  it('useThread sends optimistically and useConversations moves the conversation to the top', async () => {
    const { mock, id, wrapper } = await setup();
    const other = await seedConversation(mock, { subject: 'Newer' });
    const thread = renderHook(() => useThread(id), { wrapper });
    const index = renderHook(() => useConversations(), { wrapper });
    await waitFor(() => expect(index.result.current.conversations[0]?.id).toBe(other));
    await waitFor(() => expect(thread.result.current.status).toBe('success'));
    act(() => void thread.result.current.send('From the hook'));
    expect(thread.result.current.messages.at(-1)).toMatchObject({ body: 'From the hook', state: 'sending' });
    await waitFor(() => expect(thread.result.current.messages.at(-1)?.state).toBe('sent'));
    await waitFor(() => expect(index.result.current.conversations[0]?.id).toBe(id));
  });

  it('useViewer, useTemplates and useNotificationSettings read through react-query', async () => {
    const { wrapper } = await setup();
    const viewer = renderHook(() => useViewer(), { wrapper });
    const templates = renderHook(() => useTemplates(), { wrapper });
    const settings = renderHook(() => useNotificationSettings(), { wrapper });
    await waitFor(() => expect(viewer.result.current.isManager).toBe(true));
    await waitFor(() =>
      expect(templates.result.current.templates.map((template) => template.name)).toContain(
        'Document request',
      ),
    );
    await waitFor(() =>
      expect(settings.result.current.settings?.clientStartedThread).toBe('assignees_and_owner'),
    );
    expect(settings.result.current.canUpdate).toBe(true);
  });

  it('useConnection reports the device going offline', async () => {
    const { client, wrapper } = await setup('daniel');
    const connection = renderHook(() => useConnection(), { wrapper });
    expect(connection.result.current.online).toBe(true);
    act(() => client.setOnline(false));
    expect(connection.result.current.online).toBe(false);
  });
});
