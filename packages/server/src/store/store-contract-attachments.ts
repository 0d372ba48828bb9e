import { expect, it } from 'vitest';
import type { AttachmentCompletion, NewAttachment } from './attachment-rows.js';
import type { PartyRef } from './rows.js';
import { AttachmentsUnavailableError, type Store } from './store.js';
import { at, type ContractWorld, createWorld, newMessage, uniqueId } from './store-contract-fixtures.js';

function newUpload(
  firmId: string,
  uploader: PartyRef,
  overrides: Partial<NewAttachment> = {},
): NewAttachment {
  return {
    id: uniqueId('att'),
    firmId,
    uploader,
    name: 'passport "scan".pdf',
    size: 1234,
    createdAt: at(0),
    expiresAt: at(60),
    ...overrides,
  };
}

const completion = (overrides: Partial<AttachmentCompletion> = {}): AttachmentCompletion => ({
  size: 1234,
  mediaType: 'application/pdf',
  sha256: 'a'.repeat(64),
  state: 'scanning',
  blobKey: 'blob_1',
  completedAt: at(5),
  expiresAt: at(120),
  ...overrides,
});

/** A finished upload of `uploader` in the world's firm, attachable until `at(120)`. */
async function finishedUpload(
  store: Store,
  world: ContractWorld,
  uploader: PartyRef,
  overrides: Partial<NewAttachment> = {},
) {
  const upload = newUpload(world.firmId, uploader, overrides);
  await store.insertAttachment(upload);
  await store.completeAttachment(upload.id, completion({ state: 'not_scanned' }));
  return upload.id;
}

/** What is stored of a message's thread and its would-be files, to show that a refused write left nothing. */
async function footprint(store: Store, world: ContractWorld, ids: readonly string[]) {
  return {
    messages: await store.listMessages({
      conversationId: world.conversation.id,
      audience: 'firm',
      limit: 100,
    }),
    files: await Promise.all(ids.map((id) => store.getAttachment(id))),
    audit: await store.listAudit({ firmId: world.firmId, limit: 100 }),
    events: (await store.eventBounds()).latestSeq,
  };
}

