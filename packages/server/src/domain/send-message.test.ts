import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors/api-error.js';
import { DEMO_IDS } from '../seed/demo-data.js';
import { createTestApp, freshKey } from '../testing/test-app.js';
import { sendMessage } from './send-message.js';

const CONVERSATION = 'cnv_daniel_work_permit';

describe('sendMessage', () => {
  it('queues exactly one e-mail to the client for a firm message, without its text', async () => {
    const { store, context, viewer } = await createTestApp();
    await sendMessage(context(), await viewer('member'), CONVERSATION, {
      body: 'Secret strategy details',
      idempotencyKey: freshKey(),
    });
    const mails = await store.listMail({ limit: 10 });
    expect(mails).toHaveLength(1);
    expect(mails[0]?.to).toBe('daniel.okafor@client.test');
    expect(`${mails[0]?.subject}${mails[0]?.text}${mails[0]?.html}`).not.toMatch(
      /Secret|strategy|Work permit/,
    );
  });

  it('notifies every member of the firm in-app when the client replies, and mails no one', async () => {
    const { store, context, viewer } = await createTestApp();
    const before = await Promise.all(
      [DEMO_IDS.ana, DEMO_IDS.ben, DEMO_IDS.carla].map((id) => store.countUnreadNotifications(id)),
    );
    const message = await sendMessage(context(), await viewer('client'), CONVERSATION, {
      body: 'Here it is',
      idempotencyKey: freshKey(),
    });
    for (const [index, memberId] of [DEMO_IDS.ana, DEMO_IDS.ben, DEMO_IDS.carla].entries()) {
      expect(await store.countUnreadNotifications(memberId)).toBe((before[index] ?? 0) + 1);
      const [latest] = await store.listNotifications({ memberId, limit: 1 });
      expect(latest).toMatchObject({
        kind: 'client_replied',
        messageId: message.id,
        conversationId: CONVERSATION,
      });
    }
    expect(await store.countUnreadNotifications(DEMO_IDS.grace)).toBe(0);
    expect(await store.listMail({ limit: 10 })).toEqual([]);
  });

  it('keeps an internal note inside the firm: no e-mail, no notification, no client activity', async () => {
    const { store, context, viewer } = await createTestApp();
    const conversationBefore = await store.getConversation(CONVERSATION);
    const note = await sendMessage(context(), await viewer('owner'), CONVERSATION, {
      body: 'Note to self',
      idempotencyKey: freshKey(),
      internal: true,
    });
    expect(note.internal).toBe(true);
    expect(await store.listMail({ limit: 10 })).toEqual([]);
    const conversation = await store.getConversation(CONVERSATION);
    expect(conversation?.lastMessageId).toBe(note.id);
    expect(conversation?.clientLastMessageId).toBe(conversationBefore?.clientLastMessageId);
    expect(conversation?.clientLastActivityAt).toBe(conversationBefore?.clientLastActivityAt);
    const [entry] = await store.listAudit({ firmId: DEMO_IDS.riveraCho, limit: 1 });
    expect(entry).toMatchObject({ action: 'note.added', targetId: note.id });
  });

  it('forbids clients to write internal notes', async () => {
    const { context, viewer } = await createTestApp();
    const attempt = sendMessage(context(), await viewer('client'), CONVERSATION, {
      body: 'x',
      idempotencyKey: freshKey(),
      internal: true,
    });
    await expect(attempt).rejects.toMatchObject({ code: 'forbidden' });
  });

  it("answers not_found for another client's or another firm's conversation", async () => {
    const { context, viewer } = await createTestApp();
    const asOtherClient = sendMessage(context(), await viewer('otherClient'), CONVERSATION, {
      body: 'x',
      idempotencyKey: freshKey(),
    });
    await expect(asOtherClient).rejects.toMatchObject({ code: 'not_found' });
    const asOtherFirm = sendMessage(context(), await viewer('otherFirmMember'), CONVERSATION, {
      body: 'x',
      idempotencyKey: freshKey(),
    });
    await expect(asOtherFirm).rejects.toSatisfy((error) => ApiError.is(error) && error.code === 'not_found');
  });

  it('returns the original message for the same key and sends nothing twice', async () => {
    const { store, context, viewer } = await createTestApp();
    const request = { body: 'Once only', idempotencyKey: freshKey() };
    const first = await sendMessage(context(), await viewer('admin'), CONVERSATION, request);
    const again = await sendMessage(context(), await viewer('admin'), CONVERSATION, {
      ...request,
      body: 'Changed',
    });
    expect(again).toEqual(first);
    expect(await store.listMail({ limit: 10 })).toHaveLength(1);
  });

  it('keeps one message, one mail when two identical sends race', async () => {
    const { store, context, viewer } = await createTestApp();
    const request = { body: 'Racing', idempotencyKey: freshKey() };
    const admin = await viewer('admin');
    const [first, second] = await Promise.all([
      sendMessage(context(), admin, CONVERSATION, request),
      sendMessage(context(), admin, CONVERSATION, request),
    ]);
    expect(second.id).toBe(first.id);
    const messages = await store.listMessages({ conversationId: CONVERSATION, audience: 'firm', limit: 100 });
    expect(messages.filter((message) => message.idempotencyKey === request.idempotencyKey)).toHaveLength(1);
    expect(await store.listMail({ limit: 10 })).toHaveLength(1);
  });

  it('refuses a key already used in another conversation', async () => {
    const { context, viewer } = await createTestApp();
    const key = freshKey();
    await sendMessage(context(), await viewer('owner'), CONVERSATION, { body: 'First', idempotencyKey: key });
    const reuse = sendMessage(context(), await viewer('owner'), 'cnv_elena_residence', {
      body: 'Second',
      idempotencyKey: key,
    });
    await expect(reuse).rejects.toMatchObject({ code: 'conflict' });
  });
});
