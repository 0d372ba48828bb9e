import { describe, expect, it } from 'vitest';
import { viewerRef } from '../domain/viewer.js';
import { eventsFor, seedAttachment } from '../testing/attachment-fixtures.js';
import { readSse } from '../testing/read-sse.js';
import { createTestApp, freshKey, PEOPLE, type PersonName, type TestApp } from '../testing/test-app.js';
import { recordScanResult } from './record-scan-result.js';

async function blockedNotifications(test: TestApp, person: PersonName) {
  const memberId = viewerRef(await test.viewer(person)).id;
  return (await test.store.listNotifications({ memberId, limit: 10 })).filter(
    (row) => row.kind === 'attachment_blocked',
  );
}

describe('recordScanResult', () => {
  it('blocks a sent file: audit entry, and a notification to the owner and admins only', async () => {
    const test = await createTestApp();
    const file = await seedAttachment(test, {
      state: 'scanning',
      sentIn: 'cnv_daniel_work_permit',
    });
    const row = await recordScanResult(test.context(), file.id, {
      clean: false,
      signature: 'Eicar-Test-Signature',
    });
    expect(row?.state).toBe('blocked');
    expect(await blockedNotifications(test, 'owner')).toHaveLength(1);
    expect(await blockedNotifications(test, 'admin')).toHaveLength(1);
    expect(await blockedNotifications(test, 'member')).toHaveLength(0);
    const audit = await test.store.listAudit({ firmId: 'firm_rivera_cho', limit: 1 });
    expect(audit[0]).toMatchObject({
      action: 'attachment.blocked',
      targetId: file.id,
      actor: { kind: 'client' },
    });
  });

  it('clears a clean file quietly and records a verdict only once', async () => {
    const test = await createTestApp();
    const file = await seedAttachment(test, { state: 'scanning' });
    expect((await recordScanResult(test.context(), file.id, { clean: true }))?.state).toBe('available');
    expect(await recordScanResult(test.context(), file.id, { clean: false, signature: 'late' })).toBeNull();
    expect((await test.store.getAttachment(file.id))?.state).toBe('available');
    expect(await blockedNotifications(test, 'owner')).toHaveLength(0);
  });

  describe('of an upload not sent yet', () => {
    async function openStream(test: TestApp, as: PersonName) {
      const stream = readSse(await test.call('GET', '/v1/events', { as }));
      expect(await stream.nextComment()).toBe('connected');
      return stream;
    }

    it.each([
      ['client', true],
      ['client', false],
      ['member', true],
      ['member', false],
      ['admin', false],
    ] as const)('tells its uploader (%s) alone, clean: %s', async (uploader, clean) => {
      const test = await createTestApp();
      const file = await seedAttachment(test, { uploader, state: 'scanning' });
      const own = await openStream(test, uploader);
      // Another member of the same firm, whose stream stays open through the scan.
      const colleague = await openStream(test, 'owner');
      const after = (await test.store.eventBounds()).latestSeq;
      const verdict = clean ? { clean: true as const } : { clean: false as const, signature: 'Eicar' };
      await recordScanResult(test.context(), file.id, verdict);

      const event = await own.nextEvent();
      expect(event.event).toBe('attachment.updated');
      expect(event.data.data).toMatchObject({
        conversationId: null,
        attachment: { id: file.id, state: clean ? 'available' : 'blocked', messageId: null },
      });
      const attachment = (event.data.data as { attachment: Record<string, unknown> }).attachment;
      expect('sha256' in attachment).toBe(uploader !== 'client');

      // The colleague's next event is the marker sent after the scan, not the upload's news.
      const marker = await test.call('POST', '/v1/conversations/cnv_daniel_work_permit/messages', {
        as: 'owner',
        body: { body: 'After the scan', idempotencyKey: freshKey() },
      });
      expect(marker.status).toBe(201);
      expect((await colleague.nextEvent()).event).toBe('message.created');

      for (const person of Object.keys(PEOPLE) as PersonName[]) {
        const events = await eventsFor(test, person, after);
        const told = events.filter((candidate) => JSON.stringify(candidate).includes(file.id));
        expect(
          told.map((candidate) => candidate.type),
          person,
        ).toEqual(person === uploader ? ['attachment.updated'] : []);
      }
      await own.cancel();
      await colleague.cancel();
    });
  });
});
