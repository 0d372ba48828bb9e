import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolveAttachmentSettings } from '../attachments/attachment-settings.js';
import { seedAttachment } from '../testing/attachment-fixtures.js';
import { createTestApp } from '../testing/test-app.js';
import { ATTACHMENT_HOUSEKEEPING_INTERVAL_MS, openAttachments } from './open-attachments.js';

afterEach(() => {
  vi.useRealTimers();
});

describe("the server's file housekeeping", () => {
  it('removes abandoned uploads on its own, every interval, and keeps sent files', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const directory = await mkdtemp(join(tmpdir(), 'confide-housekeeping-'));
    const settings = resolveAttachmentSettings();
    const opened = await openAttachments(
      { settings, clamav: undefined, s3: undefined },
      directory,
      () => undefined,
    );
    const test = await createTestApp({ attachments: { blobStore: opened.blobStore, settings } });
    const errors: unknown[] = [];
    try {
      const now = test.clock.now();
      await test.store.insertAttachment({
        id: 'att_never_finished',
        firmId: 'firm_rivera_cho',
        uploader: { kind: 'client', id: 'con_daniel' },
        name: 'half.pdf',
        size: 100,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + settings.uploadExpiryMs).toISOString(),
      });
      const neverSent = await seedAttachment(test, { uploader: 'client' });
      const sent = await seedAttachment(test, { uploader: 'client', sentIn: 'cnv_daniel_work_permit' });
      opened.startHousekeeping(test.context, (error) => errors.push(error));
      await vi.advanceTimersByTimeAsync(ATTACHMENT_HOUSEKEEPING_INTERVAL_MS);
      expect(await test.store.getAttachment(neverSent.id)).not.toBeNull();
      test.clock.advance(Math.max(settings.uploadExpiryMs, settings.attachWindowMs) + 1);
      await vi.advanceTimersByTimeAsync(ATTACHMENT_HOUSEKEEPING_INTERVAL_MS);
      await vi.waitFor(async () => expect(await test.store.getAttachment(neverSent.id)).toBeNull());
      expect(await test.store.getAttachment('att_never_finished')).toBeNull();
      expect(await opened.blobStore.get(neverSent.id)).toBeNull();
      expect(await test.store.getAttachment(sent.id)).toMatchObject({ messageId: sent.messageId });
      expect(await opened.blobStore.get(sent.id)).not.toBeNull();
      expect(errors).toEqual([]);
    } finally {
      await opened.close();
      await rm(directory, { recursive: true, force: true });
    }
  });
});
