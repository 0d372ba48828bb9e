import { expect, it } from 'vitest';
import type { EventAudience, NewEvent } from './rows.js';
import type { Store } from './store.js';
import { at, createWorld, newMessage, storeWithWorld, uniqueId } from './store-contract-fixtures.js';

/** Contract cases for the one-statement reads and writes of the data path: viewer, send with effects, events. */
export function dataPathContractCases(getStore: () => Store): void {
  it('loads a viewer with the firm and its members, and only within that firm', async () => {
    const { store, world } = await storeWithWorld(getStore);
    const firm = await store.getFirm(world.firmId);
    const members = [world.member, world.owner];
    expect(await store.loadViewer(world.firmId, world.ownerRef)).toEqual({
      kind: 'member',
      firm,
      member: world.owner,
      members,
    });
    expect(await store.loadViewer(world.firmId, world.clientRef)).toEqual({
      kind: 'client',
      firm,
      contact: world.contact,
      members,
    });
    const other = await createWorld(store);
    const refused = [
      [other.firmId, world.ownerRef],
      [other.firmId, world.clientRef],
      [world.firmId, { kind: 'client', id: world.owner.id }],
      [world.firmId, { kind: 'member', id: world.contact.id }],
      [uniqueId('firm'), world.ownerRef],
      [world.firmId, { kind: 'member', id: uniqueId('mem') }],
    ] as const;
    for (const [firmId, party] of refused) expect(await store.loadViewer(firmId, party)).toBeNull();
  });

  it('reads a conversation with its contact and assignees in one call', async () => {
    const { store, world } = await storeWithWorld(getStore);
    expect(await store.getConversationWithContact(world.conversation.id)).toEqual({
      conversation: world.conversation,
      contact: world.contact,
    });
    expect(await store.getConversationWithContact(uniqueId('cnv'))).toBeNull();
  });

  it.each(['invited', 'inactive'] as const)(
    'gives back a contact whose portal is %s with that status wherever sends read it',
    async (portalStatus) => {
      const { store, world } = await storeWithWorld(getStore);
      const contact = {
        ...world.contact,
        id: uniqueId('con'),
        email: `${uniqueId('c')}@client.test`,
        portalStatus,
      };
      await store.insertContact(contact);
      const conversation = await store.insertConversation({
        id: uniqueId('cnv'),
        firmId: world.firmId,
        contactId: contact.id,
        subject: 'Portal status',
        matterId: null,
        matterLabel: null,
        startedBy: world.ownerRef,
        createdAt: at(1),
      });
      expect(await store.getContact(contact.id)).toEqual(contact);
      expect(await store.getConversationWithContact(conversation.id)).toEqual({ conversation, contact });
      expect(await store.loadViewer(world.firmId, { kind: 'client', id: contact.id })).toMatchObject({
        kind: 'client',
        contact,
      });
    },
  );

  it('lists conversations with their contact and the client read horizon', async () => {
    const { store, world } = await storeWithWorld(getStore);
    const sent = await store.insertMessage(newMessage(world.conversation, world.ownerRef));
    const scope = { firmId: world.firmId, limit: 10, audience: 'firm', reader: world.ownerRef } as const;
    const [unread] = await store.listConversations(scope);
    expect(unread).toMatchObject({ contact: world.contact, clientRead: null });
    const horizon = {
      conversationId: world.conversation.id,
      reader: world.clientRef,
      upToMessageId: sent.message.id,
      upToSeq: sent.message.seq,
      readAt: at(3),
    };
    await store.advanceReadState(horizon);
    const [read] = await store.listConversations(scope);
    expect(read?.clientRead).toEqual(horizon);
  });

  it('writes a new message with its audit entry, notifications, mails and events together', async () => {
    const { store, world } = await storeWithWorld(getStore);
    const before = (await store.eventBounds()).latestSeq;
    const message = newMessage(world.conversation, world.clientRef, { createdAt: at(4) });
    const audience: EventAudience = {
      firmId: world.firmId,
      allMembers: true,
      memberIds: [],
      contactId: null,
    };
    const events: NewEvent[] = [
      { type: 'message.created', payload: { order: 1 }, audience, createdAt: at(4) },
      { type: 'notification.created', payload: { order: 2 }, audience, createdAt: at(4) },
    ];
    const notifications = [world.owner, world.member].map((member) => ({
      id: uniqueId('ntf'),
      firmId: world.firmId,
      memberId: member.id,
      kind: 'client_replied' as const,
      conversationId: world.conversation.id,
      messageId: message.id,
      createdAt: at(4),
      readAt: null,
    }));
    const mail = {
      id: uniqueId('mail'),
      firmId: world.firmId,
      kind: 'client_message_waiting' as const,
      recipient: world.clientRef,
      to: world.contact.email,
      subject: 'A secure message awaits you',
      text: 'Open your portal',
      html: '<p>Open your portal</p>',
      createdAt: at(4),
    };
    const audit = {
      id: uniqueId('aud'),
      firmId: world.firmId,
      actor: world.clientRef,
      action: 'message.sent' as const,
      targetId: message.id,
      requestId: 'req_contract',
      at: at(4),
    };
    const effects = { audit, notifications, mails: [mail], events };
    const written = await store.insertMessage(message, effects);
    expect(written.created).toBe(true);
    expect(written.lastEventSeq).toBeGreaterThan(before);
    expect((await store.getConversation(world.conversation.id))?.lastMessageId).toBe(message.id);
    const stored = await store.listEventsSince(before, {
      firmId: world.firmId,
      viewer: world.ownerRef,
      limit: 10,
    });
    expect(stored.map((event) => event.payload)).toEqual([{ order: 1 }, { order: 2 }]);
    expect(stored.at(-1)?.seq).toBe(written.lastEventSeq);
    expect((await store.listAudit({ firmId: world.firmId, limit: 10 })).map((entry) => entry.id)).toEqual([
      audit.id,
    ]);
    expect((await store.listNotifications({ memberId: world.owner.id, limit: 10 }))[0]).toMatchObject({
      id: notifications[0]?.id,
      messageId: message.id,
      readAt: null,
    });
    expect(await store.countUnreadNotifications(world.member.id)).toBe(1);
    const page = await store.listNotificationsWithContext({
      memberId: world.owner.id,
      firmId: world.firmId,
      limit: 10,
    });
    expect(page).toEqual([
      {
        notification: (await store.listNotifications({ memberId: world.owner.id, limit: 1 }))[0],
        conversation: await store.getConversation(world.conversation.id),
        contact: world.contact,
      },
    ]);
    const elsewhere = { memberId: world.owner.id, firmId: uniqueId('firm'), limit: 10 };
    expect(await store.listNotificationsWithContext(elsewhere)).toEqual([]);
    expect((await store.listMail({ firmId: world.firmId, limit: 10 }))[0]).toMatchObject({
      id: mail.id,
      recipient: world.clientRef,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: at(4),
    });

    const replay = await store.insertMessage(
      { ...message, id: uniqueId('msg') },
      {
        audit: { ...audit, id: uniqueId('aud') },
        notifications: notifications.map((row) => ({ ...row, id: uniqueId('ntf') })),
        mails: [{ ...mail, id: uniqueId('mail') }],
        events,
      },
    );
    expect(replay).toEqual({ created: false, message: written.message, lastEventSeq: 0, attachments: [] });
    expect((await store.eventBounds()).latestSeq).toBe(written.lastEventSeq);
    expect(await store.listAudit({ firmId: world.firmId, limit: 10 })).toHaveLength(1);
    expect(await store.countUnreadNotifications(world.member.id)).toBe(1);
    expect(await store.listMail({ firmId: world.firmId, limit: 10 })).toHaveLength(1);
  });

  it('leaves a conversation at its highest-seq message when sends to it run concurrently', async () => {
    const { store, world } = await storeWithWorld(getStore);
    const authors = [world.ownerRef, world.clientRef, world.memberRef];
    const sent = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        store.insertMessage(
          newMessage(world.conversation, authors[index % 3] ?? world.ownerRef, { internal: index % 3 === 2 }),
        ),
      ),
    );
    const highest = (rows: typeof sent) =>
      rows.reduce((best, row) => (row.message.seq > best.message.seq ? row : best));
    const visible = sent.filter((row) => !row.message.internal);
    const conversation = await store.getConversation(world.conversation.id);
    expect(conversation).toMatchObject({
      lastMessageId: highest(sent).message.id,
      lastActivitySeq: highest(sent).message.seq,
      clientLastMessageId: highest(visible).message.id,
      clientLastActivitySeq: highest(visible).message.seq,
    });
  });

  it('reads every new event whatever its audience, and reports the stored bounds', async () => {
    const { store, world } = await storeWithWorld(getStore);
    const other = await createWorld(store);
    const start = (await store.eventBounds()).latestSeq;
    const audience = (firmId: string): EventAudience => ({
      firmId,
      allMembers: false,
      memberIds: [],
      contactId: null,
    });
    const last = await store.appendEvents([
      { type: 'message.created', payload: { n: 1 }, audience: audience(world.firmId), createdAt: at(1) },
      { type: 'message.created', payload: { n: 2 }, audience: audience(other.firmId), createdAt: at(2) },
      { type: 'conversation.read', payload: { n: 3 }, audience: audience(world.firmId), createdAt: at(3) },
    ]);
    const read = await store.readEvents(start, 10);
    expect(read.map((event) => event.payload)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(read.map((event) => event.seq)).toEqual([last - 2, last - 1, last]);
    expect((await store.readEvents(start, 2)).map((event) => event.seq)).toEqual([last - 2, last - 1]);
    expect(await store.readEvents(last, 10)).toEqual([]);
    const bounds = await store.eventBounds();
    expect(bounds.latestSeq).toBe(last);
    expect(bounds.oldestSeq).toBeGreaterThan(0);
    expect(bounds.oldestSeq).toBeLessThanOrEqual(last - 2);
  });

  it('prunes events older than a time but always keeps the newest', async () => {
    const { store, world } = await storeWithWorld(getStore);
    const audience: EventAudience = {
      firmId: world.firmId,
      allMembers: true,
      memberIds: [],
      contactId: null,
    };
    const old = (minutes: number): NewEvent => ({
      type: 'message.created',
      payload: { minutes },
      audience,
      createdAt: new Date(Date.UTC(2000, 0, 1) + minutes * 60_000).toISOString(),
    });
    const last = await store.appendEvents([old(1), old(2)]);
    await store.pruneEvents(new Date(Date.UTC(2000, 0, 1, 0, 2)).toISOString());
    const afterFirst = await store.readEvents(last - 2, 10);
    expect(afterFirst.map((event) => event.seq)).toEqual([last]);
    await store.pruneEvents(new Date(Date.UTC(2100, 0, 1)).toISOString());
    expect(await store.eventBounds()).toEqual({ oldestSeq: last, latestSeq: last });
    const next = await store.appendEvents([old(3)]);
    expect(next).toBeGreaterThan(last);
  });
}
