import { describe, expect, it } from 'vitest';
import { ConfideError } from '../../errors/confide-error.js';
import { createMemoryBackend } from './memory-backend.js';
import { memoryTransport } from './memory-transport.js';

const ben = { kind: 'member', id: 'mem_ben' } as const;
const carla = { kind: 'member', id: 'mem_carla' } as const;
const daniel = { kind: 'client', id: 'con_daniel' } as const;
const elena = { kind: 'client', id: 'con_elena' } as const;

async function startWithDaniel(backend = createMemoryBackend()) {
  const firm = memoryTransport({ backend, as: ben });
  const started = await firm.startConversation({
    contactId: 'con_daniel',
    subject: 'Visa documents',
    body: 'Please upload your passport.',
    idempotencyKey: 'key_start_0001',
  });
  return { backend, firm, conversationId: started.conversation.id };
}

describe('memoryTransport', () => {
  it('returns the same message for the same idempotency key', async () => {
    const { firm, conversationId } = await startWithDaniel();
    const first = await firm.sendMessage(conversationId, { body: 'One', idempotencyKey: 'key_same_0001' });
    const again = await firm.sendMessage(conversationId, { body: 'One', idempotencyKey: 'key_same_0001' });
    const page = await firm.listMessages(conversationId, {});
    expect(again.id).toBe(first.id);
    expect(page.items).toHaveLength(2);
  });

  it('refuses a contact whose portal is not active with portal_inactive', async () => {
    const firm = memoryTransport({ as: ben });
    const attempt = firm.startConversation({
      contactId: 'con_farid',
      subject: 'Hi',
      body: 'Hello',
      idempotencyKey: 'key_farid_01',
    });
    await expect(attempt).rejects.toMatchObject({ code: 'portal_inactive', status: 409 });
  });

  it('never shows internal notes to the client, in messages, previews or counts', async () => {
    const { backend, firm, conversationId } = await startWithDaniel();
    await firm.sendMessage(conversationId, {
      body: 'Internal: check the I-94',
      idempotencyKey: 'key_note_0001',
      internal: true,
    });
    const client = memoryTransport({ backend, as: daniel });
    const messages = await client.listMessages(conversationId, {});
    const list = await client.listConversations({});
    expect(messages.items.map((message) => message.body)).toEqual(['Please upload your passport.']);
    expect(list.items[0]?.lastMessage?.text).toBe('Please upload your passport.');
    expect(list.items[0]?.unreadCount).toBe(1);
  });

  it("hides other clients' conversations as not found", async () => {
    const { backend, conversationId } = await startWithDaniel();
    const other = memoryTransport({ backend, as: elena });
    await expect(other.getConversation(conversationId)).rejects.toMatchObject({ code: 'not_found' });
    expect((await other.listConversations({})).items).toEqual([]);
  });

  it('pages messages backwards from the newest', async () => {
    const { firm, conversationId } = await startWithDaniel();
    for (let index = 1; index <= 4; index += 1) {
      await firm.sendMessage(conversationId, {
        body: `Message ${index}`,
        idempotencyKey: `key_page_000${index}`,
      });
    }
    const newest = await firm.listMessages(conversationId, { limit: 2 });
    const older = await firm.listMessages(conversationId, { limit: 2, before: newest.nextCursor ?? '' });
    expect(newest.items.map((message) => message.body)).toEqual(['Message 3', 'Message 4']);
    expect(older.items.map((message) => message.body)).toEqual(['Message 1', 'Message 2']);
  });

  it('counts unread messages and clears them on markRead', async () => {
    const { backend, conversationId } = await startWithDaniel();
    const client = memoryTransport({ backend, as: daniel });
    const [first] = (await client.listMessages(conversationId, {})).items;
    expect((await client.listConversations({ unread: 'true' })).unreadTotal).toBe(1);
    const result = await client.markRead(conversationId, { upTo: first?.id ?? ('' as never) });
    expect(result).toMatchObject({ unreadCount: 0, unreadTotal: 0 });
    expect((await client.listConversations({ unread: 'true' })).items).toEqual([]);
  });

  it("notifies every member of a client's reply, and the assignees and owner of a new client conversation", async () => {
    const { backend, conversationId } = await startWithDaniel();
    const client = memoryTransport({ backend, as: daniel });
    await client.sendMessage(conversationId, { body: 'Uploaded', idempotencyKey: 'key_reply_001' });
    await client.startConversation({
      subject: 'A new question',
      body: 'Hello',
      idempotencyKey: 'key_client_st1',
    });
    const carlaFeed = await memoryTransport({ backend, as: carla }).listNotifications({});
    const benFeed = await memoryTransport({ backend, as: ben }).listNotifications({});
    expect(carlaFeed.items.map((notification) => notification.kind)).toEqual(['client_replied']);
    expect(benFeed.items.map((notification) => notification.kind)).toEqual([
      'client_started_conversation',
      'client_replied',
    ]);
  });

  it('lets only owners and admins manage templates and settings', async () => {
    const member = memoryTransport({ as: carla });
    await expect(member.createTemplate({ name: 'x', subject: 'y', body: 'z' })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(member.updateNotificationSettings({ clientStartedThread: 'none' })).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect(await member.getNotificationSettings()).toEqual({ clientStartedThread: 'assignees_and_owner' });
  });

  it('answers invalid input with field issues', async () => {
    const { firm, conversationId } = await startWithDaniel();
    const error = await firm
      .sendMessage(conversationId, { body: '   ', idempotencyKey: 'key_blank_001' })
      .catch((caught) => caught);
    expect(ConfideError.is(error)).toBe(true);
    expect(error).toMatchObject({ code: 'invalid_input', issues: [{ path: ['body'] }] });
  });

  it('replays events after Last-Event-ID to a new subscriber', async () => {
    const { backend, conversationId } = await startWithDaniel();
    const seen: string[] = [];
    const stop = backend.as(daniel).subscribe((event) => seen.push(event.type), '0');
    backend.as(ben).sendMessage(conversationId, { body: 'Another', idempotencyKey: 'key_replay_01' });
    stop();
    expect(seen).toEqual(['conversation.created', 'message.created']);
  });

  it('rejects with aborted when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(memoryTransport().getViewer({ signal: controller.signal })).rejects.toMatchObject({
      code: 'aborted',
    });
  });
});
