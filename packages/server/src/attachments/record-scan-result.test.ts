import { describe, expect, it } from 'vitest';
import { viewerRef } from '../domain/viewer.js';
import { seedAttachment } from '../testing/attachment-fixtures.js';
import { createTestApp, type PersonName, type TestApp } from '../testing/test-app.js';
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
});
