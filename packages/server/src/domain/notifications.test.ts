import { describe, expect, it } from 'vitest';
import { resolveAttachmentSettings } from '../attachments/attachment-settings.js';
import { createTestApp, freshKey } from '../testing/test-app.js';
import { requireMember } from './access.js';
import { listMemberNotifications, markMemberNotificationsRead } from './notifications.js';
import { sendMessage } from './send-message.js';
import { getNotificationSettings, updateNotificationSettings } from './settings.js';

describe('notifications', () => {
  it('lists a member’s notifications newest first with the unread count, without message text', async () => {
    const { store, context, viewer } = await createTestApp();
    const message = await sendMessage(context(), await viewer('client'), 'cnv_daniel_work_permit', {
      body: 'Private reply text',
      idempotencyKey: freshKey(),
    });
    const carla = await viewer('member');
    requireMember(carla);
    const page = await listMemberNotifications(store, carla, {});
    expect(page.items[0]).toMatchObject({
      kind: 'client_replied',
      messageId: message.id,
      contact: { name: 'Daniel Okafor' },
      subject: 'Work permit renewal',
      readAt: null,
    });
    expect(JSON.stringify(page)).not.toContain('Private reply text');
    expect(page.unreadCount).toBeGreaterThan(0);
  });

  it('marks chosen or all notifications read', async () => {
    const { store, context, viewer } = await createTestApp();
    const ana = await viewer('owner');
    requireMember(ana);
    const unread = await listMemberNotifications(store, ana, { unread: true });
    const [first] = unread.items;
    expect(first).toBeDefined();
    const afterOne = await markMemberNotificationsRead(context(), ana, { ids: [first?.id ?? ''] });
    expect(afterOne.unreadCount).toBe(unread.unreadCount - 1);
    expect(await markMemberNotificationsRead(context(), ana, { all: true })).toEqual({ unreadCount: 0 });
  });

  it("ignores another member's notification ids", async () => {
    const { store, context, viewer } = await createTestApp();
    const ana = await viewer('owner');
    const ben = await viewer('admin');
    requireMember(ana);
    requireMember(ben);
    const [bensFirst] = (await listMemberNotifications(store, ben, { unread: true })).items;
    const bensCount = await store.countUnreadNotifications(ben.member.id);
    await markMemberNotificationsRead(context(), ana, { ids: [bensFirst?.id ?? ''] });
    expect(await store.countUnreadNotifications(ben.member.id)).toBe(bensCount);
  });
});

describe('notification settings', () => {
  const files = resolveAttachmentSettings();

  it('reads the firm setting and lets owners and admins change it, with an audit entry', async () => {
    const { store, context, viewer } = await createTestApp();
    expect(await getNotificationSettings(store, await viewer('member'), files)).toEqual({
      clientStartedThread: 'assignees_and_owner',
    });
    await updateNotificationSettings(
      context('req_settings'),
      await viewer('admin'),
      { clientStartedThread: 'all_members' },
      files,
    );
    expect(await getNotificationSettings(store, await viewer('owner'), files)).toEqual({
      clientStartedThread: 'all_members',
    });
    const [entry] = await store.listAudit({ firmId: 'firm_rivera_cho', limit: 1 });
    expect(entry).toMatchObject({
      action: 'settings.updated',
      requestId: 'req_settings',
      targetId: 'firm_rivera_cho',
    });
  });

  it('forbids plain members to change it', async () => {
    const { context, viewer } = await createTestApp();
    await expect(
      updateNotificationSettings(context(), await viewer('member'), { clientStartedThread: 'none' }, files),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });
});
