import type { Notification, Template } from '@confide/protocol';
import { describe, expect, it, vi } from 'vitest';
import {
  clientFor,
  createMockServer,
  type MockServer,
  seedConversation,
  seedMessage,
  transportFor,
} from '../test/mock-clients.js';
import { stateOf, until, untilState } from '../test/until.js';
import type { ConfideClient } from './create-confide-client.js';

/** Daniel replies `count` times in a new conversation (Carla and Ben are notified); resolves with its id. */
async function replies(mock: MockServer, count: number) {
  const id = await seedConversation(mock);
  for (let index = 0; index < count; index += 1) await seedMessage(mock, 'daniel', id, `Reply ${index}`);
  return id;
}

async function unreadNotifications(mock: MockServer) {
  return (await transportFor(mock, 'carla').listNotifications({})).unreadCount;
}

describe('notifications', () => {
  it('pages the feed and counts unread notifications', async () => {
    const mock = createMockServer();
    const before = await unreadNotifications(mock);
    await replies(mock, 35);
    const client = await clientFor(mock, 'carla');
    const first = await until(client.notifications, (state) => state.status === 'success');
    expect(first).toMatchObject({ unreadCount: before + 35, hasMore: true });
    expect(first.notifications).toHaveLength(30);
    await client.notifications.loadMore();
    expect(stateOf(client.notifications).notifications.length).toBeGreaterThanOrEqual(35);
  });

  it('marks one read, opens one (marks it read and selects its conversation), then marks all read', async () => {
    const mock = createMockServer();
    const id = await replies(mock, 3);
    const client = await clientFor(mock, 'carla');
    const loaded = await until(client.notifications, (state) => state.status === 'success');
    await client.notifications.markRead([loaded.notifications[0]!.id]);
    expect(stateOf(client.notifications).unreadCount).toBe(loaded.unreadCount - 1);
    expect(stateOf(client.notifications).notifications[0]?.readAt).not.toBeNull();
    await expect(client.notifications.open(loaded.notifications[1]!)).resolves.toBe(id);
    expect(stateOf(client.conversations).selectedConversationId).toBe(id);
    expect(stateOf(client.notifications).unreadCount).toBe(loaded.unreadCount - 2);
    await client.notifications.markAllRead();
    const state = stateOf(client.notifications);
    expect(state.unreadCount).toBe(0);
    expect(state.notifications.every((notification) => notification.readAt !== null)).toBe(true);
  });

  it('adds live notifications to the feed and hands them to the host for a toast', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock);
    const client = await clientFor(mock, 'carla');
    const before = await until(client.notifications, (state) => state.status === 'success');
    const toasts: Notification[] = [];
    const stop = client.notifications.onNotification((notification) => toasts.push(notification));
    await seedMessage(mock, 'daniel', id, 'Live');
    const state = await until(
      client.notifications,
      (snapshot) => snapshot.unreadCount === before.unreadCount + 1,
    );
    expect(state.notifications[0]).toMatchObject({ kind: 'client_replied', conversationId: id });
    expect(toasts.map((toast) => toast.conversationId)).toEqual([id]);
    stop();
  });
});

describe('notifications for a client', () => {
  it('are an empty feed, without asking the server', async () => {
    const client = await clientFor(createMockServer(), 'daniel');
    const listNotifications = vi.spyOn(client.transport, 'listNotifications');
    const state = await until(client.notifications, (snapshot) => snapshot.status === 'success');
    expect(state).toMatchObject({ notifications: [], unreadCount: 0, error: null });
    expect(listNotifications).not.toHaveBeenCalled();
  });
});

describe('settings', () => {
  it('lets members read and owners or admins change the setting for client-started threads', async () => {
    const mock = createMockServer();
    const carla = await clientFor(mock, 'carla');
    const ben = await clientFor(mock, 'ben');
    expect(await carla.settings.getNotificationSettings()).toEqual({
      clientStartedThread: 'assignees_and_owner',
    });
    expect(await carla.settings.canUpdate()).toBe(false);
    await expect(
      carla.settings.updateNotificationSettings({ clientStartedThread: 'none' }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect(await ben.settings.canUpdate()).toBe(true);
    await ben.settings.updateNotificationSettings({ clientStartedThread: 'all_members' });
    expect(await ben.settings.getNotificationSettings()).toEqual({ clientStartedThread: 'all_members' });
  });
});

describe('templates', () => {
  const names = async (templates: Promise<readonly Template[]>) => (await templates).map(({ name }) => name);

  it('lists and searches templates, and refuses changes from a plain member', async () => {
    const client = await clientFor(createMockServer(), 'carla');
    expect(await names(client.templates.list())).toEqual([
      'Appointment reminder',
      'Case status update',
      'Document request',
    ]);
    expect(await names(client.templates.list('document'))).toEqual(['Document request']);
    expect(await client.templates.canManage()).toBe(false);
    await expect(client.templates.create({ name: 'x', subject: 'y', body: 'z' })).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  it('lets an admin create, update and delete templates and refreshes the lists', async () => {
    const client = await clientFor(createMockServer(), 'ben');
    expect(await client.templates.canManage()).toBe(true);
    const created = await client.templates.create({
      name: 'Welcome',
      subject: 'Welcome',
      body: 'Hello {{client.firstName}}',
    });
    expect(await names(client.templates.list())).toContain('Welcome');
    await client.templates.update(created.id, { name: 'Welcome letter' });
    expect(await names(client.templates.list('welcome'))).toEqual(['Welcome letter']);
    await client.templates.delete(created.id);
    expect(await names(client.templates.list('welcome'))).toEqual([]);
  });
});

describe('notifications in several tabs', () => {
  it.each([
    ['mark all read', (client: ConfideClient) => client.notifications.markAllRead()],
    [
      'mark one read',
      (client: ConfideClient) =>
        client.notifications.markRead([stateOf(client.notifications).notifications[0]!.id]),
    ],
  ])(
    'keeps a second tab on the server\'s count after %s there and a new notification (the "57, then 58, server 1" case)',
    async (_name, read) => {
      const mock = createMockServer();
      await replies(mock, 3);
      const firstTab = await clientFor(mock, 'carla');
      const secondTab = await clientFor(mock, 'carla');
      for (const tab of [firstTab, secondTab]) {
        await until(tab.notifications, (state) => state.status === 'success');
        await untilState(tab.stores.connection, (state) => state.status === 'open');
      }
      await read(firstTab);
      const afterRead = await unreadNotifications(mock);
      await until(secondTab.notifications, (state) => state.unreadCount === afterRead);
      const id = await seedConversation(mock);
      await seedMessage(mock, 'daniel', id, 'After the read');
      const server = await unreadNotifications(mock);
      expect(server).toBe(afterRead + 1);
      await until(secondTab.notifications, (state) => state.unreadCount === server);
      await until(firstTab.notifications, (state) => state.unreadCount === server);
    },
  );
});
