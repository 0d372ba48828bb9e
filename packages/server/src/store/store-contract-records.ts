import { expect, it } from 'vitest';
import type { EventAudience } from './rows.js';
import type { Store } from './store.js';
import { at, newMail, newMessage, storeWithWorld, uniqueId } from './store-contract-fixtures.js';

/** Contract cases for notifications, the mail outbox, the audit log and events. */
export function recordContractCases(getStore: () => Store): void {
  it('lists, counts and marks notifications of one member', async () => {
    const { store, world } = await storeWithWorld(getStore);
    const { message } = await store.insertMessage(newMessage(world.conversation, world.clientRef));
    const base = {
      firmId: world.firmId,
      kind: 'client_replied' as const,
      conversationId: world.conversation.id,
      messageId: message.id,
      createdAt: at(2),
      readAt: null,
    };
    const first = await store.insertNotification({ ...base, id: uniqueId('ntf'), memberId: world.owner.id });
    const second = await store.insertNotification({ ...base, id: uniqueId('ntf'), memberId: world.owner.id });
    const foreign = await store.insertNotification({
      ...base,
      id: uniqueId('ntf'),
      memberId: world.member.id,
    });
    expect(second.seq).toBeGreaterThan(first.seq);
    const listed = await store.listNotifications({ memberId: world.owner.id, limit: 10 });
    expect(listed.map((row) => row.id)).toEqual([second.id, first.id]);
    expect(
      (await store.listNotifications({ memberId: world.owner.id, limit: 10, beforeSeq: second.seq })).map(
        (row) => row.id,
      ),
    ).toEqual([first.id]);
    expect(await store.countUnreadNotifications(world.owner.id)).toBe(2);
    expect(await store.markNotificationsRead(world.owner.id, [first.id, foreign.id], at(5))).toBe(1);
    expect(await store.countUnreadNotifications(world.member.id)).toBe(1);
    expect(
      (await store.listNotifications({ memberId: world.owner.id, limit: 10, unreadOnly: true })).map(
        (row) => row.id,
      ),
    ).toEqual([second.id]);
    expect(await store.markNotificationsRead(world.owner.id, 'all', at(6))).toBe(1);
    const after = await store.listNotifications({ memberId: world.owner.id, limit: 10 });
    expect(after.map((row) => row.readAt)).toEqual([at(6), at(5)]);
  });

  it("marks read one member's notifications about a conversation's messages up to a seq", async () => {
    const { store, world } = await storeWithWorld(getStore);
    const { message: first } = await store.insertMessage(newMessage(world.conversation, world.clientRef));
    const { message: second } = await store.insertMessage(newMessage(world.conversation, world.clientRef));
    const notify = (memberId: string, messageId: string) =>
      store.insertNotification({
        id: uniqueId('ntf'),
        firmId: world.firmId,
        memberId,
        kind: 'client_replied',
        conversationId: world.conversation.id,
        messageId,
        createdAt: at(2),
        readAt: null,
      });
    const aboutFirst = await notify(world.owner.id, first.id);
    const aboutFirstAgain = await notify(world.owner.id, first.id);
    const aboutSecond = await notify(world.owner.id, second.id);
    const colleagues = await notify(world.member.id, first.id);

    expect(
      await store.markConversationNotificationsRead(world.owner.id, world.conversation.id, first.seq, at(5)),
    ).toEqual([aboutFirst.id, aboutFirstAgain.id]);
    expect(
      await store.markConversationNotificationsRead(world.owner.id, 'cnv_elsewhere', second.seq, at(6)),
    ).toEqual([]);
    const unread = await store.listNotifications({ memberId: world.owner.id, limit: 10, unreadOnly: true });
    expect(unread.map((row) => row.id)).toEqual([aboutSecond.id]);
    expect(await store.countUnreadNotifications(world.member.id)).toBe(1);
    expect(
      await store.markConversationNotificationsRead(world.owner.id, world.conversation.id, second.seq, at(7)),
    ).toEqual([aboutSecond.id]);
    const all = await store.listNotifications({ memberId: world.owner.id, limit: 10 });
    expect(all.map((row) => row.readAt)).toEqual([at(7), at(5), at(5)]);
    expect((await store.listNotifications({ memberId: world.member.id, limit: 10 }))[0]?.id).toBe(
      colleagues.id,
    );
  });

  it('enqueues, leases, retries and completes outbox mail', async () => {
    const { store, world } = await storeWithWorld(getStore);
    const mail = newMail(world);
    const queued = await store.enqueueMail(mail);
    expect(queued).toMatchObject({
      status: 'pending',
      attempts: 0,
      nextAttemptAt: at(0),
      lockedBy: null,
      sentAt: null,
    });
    const workerA = uniqueId('worker');
    const workerB = uniqueId('worker');
    const claimedByA = await store.claimMail({ workerId: workerA, now: at(1), leaseMs: 60_000, limit: 100 });
    expect(claimedByA.find((row) => row.id === mail.id)).toMatchObject({
      attempts: 1,
      lockedBy: workerA,
      lockedUntil: at(2),
    });
    const duringLease = await store.claimMail({
      workerId: workerB,
      now: at(1.5),
      leaseMs: 60_000,
      limit: 100,
    });
    expect(duringLease.some((row) => row.id === mail.id)).toBe(false);
    expect(
      await store.markMailFailed(mail.id, { workerId: workerB, error: 'x', nextAttemptAt: at(10) }),
    ).toBe(false);
    expect(
      await store.markMailFailed(mail.id, { workerId: workerA, error: 'smtp down', nextAttemptAt: at(10) }),
    ).toBe(true);
    const tooEarly = await store.claimMail({ workerId: workerB, now: at(9), leaseMs: 60_000, limit: 100 });
    expect(tooEarly.some((row) => row.id === mail.id)).toBe(false);
    const retried = await store.claimMail({ workerId: workerB, now: at(10), leaseMs: 60_000, limit: 100 });
    expect(retried.find((row) => row.id === mail.id)).toMatchObject({
      attempts: 2,
      lockedBy: workerB,
      lastError: 'smtp down',
    });
    expect(await store.markMailSent(mail.id, { workerId: workerA, sentAt: at(11) })).toBe(false);
    expect(await store.markMailSent(mail.id, { workerId: workerB, sentAt: at(11) })).toBe(true);
    const [listed] = await store.listMail({ limit: 10, firmId: world.firmId });
    expect(listed).toMatchObject({ id: mail.id, status: 'sent', sentAt: at(11), lockedBy: null });
  });

  it('lets another worker claim mail whose lease ended, and gives up when told to', async () => {
    const { store, world } = await storeWithWorld(getStore);
    const mail = newMail(world, {
      kind: 'member_client_started',
      recipient: world.ownerRef,
      to: world.owner.email,
      html: 'H',
    });
    await store.enqueueMail(mail);
    const workerA = uniqueId('worker');
    const workerB = uniqueId('worker');
    await store.claimMail({ workerId: workerA, now: at(1), leaseMs: 60_000, limit: 100 });
    const reclaimed = await store.claimMail({ workerId: workerB, now: at(3), leaseMs: 60_000, limit: 100 });
    expect(reclaimed.find((row) => row.id === mail.id)).toMatchObject({ attempts: 2, lockedBy: workerB });
    expect(
      await store.markMailFailed(mail.id, { workerId: workerB, error: 'rejected', nextAttemptAt: null }),
    ).toBe(true);
    const later = await store.claimMail({ workerId: workerA, now: at(100), leaseMs: 60_000, limit: 100 });
    expect(later.some((row) => row.id === mail.id)).toBe(false);
    const [listed] = await store.listMail({ limit: 1, firmId: world.firmId });
    expect(listed).toMatchObject({ status: 'failed', lastError: 'rejected' });
  });

  it('records the recipient, the address a mail went to, and withheld mail', async () => {
    const { store, world } = await storeWithWorld(getStore);
    const sent = newMail(world, { recipient: world.clientRef });
    const withheld = newMail(world, { recipient: world.clientRef });
    await store.enqueueMail(sent);
    await store.enqueueMail(withheld);
    const worker = uniqueId('worker');
    const claimed = await store.claimMail({ workerId: worker, now: at(1), leaseMs: 60_000, limit: 100 });
    expect(claimed.find((row) => row.id === sent.id)?.recipient).toEqual(world.clientRef);
    const moved = `${uniqueId('moved')}@client.test`;
    expect(await store.markMailSent(sent.id, { workerId: worker, sentAt: at(2), to: moved })).toBe(true);
    expect(
      await store.markMailWithheld(withheld.id, {
        workerId: uniqueId('worker'),
        reason: 'portal_not_active',
      }),
    ).toBe(false);
    expect(await store.markMailWithheld(withheld.id, { workerId: worker, reason: 'portal_not_active' })).toBe(
      true,
    );
    const listed = await store.listMail({ limit: 10, firmId: world.firmId });
    expect(listed.find((row) => row.id === sent.id)).toMatchObject({ status: 'sent', to: moved });
    expect(listed.find((row) => row.id === withheld.id)).toMatchObject({
      status: 'withheld',
      lastError: 'portal_not_active',
      lockedBy: null,
      sentAt: null,
    });
    const later = await store.claimMail({ workerId: worker, now: at(100), leaseMs: 60_000, limit: 100 });
    expect(later.some((row) => row.id === withheld.id)).toBe(false);
  });

  it('lists mail newest first', async () => {
    const { store, world } = await storeWithWorld(getStore);
    // Due only in the far future, so these rows never crowd the claim cases of later runs on a kept database.
    const base = {
      firmId: world.firmId,
      kind: 'client_message_waiting' as const,
      recipient: world.clientRef,
      to: 'a@b.test',
      subject: 'S',
      text: 'T',
      html: 'H',
      createdAt: at(10_000_000),
    };
    const first = await store.enqueueMail({ ...base, id: uniqueId('mail') });
    const second = await store.enqueueMail({ ...base, id: uniqueId('mail') });
    expect((await store.listMail({ limit: 10, firmId: world.firmId })).map((row) => row.id)).toEqual([
      second.id,
      first.id,
    ]);
  });

  it('appends audit entries and lists them newest first per firm', async () => {
    const { store, world } = await storeWithWorld(getStore);
    const base = {
      firmId: world.firmId,
      actor: world.ownerRef,
      targetId: world.conversation.id,
      requestId: 'req_1',
      at: at(1),
    };
    const first = await store.appendAudit({ ...base, id: uniqueId('aud'), action: 'conversation.started' });
    const second = await store.appendAudit({ ...base, id: uniqueId('aud'), action: 'message.sent' });
    await store.appendAudit({
      ...base,
      firmId: uniqueId('firm'),
      id: uniqueId('aud'),
      action: 'message.sent',
    });
    expect(await store.listAudit({ firmId: world.firmId, limit: 10 })).toEqual([second, first]);
    expect(await store.listAudit({ firmId: world.firmId, limit: 10, beforeSeq: second.seq })).toEqual([
      first,
    ]);
  });

  it('appends events with increasing seqs and lists only those the viewer may receive', async () => {
    const { store, world } = await storeWithWorld(getStore);
    const start = (await store.eventBounds()).latestSeq;
    const audience = (overrides: Partial<EventAudience>): EventAudience => ({
      firmId: world.firmId,
      allMembers: false,
      memberIds: [],
      contactId: null,
      ...overrides,
    });
    const forEveryone = await store.appendEvents([
      {
        type: 'message.created',
        payload: { n: 1 },
        audience: audience({ allMembers: true, contactId: world.contact.id }),
        createdAt: at(1),
      },
    ]);
    const forOwner = await store.appendEvents([
      {
        type: 'message.created',
        payload: { n: 2 },
        audience: audience({ allMembers: true }),
        createdAt: at(1),
      },
      {
        type: 'notification.created',
        payload: { n: 3 },
        audience: audience({ memberIds: [world.owner.id] }),
        createdAt: at(1),
      },
    ]);
    const forFirm = forOwner - 1;
    expect(forEveryone).toBeGreaterThan(start);
    expect(forFirm).toBeGreaterThan(forEveryone);
    expect(forOwner).toBeGreaterThan(forFirm);
    expect(await store.appendEvents([])).toBe(0);
    expect((await store.eventBounds()).latestSeq).toBeGreaterThanOrEqual(forOwner);
    const seqsFor = async (viewer: { kind: 'member' | 'client'; id: string }, after = start) =>
      (await store.listEventsSince(after, { firmId: world.firmId, viewer, limit: 10 })).map(
        (event) => event.seq,
      );
    expect(await seqsFor(world.ownerRef)).toEqual([forEveryone, forFirm, forOwner]);
    expect(await seqsFor(world.memberRef)).toEqual([forEveryone, forFirm]);
    expect(await seqsFor(world.clientRef)).toEqual([forEveryone]);
    expect(await seqsFor(world.ownerRef, forEveryone)).toEqual([forFirm, forOwner]);
    const [event] = await store.listEventsSince(start, {
      firmId: world.firmId,
      viewer: world.clientRef,
      limit: 1,
    });
    expect(event).toMatchObject({ type: 'message.created', payload: { n: 1 }, createdAt: at(1) });
    expect(
      await store.listEventsSince(start, { firmId: uniqueId('firm'), viewer: world.ownerRef, limit: 10 }),
    ).toEqual([]);
  });
}
