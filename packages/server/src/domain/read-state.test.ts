import { describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../seed/demo-data.js';
import { createTestApp, freshKey } from '../testing/test-app.js';
import { getConversationSummary, listConversationSummaries } from './conversation-views.js';
import { markConversationRead } from './read-state.js';
import { sendMessage } from './send-message.js';

const CONVERSATION = 'cnv_daniel_work_permit';

describe('markConversationRead', () => {
  it("updates the viewer's unread counts", async () => {
    const { store, context, viewer } = await createTestApp();
    const client = await viewer('client');
    const before = await getConversationSummary(store, client, CONVERSATION);
    expect(before.unreadCount).toBe(1);
    const result = await markConversationRead(context(), client, CONVERSATION, 'msg_daniel_4');
    expect(result).toEqual({ upToMessageId: 'msg_daniel_4', unreadCount: 0, unreadTotal: 0 });
    expect((await getConversationSummary(store, client, CONVERSATION)).unreadCount).toBe(0);
  });

  it("shows members the client's read horizon", async () => {
    const { store, context, viewer } = await createTestApp();
    await markConversationRead(context(), await viewer('client'), CONVERSATION, 'msg_daniel_4');
    const summary = await getConversationSummary(store, await viewer('member'), CONVERSATION);
    expect(summary.clientRead).toMatchObject({ contactId: DEMO_IDS.daniel, upToMessageId: 'msg_daniel_4' });
  });

  it("never shows the client the members' read state", async () => {
    const { store, context, viewer } = await createTestApp();
    await markConversationRead(context(), await viewer('admin'), CONVERSATION, 'msg_daniel_4');
    const summary = await getConversationSummary(store, await viewer('client'), CONVERSATION);
    expect(summary).not.toHaveProperty('clientRead');
    const page = await listConversationSummaries(store, await viewer('client'), {});
    expect(JSON.stringify(page)).not.toMatch(/clientRead|readAt|upToMessageId/);
  });

  it('treats an internal note id as not found for a client', async () => {
    const { context, viewer } = await createTestApp();
    const attempt = markConversationRead(context(), await viewer('client'), CONVERSATION, 'msg_daniel_3');
    await expect(attempt).rejects.toMatchObject({ code: 'not_found' });
  });

  it('never moves a horizon back and audits only real moves', async () => {
    const { store, context, viewer } = await createTestApp();
    const client = await viewer('client');
    await markConversationRead(context(), client, CONVERSATION, 'msg_daniel_4');
    const auditBefore = await store.listAudit({ firmId: DEMO_IDS.riveraCho, limit: 100 });
    const result = await markConversationRead(context(), client, CONVERSATION, 'msg_daniel_2');
    expect(result.upToMessageId).toBe('msg_daniel_4');
    expect(await store.listAudit({ firmId: DEMO_IDS.riveraCho, limit: 100 })).toHaveLength(
      auditBefore.length,
    );
  });

  it("counts neither the viewer's own messages nor, for clients, internal notes as unread", async () => {
    const { store, context, viewer } = await createTestApp();
    const client = await viewer('client');
    await markConversationRead(context(), client, CONVERSATION, 'msg_daniel_4');
    await sendMessage(context(), await viewer('owner'), CONVERSATION, {
      body: 'Note',
      idempotencyKey: freshKey(),
      internal: true,
    });
    await sendMessage(context(), client, CONVERSATION, { body: 'My reply', idempotencyKey: freshKey() });
    expect((await getConversationSummary(store, client, CONVERSATION)).unreadCount).toBe(0);
    const forBen = await getConversationSummary(store, await viewer('admin'), CONVERSATION);
    expect(forBen.unreadCount).toBeGreaterThan(0);
  });
});
