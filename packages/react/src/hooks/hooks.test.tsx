import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfideProvider } from '../provider/confide-provider.js';
import {
  BEN,
  clientFor,
  createMemoryBackend,
  DANIEL,
  disposeClients,
  seedConversation,
} from '../test/setup-client.js';
import { useConnection } from './use-connection.js';
import { useConversations } from './use-conversations.js';
import { useNotificationSettings } from './use-notification-settings.js';
import { useTemplates } from './use-templates.js';
import { useThread } from './use-thread.js';
import { useUnreadCount } from './use-unread-count.js';
import { useViewer } from './use-viewer.js';

afterEach(disposeClients);

async function setup(identity = BEN) {
  const backend = createMemoryBackend();
  const id = seedConversation(backend);
  const client = await clientFor(backend, identity);
  const wrapper = ({ children }: { children: ReactNode }) => (
    <ConfideProvider client={client}>{children}</ConfideProvider>
  );
  return { backend, id, client, wrapper };
}

describe('hooks', () => {
  it('useUnreadCount follows unread messages and notifications live', async () => {
    const { backend, id, wrapper } = await setup();
    const messages = renderHook(() => useUnreadCount(), { wrapper });
    const notifications = renderHook(() => useUnreadCount('notifications'), { wrapper });
    await waitFor(() => expect(messages.result.current).toBe(0));
    await act(async () => {
      backend.as(DANIEL).sendMessage(id, { body: 'Unread reply', idempotencyKey: 'hook_key_1' });
    });
    await waitFor(() => expect(messages.result.current).toBe(1));
    await waitFor(() => expect(notifications.result.current).toBe(1));
  });

  it('useThread sends optimistically and useConversations moves the conversation to the top', async () => {
    const { backend, id, wrapper } = await setup();
    const other = seedConversation(backend, { subject: 'Newer' });
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
    const { client, wrapper } = await setup(DANIEL);
    const connection = renderHook(() => useConnection(), { wrapper });
    expect(connection.result.current.online).toBe(true);
    act(() => client.setOnline(false));
    expect(connection.result.current.online).toBe(false);
  });
});
