import { expect, it } from 'vitest';
import type { AttachmentCompletion, NewAttachment } from './attachment-rows.js';
import type { PartyRef } from './rows.js';
import type { Store } from './store.js';
import { at, createWorld, newMessage, uniqueId } from './store-contract-fixtures.js';

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

/** Contract cases for uploads, attachments, download tickets and downloads. */
export function attachmentContractCases(getStore: () => Store): void {
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

  it('attaches an upload to one message only and lists a message’s files in order', async () => {
    const store = getStore();
    const world = await createWorld(store);
    const { message } = await store.insertMessage(
      newMessage(world.conversation, world.ownerRef, { internal: true }),
    );
    const first = newUpload(world.firmId, world.ownerRef);
    const second = newUpload(world.firmId, world.ownerRef);
    for (const upload of [first, second]) {
      await store.insertAttachment(upload);
      await store.completeAttachment(upload.id, completion({ state: 'not_scanned' }));
    }
    const placement = (position: number) => ({
      conversationId: world.conversation.id,
      messageId: message.id,
      position,
      internal: true,
      attachedAt: at(7),
    });
    expect(await store.attachAttachment(second.id, placement(0))).toMatchObject({
      messageId: message.id,
      internal: true,
    });
    expect(await store.attachAttachment(first.id, placement(1))).toMatchObject({ position: 1 });
    expect(await store.attachAttachment(first.id, placement(2))).toBeNull();
    expect(await store.deleteUnattachedUpload(first.id)).toBe(false);
    const listed = await store.listMessageAttachments([message.id, uniqueId('msg')]);
    expect(listed.map((row) => row.id)).toEqual([second.id, first.id]);
    expect(await store.listMessageAttachments([])).toEqual([]);
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
