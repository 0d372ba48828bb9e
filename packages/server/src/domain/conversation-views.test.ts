import { describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../seed/demo-data.js';
import { createTestApp, freshKey } from '../testing/test-app.js';
import { getConversationSummary, listConversationSummaries } from './conversation-views.js';
import { listConversationMessages } from './message-views.js';
import { sendMessage } from './send-message.js';
import { startConversation } from './start-conversation.js';

describe('listConversationSummaries', () => {
  it('lists newest activity first with previews and unread counts for members', async () => {
    const { store, viewer } = await createTestApp();
    const page = await listConversationSummaries(store, await viewer('admin'), {});
    expect(page.items.map((item) => item.id)).toEqual(['cnv_elena_residence', 'cnv_daniel_work_permit']);
    expect(page.items[0]).toMatchObject({
      lastMessage: { id: 'msg_elena_3', internal: false },
      unreadCount: 3,
    });
    expect(page.items[1]).toMatchObject({
      clientRead: { contactId: DEMO_IDS.daniel, upToMessageId: 'msg_daniel_1' },
    });
    expect(page.unreadTotal).toBe(4);
    expect(page.nextCursor).toBeNull();
  });

  it('pages with a cursor without repeating or skipping', async () => {
    const { store, context, viewer } = await createTestApp();
    const member = await viewer('member');
    for (let index = 0; index < 3; index += 1) {
      await startConversation(context(), member, {
        contactId: DEMO_IDS.daniel,
        subject: `Topic ${index}`,
        body: 'Hello',
        idempotencyKey: freshKey(),
      });
    }
    const first = await listConversationSummaries(store, member, { limit: 2 });
    expect(first.items.map((item) => item.subject)).toEqual(['Topic 2', 'Topic 1']);
    const second = await listConversationSummaries(store, member, {
      limit: 2,
      cursor: first.nextCursor ?? undefined,
    });
    expect(second.items.map((item) => item.subject)).toEqual(['Topic 0', 'Question about my residence card']);
    const third = await listConversationSummaries(store, member, {
      limit: 2,
      cursor: second.nextCursor ?? undefined,
    });
    expect(third.items.map((item) => item.subject)).toEqual(['Work permit renewal']);
    expect(third.nextCursor).toBeNull();
  });

  it('filters by unread, search query and matter', async () => {
    const { store, viewer } = await createTestApp();
    const admin = await viewer('admin');
    expect(
      (await listConversationSummaries(store, admin, { query: 'okafor' })).items.map((item) => item.id),
    ).toEqual(['cnv_daniel_work_permit']);
    expect((await listConversationSummaries(store, admin, { matterId: 'matter-2041' })).items).toHaveLength(
      1,
    );
    const client = await viewer('client');
    expect((await listConversationSummaries(store, client, { unread: true })).items).toHaveLength(1);
  });

  it('orders a client index by client-visible activity only', async () => {
    const { store, context, viewer } = await createTestApp();
    await sendMessage(context(), await viewer('owner'), 'cnv_daniel_work_permit', {
      body: 'Note',
      idempotencyKey: freshKey(),
      internal: true,
    });
    const summary = await getConversationSummary(store, await viewer('client'), 'cnv_daniel_work_permit');
    expect(summary.lastMessage?.id).toBe('msg_daniel_4');
    expect(summary.lastActivityAt).toBe((await store.getMessage('msg_daniel_4'))?.createdAt);
  });
});

describe('listConversationMessages', () => {
  it('returns the newest page oldest first and pages towards older messages', async () => {
    const { store, viewer } = await createTestApp();
    const member = await viewer('member');
    const newest = await listConversationMessages(store, member, 'cnv_daniel_work_permit', { limit: 2 });
    expect(newest.items.map((message) => message.id)).toEqual(['msg_daniel_3', 'msg_daniel_4']);
    const older = await listConversationMessages(store, member, 'cnv_daniel_work_permit', {
      limit: 2,
      before: newest.nextCursor ?? undefined,
    });
    expect(older.items.map((message) => message.id)).toEqual(['msg_daniel_1', 'msg_daniel_2']);
    expect(older.nextCursor).toBeNull();
  });

  it('leaves internal notes out of a client page', async () => {
    const { store, viewer } = await createTestApp();
    const page = await listConversationMessages(store, await viewer('client'), 'cnv_daniel_work_permit', {});
    expect(page.items.map((message) => message.id)).toEqual(['msg_daniel_1', 'msg_daniel_2', 'msg_daniel_4']);
  });
});
