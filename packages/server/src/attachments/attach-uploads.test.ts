import { describe, expect, it } from 'vitest';
import { runUnitOfWork } from '../domain/unit-of-work.js';
import { viewerRef } from '../domain/viewer.js';
import { ApiError } from '../errors/api-error.js';
import { seedAttachment } from '../testing/attachment-fixtures.js';
import { createTestApp, type PersonName, type TestApp } from '../testing/test-app.js';
import { attachUploads } from './attach-uploads.js';
import { loadMessageAttachments } from './present-attachment.js';

const CONVERSATION = 'cnv_daniel_work_permit';

/** Sends a message as `person` and attaches `ids` in the same unit of work, as the send path will. */
async function sendWithFiles(test: TestApp, person: PersonName, ids: readonly string[], internal = false) {
  const viewer = await test.viewer(person);
  const context = test.context();
  return runUnitOfWork(context, async (tx, emit) => {
    const conversation = await tx.getConversation(CONVERSATION);
    if (!conversation) throw new Error('No conversation');
    const { message } = await tx.insertMessage({
      id: context.createId('msg'),
      conversationId: conversation.id,
      firmId: conversation.firmId,
      author: viewerRef(viewer),
      body: 'See the files',
      internal,
      idempotencyKey: context.createId('key'),
      createdAt: test.clock.now().toISOString(),
    });
    const attached = await attachUploads(tx, emit, context, viewer, { conversation, message }, ids);
    return { message, attached };
  });
}

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!ApiError.is(error)) throw new Error(`Expected an ApiError, got ${String(error)}`);
  return { code: error.code, reason: error.details?.reason };
}

describe('attachUploads', () => {
  it('attaches the sender’s finished uploads to the message in order, once', async () => {
    const test = await createTestApp();
    const first = await seedAttachment(test, { uploader: 'client' });
    const second = await seedAttachment(test, { uploader: 'client' });
    const { message, attached } = await sendWithFiles(test, 'client', [second.id, first.id]);
    expect(attached.map((row) => [row.id, row.position, row.messageId])).toEqual([
      [second.id, 0, message.id],
      [first.id, 1, message.id],
    ]);
    expect(await failure(sendWithFiles(test, 'client', [first.id]))).toEqual({
      code: 'attachment_unavailable',
      reason: 'already_attached',
    });
  });

  it.each(['owner', 'admin', 'member', 'otherClient', 'otherFirmMember'] as const)(
    'refuses %s attaching the client’s upload as if it did not exist',
    async (person) => {
      const test = await createTestApp();
      const upload = await seedAttachment(test, { uploader: 'client' });
      const viewer = await test.viewer(person);
      const context = test.context();
      const outcome = failure(
        runUnitOfWork(context, async (tx, emit) => {
          const conversation = await tx.getConversation(CONVERSATION);
          if (!conversation) throw new Error('No conversation');
          const message = (await tx.getMessage('msg_daniel_4')) ?? undefined;
          if (!message) throw new Error('No message');
          return attachUploads(tx, emit, context, viewer, { conversation, message }, [upload.id]);
        }),
      );
      expect(await outcome).toEqual({ code: 'not_found', reason: undefined });
      expect((await test.store.getAttachment(upload.id))?.messageId).toBeNull();
    },
  );

  it('refuses an unfinished or expired upload and rolls the whole send back', async () => {
    const test = await createTestApp();
    const finished = await seedAttachment(test, { uploader: 'client' });
    await test.store.insertAttachment({
      id: 'att_unfinished',
      firmId: 'firm_rivera_cho',
      uploader: { kind: 'client', id: 'con_daniel' },
      name: 'half.pdf',
      size: 100,
      createdAt: test.clock.now().toISOString(),
      expiresAt: new Date(test.clock.now().getTime() + 60_000).toISOString(),
    });
    expect(await failure(sendWithFiles(test, 'client', [finished.id, 'att_unfinished']))).toEqual({
      code: 'attachment_unavailable',
      reason: 'incomplete',
    });
    expect((await test.store.getAttachment(finished.id))?.messageId).toBeNull();
    test.clock.advance(25 * 3_600_000);
    expect(await failure(sendWithFiles(test, 'client', [finished.id]))).toEqual({
      code: 'attachment_unavailable',
      reason: 'expired',
    });
  });

  it('refuses more than 20 files and the same file twice', async () => {
    const test = await createTestApp();
    const ids = Array.from({ length: 21 }, (_, index) => `att_${index}`);
    expect(await failure(sendWithFiles(test, 'client', ids))).toMatchObject({ code: 'invalid_input' });
    expect(await failure(sendWithFiles(test, 'client', ['att_1', 'att_1']))).toMatchObject({
      code: 'invalid_input',
    });
  });

  it('makes the files of an internal note firm-only', async () => {
    const test = await createTestApp();
    const upload = await seedAttachment(test, { uploader: 'member' });
    const { message } = await sendWithFiles(test, 'member', [upload.id], true);
    expect((await test.store.getAttachment(upload.id))?.internal).toBe(true);
    const forClient = await loadMessageAttachments(test.store, await test.viewer('client'), [message.id]);
    const forMember = await loadMessageAttachments(test.store, await test.viewer('owner'), [message.id]);
    expect(forClient.size).toBe(0);
    expect(forMember.get(message.id)?.map((file) => file.id)).toEqual([upload.id]);
  });

  it('notifies the owner and admins when a blocked file is attached, naming no file', async () => {
    const test = await createTestApp();
    const upload = await seedAttachment(test, {
      uploader: 'client',
      state: 'blocked',
      name: 'secret-plan.pdf',
    });
    const { message } = await sendWithFiles(test, 'client', [upload.id]);
    for (const person of ['owner', 'admin'] as const) {
      const notifications = await test.store.listNotifications({
        memberId: (await test.viewer(person)).firm.id === '' ? '' : viewerRef(await test.viewer(person)).id,
        limit: 5,
      });
      expect(notifications[0]).toMatchObject({ kind: 'attachment_blocked', messageId: message.id });
    }
    const memberNotifications = await test.store.listNotifications({
      memberId: viewerRef(await test.viewer('member')).id,
      limit: 5,
    });
    expect(memberNotifications.some((row) => row.kind === 'attachment_blocked')).toBe(false);
    const events = await test.store.listEventsSince(0, {
      firmId: 'firm_rivera_cho',
      viewer: viewerRef(await test.viewer('owner')),
      limit: 100,
    });
    const blocked = events.filter((event) => event.type === 'notification.created').at(-1);
    expect(JSON.stringify(blocked?.payload)).not.toContain('secret-plan');
  });
});
