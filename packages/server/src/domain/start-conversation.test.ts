import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors/api-error.js';
import { DEMO_IDS } from '../seed/demo-data.js';
import { createTestApp, freshKey } from '../testing/test-app.js';
import { startConversation } from './start-conversation.js';

const input = (overrides: Record<string, unknown> = {}) => ({
  subject: 'Your appointment',
  body: 'Please bring your passport.',
  idempotencyKey: freshKey(),
  ...overrides,
});

async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (ApiError.is(error)) return error.code;
    throw error;
  }
  return 'none';
}

describe('startConversation', () => {
  it('starts a conversation with an active contact of the firm and mails the client without content', async () => {
    const { store, context, viewer } = await createTestApp();
    const started = await startConversation(
      context(),
      await viewer('member'),
      input({ contactId: DEMO_IDS.elena }),
    );
    expect(started.conversation).toMatchObject({
      subject: 'Your appointment',
      contact: { id: DEMO_IDS.elena },
      clientRead: null,
    });
    const mails = await store.listMail({ limit: 10 });
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to: 'elena.petrova@client.test', kind: 'client_message_waiting' });
    const mailText = `${mails[0]?.subject} ${mails[0]?.text} ${mails[0]?.html}`;
    expect(mailText).not.toContain('Your appointment');
    expect(mailText).not.toContain('passport');
    expect(mailText).toContain('https://portal.example.test/messages');
  });

  it('refuses a contact whose portal is not active with portal_inactive', async () => {
    const { store, context, viewer } = await createTestApp();
    const code = await errorCode(
      startConversation(context(), await viewer('owner'), input({ contactId: DEMO_IDS.farid })),
    );
    expect(code).toBe('portal_inactive');
    expect(await store.listMail({ limit: 10 })).toEqual([]);
  });

  it("answers not_found for another firm's contact", async () => {
    const { context, viewer } = await createTestApp();
    expect(
      await errorCode(
        startConversation(context(), await viewer('owner'), input({ contactId: DEMO_IDS.hiro })),
      ),
    ).toBe('not_found');
  });

  it('requires members to name a contact and forbids clients to', async () => {
    const { context, viewer } = await createTestApp();
    expect(await errorCode(startConversation(context(), await viewer('owner'), input()))).toBe(
      'invalid_input',
    );
    const asClient = startConversation(
      context(),
      await viewer('client'),
      input({ contactId: DEMO_IDS.daniel }),
    );
    expect(await errorCode(asClient)).toBe('forbidden');
  });

  it('notifies the assignees and the owner, in-app and by e-mail, when a client starts a conversation', async () => {
    const { store, context, viewer } = await createTestApp();
    const started = await startConversation(context(), await viewer('otherClient'), input());
    expect(started.conversation.startedBy).toMatchObject({ kind: 'client', id: DEMO_IDS.elena });
    for (const memberId of [DEMO_IDS.ana, DEMO_IDS.ben, DEMO_IDS.carla]) {
      const [latest] = await store.listNotifications({ memberId, limit: 1 });
      expect(latest).toMatchObject({
        kind: 'client_started_conversation',
        conversationId: started.conversation.id,
      });
    }
    const mails = await store.listMail({ limit: 10 });
    expect(mails.map((mail) => mail.to).sort()).toEqual(
      ['ana.rivera@rivera-cho.test', 'ben.cho@rivera-cho.test', 'carla.diaz@rivera-cho.test'].sort(),
    );
    for (const mail of mails) {
      expect(`${mail.subject} ${mail.text} ${mail.html}`).not.toMatch(/appointment|passport/i);
    }
  });

  it('follows the firm setting: assignees only', async () => {
    const { store, context, viewer, clock } = await createTestApp();
    await store.putNotificationSettings({
      firmId: DEMO_IDS.riveraCho,
      clientStartedThread: 'assignees',
      updatedAt: clock.now().toISOString(),
    });
    const anaBefore = await store.countUnreadNotifications(DEMO_IDS.ana);
    const benBefore = await store.countUnreadNotifications(DEMO_IDS.ben);
    await startConversation(context(), await viewer('client'), input());
    const mails = await store.listMail({ limit: 10 });
    expect(mails.map((mail) => mail.to)).toEqual(['ben.cho@rivera-cho.test']);
    expect(await store.countUnreadNotifications(DEMO_IDS.ana)).toBe(anaBefore);
    expect(await store.countUnreadNotifications(DEMO_IDS.ben)).toBe(benBefore + 1);
  });

  it('notifies no one when the firm chose none', async () => {
    const { store, context, viewer, clock } = await createTestApp();
    await store.putNotificationSettings({
      firmId: DEMO_IDS.riveraCho,
      clientStartedThread: 'none',
      updatedAt: clock.now().toISOString(),
    });
    const before = await store.countUnreadNotifications(DEMO_IDS.ben);
    await startConversation(context(), await viewer('client'), input());
    expect(await store.listMail({ limit: 10 })).toEqual([]);
    expect(await store.countUnreadNotifications(DEMO_IDS.ben)).toBe(before);
  });

  it('returns the original conversation for a repeated idempotency key, with no second mail', async () => {
    const { store, context, viewer } = await createTestApp();
    const request = input({ contactId: DEMO_IDS.daniel });
    const first = await startConversation(context(), await viewer('admin'), request);
    const again = await startConversation(context(), await viewer('admin'), request);
    expect(again.conversation.id).toBe(first.conversation.id);
    expect(again.message.id).toBe(first.message.id);
    expect(await store.listMail({ limit: 10 })).toHaveLength(1);
  });

  it('keeps one conversation when two identical starts race', async () => {
    const { store, context, viewer } = await createTestApp();
    const request = input();
    const client = await viewer('client');
    const [first, second] = await Promise.all([
      startConversation(context(), client, request),
      startConversation(context(), client, request),
    ]);
    expect(second.conversation.id).toBe(first.conversation.id);
    const list = await store.listConversations({
      firmId: DEMO_IDS.riveraCho,
      audience: 'client',
      reader: { kind: 'client', id: DEMO_IDS.daniel },
      contactId: DEMO_IDS.daniel,
      limit: 10,
    });
    expect(list).toHaveLength(2);
  });

  it('records the start in the audit log with the request id', async () => {
    const { store, context, viewer } = await createTestApp();
    const started = await startConversation(
      context('req_audit_1'),
      await viewer('owner'),
      input({ contactId: DEMO_IDS.daniel }),
    );
    const [entry] = await store.listAudit({ firmId: DEMO_IDS.riveraCho, limit: 1 });
    expect(entry).toMatchObject({
      action: 'conversation.started',
      targetId: started.conversation.id,
      requestId: 'req_audit_1',
      actor: { kind: 'member', id: DEMO_IDS.ana },
    });
  });
});