/** Contract cases for uploads, attachments, download tickets and downloads. */
export function attachmentContractCases(getStore: () => Store): void {
  it('attaches files with a new message in the same write, in order, taking its conversation and internal flag', async () => {
    const store = getStore();
    const world = await createWorld(store);
    const ids = [
      await finishedUpload(store, world, world.ownerRef),
      await finishedUpload(store, world, world.ownerRef),
    ];
    const message = newMessage(world.conversation, world.ownerRef, { internal: true, createdAt: at(7) });
    const written = await store.insertMessage(message, {
      attachments: { ids: [ids[1] ?? '', ids[0] ?? ''], attachedAt: at(7) },
    });
    expect(written.created).toBe(true);
    expect(written.message.attachmentCount).toBe(2);
    expect(
      written.attachments.map((row) => [row.id, row.position, row.messageId, row.internal, row.attachedAt]),
    ).toEqual([
      [ids[1], 0, message.id, true, at(7)],
      [ids[0], 1, message.id, true, at(7)],
    ]);
    expect(written.attachments.map((row) => row.conversationId)).toEqual([
      world.conversation.id,
      world.conversation.id,
    ]);
    expect(await store.getAttachment(ids[0] ?? '')).toEqual(written.attachments[1]);
    expect((await store.getMessage(message.id))?.attachmentCount).toBe(2);
    const listed = await store.listMessageAttachments([message.id]);
    expect(listed.map((row) => [row.id, row.clientDownloadedAt])).toEqual([
      [ids[1], null],
      [ids[0], null],
    ]);
    await store.insertAttachmentDownload({
      attachmentId: ids[0] ?? '',
      downloader: world.clientRef,
      at: at(9),
    });
    expect((await store.listMessageAttachments([message.id]))[1]?.clientDownloadedAt).toBe(at(9));
    expect((await store.getAttachments([...ids, uniqueId('att')])).map((row) => row.id).sort()).toEqual(
      [...ids].sort(),
    );
    expect(await store.getAttachments([])).toEqual([]);
    expect(await store.deleteUnattachedUpload(ids[0] ?? '')).toBe(false);
    expect((await store.listMessageAttachments([uniqueId('msg'), message.id])).map((row) => row.id)).toEqual([
      ids[1],
      ids[0],
    ]);
    expect(await store.listMessageAttachments([])).toEqual([]);
    const plain = await store.insertMessage(newMessage(world.conversation, world.ownerRef));
    expect(plain.message.attachmentCount).toBe(0);
    expect(plain.attachments).toEqual([]);
  });

  const refusals: ReadonlyArray<[string, (store: Store, world: ContractWorld) => Promise<string>]> = [
    [
      'attached to another message',
      async (store, world) => {
        const id = await finishedUpload(store, world, world.ownerRef);
        await store.insertMessage(newMessage(world.conversation, world.ownerRef), {
          attachments: { ids: [id], attachedAt: at(6) },
        });
        return id;
      },
    ],
    ['another person’s', (store, world) => finishedUpload(store, world, world.memberRef)],
    ['the client’s', (store, world) => finishedUpload(store, world, world.clientRef)],
    [
      'unfinished',
      async (store, world) => {
        const upload = newUpload(world.firmId, world.ownerRef);
        await store.insertAttachment(upload);
        return upload.id;
      },
    ],
    [
      'expired',
      async (store, world) => {
        const upload = newUpload(world.firmId, world.ownerRef);
        await store.insertAttachment(upload);
        await store.completeAttachment(upload.id, completion({ state: 'not_scanned', expiresAt: at(7) }));
        return upload.id;
      },
    ],
    [
      'of another firm',
      async (store) => {
        const other = await createWorld(store);
        return finishedUpload(store, other, other.ownerRef);
      },
    ],
    ['missing', async () => uniqueId('att')],
  ];

  it.each(refusals)('writes nothing, not even the message, when one upload is %s', async (_name, make) => {
    const store = getStore();
    const world = await createWorld(store);
    const good = await finishedUpload(store, world, world.ownerRef);
    const bad = await make(store, world);
    const before = await footprint(store, world, [good, bad]);
    const message = newMessage(world.conversation, world.ownerRef, { createdAt: at(7) });
    const audit = {
      id: uniqueId('aud'),
      firmId: world.firmId,
      actor: world.ownerRef,
      action: 'message.sent' as const,
      targetId: message.id,
      requestId: 'req_contract',
      at: at(7),
    };
    const events = [
      {
        type: 'message.created' as const,
        payload: {},
        audience: { firmId: world.firmId, allMembers: true, memberIds: [], contactId: null },
        createdAt: at(7),
      },
    ];
    await expect(
      store.insertMessage(message, { audit, events, attachments: { ids: [good, bad], attachedAt: at(7) } }),
    ).rejects.toBeInstanceOf(AttachmentsUnavailableError);
    expect(await footprint(store, world, [good, bad])).toEqual(before);
    expect(await store.getMessage(message.id)).toBeNull();
  });

  it('lets exactly one of two racing sends attach an upload', async () => {
    const store = getStore();
    const world = await createWorld(store);
    const id = await finishedUpload(store, world, world.ownerRef);
    const send = () =>
      store.insertMessage(newMessage(world.conversation, world.ownerRef, { createdAt: at(7) }), {
        attachments: { ids: [id], attachedAt: at(7) },
      });
    const results = await Promise.allSettled([send(), send()]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = results.find((result) => result.status === 'rejected');
    expect(rejected?.reason).toBeInstanceOf(AttachmentsUnavailableError);
    const messages = await store.listMessages({
      conversationId: world.conversation.id,
      audience: 'firm',
      limit: 10,
    });
    expect(messages).toHaveLength(1);
    expect((await store.getAttachment(id))?.messageId).toBe(messages[0]?.id);
  });

  it('attaches nothing when the send is a replay of its idempotency key', async () => {
    const store = getStore();
    const world = await createWorld(store);
    const first = await finishedUpload(store, world, world.ownerRef);
    const second = await finishedUpload(store, world, world.ownerRef);
    const message = newMessage(world.conversation, world.ownerRef, { createdAt: at(7) });
    const written = await store.insertMessage(message, { attachments: { ids: [first], attachedAt: at(7) } });
    const replay = await store.insertMessage(
      { ...message, id: uniqueId('msg') },
      { attachments: { ids: [first, second], attachedAt: at(8) } },
    );
    expect(replay).toEqual({ created: false, message: written.message, lastEventSeq: 0, attachments: [] });
    expect((await store.getAttachment(second))?.messageId).toBeNull();
    expect((await store.getAttachment(first))?.attachedAt).toBe(at(7));
  });

  it('records an upload, completes it once and records one scan verdict', async () => {
    const store = getStore();
    const world = await createWorld(store);
    const upload = newUpload(world.firmId, world.clientRef);
    const inserted = await store.insertAttachment(upload);
    expect(inserted).toMatchObject({
      ...upload,
      state: 'uploading',
      mediaType: null,
      sha256: null,
      messageId: null,
    });
    expect(await store.getAttachment(upload.id)).toEqual(inserted);
    await expect(store.insertAttachment(upload)).rejects.toThrow();
    const completed = await store.completeAttachment(upload.id, completion());
    expect(completed).toMatchObject({
      state: 'scanning',
      mediaType: 'application/pdf',
      completedAt: at(5),
      expiresAt: at(120),
    });
    expect(await store.completeAttachment(upload.id, completion())).toBeNull();
    expect(await store.finishAttachmentScan(upload.id, 'blocked')).toMatchObject({ state: 'blocked' });
    expect(await store.finishAttachmentScan(upload.id, 'available')).toBeNull();
    expect((await store.getAttachment(upload.id))?.state).toBe('blocked');
    expect(await store.getAttachment(uniqueId('att'))).toBeNull();
  });

  it('lists abandoned uploads and stale scans, and deletes only unattached uploads', async () => {
    const store = getStore();
    const world = await createWorld(store);
    const expired = newUpload(world.firmId, world.clientRef, { expiresAt: at(10) });
    const current = newUpload(world.firmId, world.clientRef, { expiresAt: at(500) });
    await store.insertAttachment(expired);
    await store.insertAttachment(current);
    const abandoned = (await store.listAbandonedUploads(at(20), 100)).map((row) => row.id);
    expect(abandoned).toContain(expired.id);
    expect(abandoned).not.toContain(current.id);
    await store.completeAttachment(current.id, completion({ completedAt: at(30), expiresAt: at(500) }));
    expect((await store.listStaleScans(at(31), 100)).map((row) => row.id)).toContain(current.id);
    expect((await store.listStaleScans(at(29), 100)).map((row) => row.id)).not.toContain(current.id);
    expect(await store.deleteUnattachedUpload(expired.id)).toBe(true);
    expect(await store.deleteUnattachedUpload(expired.id)).toBe(false);
    expect(await store.getAttachment(expired.id)).toBeNull();
  });

  it('redeems a download ticket once and tells used, expired and unknown tickets apart', async () => {
    const store = getStore();
    const world = await createWorld(store);
    const ticket = {
      tokenHash: uniqueId('hash'),
      attachmentId: uniqueId('att'),
      person: world.clientRef,
      firmId: world.firmId,
      purpose: 'download' as const,
      createdAt: at(0),
      expiresAt: at(1),
      usedAt: null,
    };
    await store.insertDownloadTicket(ticket);
    await store.insertDownloadTicket({ ...ticket, tokenHash: `${ticket.tokenHash}_late` });
    const results = await Promise.all([
      store.redeemDownloadTicket(ticket.tokenHash, at(0.5)),
      store.redeemDownloadTicket(ticket.tokenHash, at(0.5)),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(['redeemed', 'used']);
    const redeemed = results.find((result) => result.status === 'redeemed');
    expect(redeemed).toMatchObject({ ticket: { ...ticket, usedAt: at(0.5) } });
    expect(await store.redeemDownloadTicket(`${ticket.tokenHash}_late`, at(1))).toEqual({
      status: 'expired',
    });
    expect(await store.redeemDownloadTicket(uniqueId('hash'), at(0))).toEqual({ status: 'unknown' });
  });

  it('keeps the purpose of a ticket', async () => {
    const store = getStore();
    const world = await createWorld(store);
    const tickets = (['preview', 'download'] as const).map((purpose) => ({
      tokenHash: uniqueId('hash'),
      attachmentId: uniqueId('att'),
      person: world.clientRef,
      firmId: world.firmId,
      purpose,
      createdAt: at(0),
      expiresAt: at(1),
      usedAt: null,
    }));
    for (const ticket of tickets) await store.insertDownloadTicket(ticket);
    for (const ticket of tickets) {
      expect(await store.redeemDownloadTicket(ticket.tokenHash, at(0.5))).toEqual({
        status: 'redeemed',
        ticket: { ...ticket, usedAt: at(0.5) },
      });
    }
  });

  it('gives the earliest client download of each file and ignores staff downloads', async () => {
    const store = getStore();
    const world = await createWorld(store);
    const [clientFile, staffFile] = [uniqueId('att'), uniqueId('att')];
    await store.insertAttachmentDownload({ attachmentId: clientFile, downloader: world.ownerRef, at: at(1) });
    await store.insertAttachmentDownload({
      attachmentId: clientFile,
      downloader: world.clientRef,
      at: at(4),
    });
    await store.insertAttachmentDownload({
      attachmentId: clientFile,
      downloader: world.clientRef,
      at: at(3),
    });
    await store.insertAttachmentDownload({ attachmentId: staffFile, downloader: world.memberRef, at: at(2) });
    const first = await store.firstClientDownloads([clientFile, staffFile]);
    expect(Object.fromEntries(first)).toEqual({ [clientFile]: at(3) });
    expect((await store.firstClientDownloads([])).size).toBe(0);
  });
}
