import { expect, it } from 'vitest';
import type { Store } from './store.js';
import {
  at,
  createWorld,
  firmMessages,
  newMessage,
  storeWithWorld,
  uniqueId,
} from './store-contract-fixtures.js';

/** Contract cases for conversations, messages, idempotency and read state. */
export function conversationContractCases(getStore: () => Store): void {
  it('starts a conversation with empty activity', async () => {
    const { conversation } = await createWorld(getStore());
    expect(conversation.lastActivitySeq).toBe(0);
    expect(conversation.clientLastActivitySeq).toBe(0);
    expect(conversation.lastMessageId).toBeNull();
    expect(conversation.lastActivityAt).toBe(at(1));
    expect(await getStore().getConversation(conversation.id)).toEqual(conversation);
  });

  it('assigns increasing seqs and moves both activities for a client-visible message', async () => {
    const { store, world } = await storeWithWorld(getStore);
    const first = await store.insertMessage(
      newMessage(world.conversation, world.ownerRef, { createdAt: at(2) }),
    );
    const second = await store.insertMessage(
      newMessage(world.conversation, world.clientRef, { createdAt: at(3) }),
    );
    expect(first.created && second.created).toBe(true);
    expect(second.message.seq).toBeGreaterThan(first.message.seq);
    const conversation = await store.getConversation(world.conversation.id);
    expect(conversation).toMatchObject({
      lastMessageId: second.message.id,
      lastActivitySeq: second.message.seq,
      lastActivityAt: at(3),
      clientLastMessageId: second.message.id,
      clientLastActivitySeq: second.message.seq,
      clientLastActivityAt: at(3),
    });
  });

  it('moves only the firm activity for an internal note', async () => {
    const { store, world } = await storeWithWorld(getStore);
    const visible = await store.insertMessage(
      newMessage(world.conversation, world.ownerRef, { createdAt: at(2) }),
    );
    const note = await store.insertMessage(
      newMessage(world.conversation, world.memberRef, { internal: true, createdAt: at(5) }),
    );
    const conversation = await store.getConversation(world.conversation.id);
    expect(conversation).toMatchObject({
      lastMessageId: note.message.id,
      lastActivityAt: at(5),
      clientLastMessageId: visible.message.id,
      clientLastActivitySeq: visible.message.seq,
      clientLastActivityAt: at(2),
    });
  });

  it('returns the existing message for a repeated idempotency key of the same author', async () => {
    const { store, world } = await storeWithWorld(getStore);
    const original = newMessage(world.conversation, world.ownerRef);
    const first = await store.insertMessage(original);
    const again = await store.insertMessage({ ...original, id: uniqueId('msg'), body: 'Different' });
    expect(again).toEqual({ created: false, message: first.message, lastEventSeq: 0, attachments: [] });
    expect(await store.findMessageByIdempotencyKey(world.ownerRef, original.idempotencyKey)).toEqual(
      first.message,
    );
    expect(await firmMessages(store, world.conversation)).toHaveLength(1);
  });

  it('treats the same idempotency key of another author as a new message', async () => {
    const { store, world } = await storeWithWorld(getStore);
    const key = uniqueId('key');
    const first = await store.insertMessage(
      newMessage(world.conversation, world.ownerRef, { idempotencyKey: key }),
    );
    const second = await store.insertMessage(
      newMessage(world.conversation, world.memberRef, { idempotencyKey: key }),
    );
    expect(second.created).toBe(true);
    expect(second.message.id).not.toBe(first.message.id);
  });

  it('keeps one row when two transactions insert the same idempotency key at once', async () => {
    const { store, world } = await storeWithWorld(getStore);
    const key = uniqueId('key');
    const send = () =>
      store.transaction(async (tx) =>
        tx.insertMessage(newMessage(world.conversation, world.clientRef, { idempotencyKey: key })),
      );
    const results = await Promise.all([send(), send()]);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(results[0]?.message.id).toBe(results[1]?.message.id);
    expect(await firmMessages(store, world.conversation)).toHaveLength(1);
  });

  it('lists messages newest first, pages with beforeSeq and hides internal notes from clients', async () => {
    const { store, world } = await storeWithWorld(getStore);
    const one = await store.insertMessage(newMessage(world.conversation, world.ownerRef));
    const note = await store.insertMessage(
      newMessage(world.conversation, world.ownerRef, { internal: true }),
    );
    const three = await store.insertMessage(newMessage(world.conversation, world.clientRef));
    const base = { conversationId: world.conversation.id, limit: 10 };
    const firm = await store.listMessages({ ...base, audience: 'firm' });
    expect(firm.map((message) => message.id)).toEqual([three.message.id, note.message.id, one.message.id]);
    const client = await store.listMessages({ ...base, audience: 'client' });
    expect(client.map((message) => message.id)).toEqual([three.message.id, one.message.id]);
    const older = await store.listMessages({
      ...base,
      audience: 'firm',
      limit: 1,
      beforeSeq: note.message.seq,
    });
    expect(older.map((message) => message.id)).toEqual([one.message.id]);
    expect(await store.getMessage(note.message.id)).toEqual(note.message);
    expect(await store.getMessage(uniqueId('msg'))).toBeNull();
  });

  it('lists conversations by audience activity with previews, filters and cursor pages', async () => {
    const { store, world } = await storeWithWorld(getStore);
    const later = await store.insertConversation({
      id: uniqueId('cnv'),
      firmId: world.firmId,
      contactId: world.contact.id,
      subject: 'Passport copy',
      matterId: 'matter-7',
      matterLabel: 'Asylum case',
      startedBy: world.clientRef,
      createdAt: at(2),
    });
    await store.insertMessage(newMessage(later, world.clientRef));
    const visible = await store.insertMessage(newMessage(world.conversation, world.ownerRef));
    const note = await store.insertMessage(
      newMessage(world.conversation, world.ownerRef, { internal: true }),
    );
    const scope = { firmId: world.firmId, limit: 10 } as const;
    const firm = await store.listConversations({ ...scope, audience: 'firm', reader: world.memberRef });
    expect(firm.map((item) => item.conversation.id)).toEqual([world.conversation.id, later.id]);
    expect(firm[0]?.lastMessage?.id).toBe(note.message.id);
    const client = await store.listConversations({
      ...scope,
      audience: 'client',
      reader: world.clientRef,
      contactId: world.contact.id,
    });
    expect(client.map((item) => item.conversation.id)).toEqual([world.conversation.id, later.id]);
    expect(client[0]?.lastMessage?.id).toBe(visible.message.id);
    const firstPage = await store.listConversations({
      ...scope,
      limit: 1,
      audience: 'firm',
      reader: world.memberRef,
    });
    const cursor = firstPage[0]?.conversation.lastActivitySeq;
    const secondPage = await store.listConversations({
      ...scope,
      audience: 'firm',
      reader: world.memberRef,
      beforeActivitySeq: cursor,
    });
    expect(secondPage.map((item) => item.conversation.id)).toEqual([later.id]);
    const bySubject = await store.listConversations({
      ...scope,
      audience: 'firm',
      reader: world.memberRef,
      query: 'PASSPORT',
    });
    expect(bySubject.map((item) => item.conversation.id)).toEqual([later.id]);
    const byName = await store.listConversations({
      ...scope,
      audience: 'firm',
      reader: world.memberRef,
      query: 'cleo client',
    });
    expect(byName).toHaveLength(2);
    const byMatter = await store.listConversations({
      ...scope,
      audience: 'firm',
      reader: world.memberRef,
      matterId: 'matter-7',
    });
    expect(byMatter.map((item) => item.conversation.id)).toEqual([later.id]);
    const otherFirm = await store.listConversations({
      ...scope,
      firmId: uniqueId('firm'),
      audience: 'firm',
      reader: world.memberRef,
    });
    expect(otherFirm).toEqual([]);
  });

  it.each([
    ['Café visa', 'CAFE\u0301', 'an accent typed as a combining mark'],
    ['Cafe\u0301 visa', 'café', 'an accent stored as a combining mark'],
    ['Nguyễn residence', 'nguyê\u0303n', 'two marks on one letter, one typed separately'],
    ['한국 비자', '\u1112\u1161\u11ab\u1100\u116e\u11a8', 'Hangul typed as jamo'],
    ['Passport renewal', 'ｐａｓｓｐｏｒｔ', 'full-width Latin from an input method'],
    ['ﻣﺮﺣﺒﺎ documents', 'مرحبا', 'Arabic presentation forms copied from a PDF'],
    ['\ufb2aלום file', '\u05e9\u05c1לום', 'a Hebrew presentation form'],
    ['50% off_fees', '50% off_', 'LIKE wildcards, taken literally'],
  ])(
    'finds the subject %j when %j is searched (%s), in subject, matter and contact search',
    async (stored, typed) => {
      const { store, world } = await storeWithWorld(getStore);
      const contact = {
        ...world.contact,
        id: uniqueId('ctc'),
        email: `${uniqueId('c')}@client.test`,
        firstName: stored,
      };
      expect(await store.insertContact(contact)).toBe(true);
      const conversation = await store.insertConversation({
        id: uniqueId('cnv'),
        firmId: world.firmId,
        contactId: contact.id,
        subject: stored,
        matterId: 'matter-fold',
        matterLabel: stored,
        startedBy: world.ownerRef,
        createdAt: at(2),
      });
      await store.insertMessage(newMessage(conversation, world.ownerRef));
      const search = (query: string) =>
        store.listConversations({
          firmId: world.firmId,
          limit: 10,
          audience: 'firm',
          reader: world.memberRef,
          query,
        });
      expect((await search(typed)).map((item) => item.conversation.id)).toEqual([conversation.id]);
      expect((await store.listContacts(world.firmId, typed)).map((row) => row.id)).toEqual([contact.id]);
      expect(await search(`${typed}zz`)).toEqual([]);
    },
  );

  it('counts unread messages after the horizon, excluding own messages and, for clients, internal notes', async () => {
    const { store, world } = await storeWithWorld(getStore);
    const first = await store.insertMessage(newMessage(world.conversation, world.ownerRef));
    await store.insertMessage(newMessage(world.conversation, world.ownerRef, { internal: true }));
    await store.insertMessage(newMessage(world.conversation, world.clientRef));
    const id = world.conversation.id;
    expect(await store.countUnread(id, { audience: 'client', reader: world.clientRef })).toBe(1);
    expect(await store.countUnread(id, { audience: 'firm', reader: world.memberRef })).toBe(3);
    expect(await store.countUnread(id, { audience: 'firm', reader: world.ownerRef })).toBe(1);
    await store.advanceReadState({
      conversationId: id,
      reader: world.clientRef,
      upToMessageId: first.message.id,
      upToSeq: first.message.seq,
      readAt: at(9),
    });
    expect(await store.countUnread(id, { audience: 'client', reader: world.clientRef })).toBe(0);
    const total = await store.countUnreadTotal({
      firmId: world.firmId,
      audience: 'firm',
      reader: world.memberRef,
    });
    expect(total).toBe(3);
    const unreadOnly = await store.listConversations({
      firmId: world.firmId,
      limit: 10,
      audience: 'client',
      reader: world.clientRef,
      contactId: world.contact.id,
      unreadOnly: true,
    });
    expect(unreadOnly).toEqual([]);
  });

  it('moves read horizons only forward', async () => {
    const { store, world } = await storeWithWorld(getStore);
    const first = await store.insertMessage(newMessage(world.conversation, world.ownerRef));
    const second = await store.insertMessage(newMessage(world.conversation, world.ownerRef));
    const base = { conversationId: world.conversation.id, reader: world.clientRef };
    expect(await store.getReadState(world.conversation.id, world.clientRef)).toBeNull();
    const ahead = { ...base, upToMessageId: second.message.id, upToSeq: second.message.seq, readAt: at(10) };
    expect(await store.advanceReadState(ahead)).toEqual(ahead);
    const behind = { ...base, upToMessageId: first.message.id, upToSeq: first.message.seq, readAt: at(11) };
    expect(await store.advanceReadState(behind)).toEqual(ahead);
    expect(await store.getReadState(world.conversation.id, world.clientRef)).toEqual(ahead);
    expect(await store.listReadStates(world.conversation.id)).toEqual([ahead]);
  });

  it('rolls back everything a failing transaction wrote', async () => {
    const { store, world } = await storeWithWorld(getStore);
    const message = newMessage(world.conversation, world.ownerRef);
    const failing = store.transaction(async (tx) => {
      await tx.insertMessage(message);
      await tx.appendEvents([
        {
          type: 'message.created',
          payload: {},
          audience: { firmId: world.firmId, allMembers: true, memberIds: [], contactId: null },
          createdAt: at(2),
        },
      ]);
      throw new Error('boom');
    });
    await expect(failing).rejects.toThrow('boom');
    expect(await store.getMessage(message.id)).toBeNull();
    expect((await store.getConversation(world.conversation.id))?.lastMessageId).toBeNull();
    expect(
      await store.listEventsSince(0, { firmId: world.firmId, viewer: world.ownerRef, limit: 10 }),
    ).toEqual([]);
    const committed = await store.transaction(async (tx) => tx.insertMessage(message));
    expect(committed.created).toBe(true);
  });
}
