import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ClamdTestDaemon,
  clamdSkipReason,
  EICAR,
  startClamdTestDaemon,
} from '../testing/clamd-test-daemon.js';
import { startUploadTestApp, type UploadTestApp } from '../testing/upload-test-app.js';
import { createClamdScanner, parseClamdAddress, parseClamdReply } from './clamd-scanner.js';

describe('parseClamdAddress', () => {
  it.each([
    ['/run/clamav/clamd.ctl', { path: '/run/clamav/clamd.ctl' }],
    ['127.0.0.1:3310', { host: '127.0.0.1', port: 3310 }],
    ['clamav.internal:3310', { host: 'clamav.internal', port: 3310 }],
    ['/tmp/odd:3310', { path: '/tmp/odd:3310' }],
  ])('reads %s', (value, expected) => {
    expect(parseClamdAddress(value)).toEqual(expected);
  });
});

describe('parseClamdReply', () => {
  it('tells clean, found and errors apart', () => {
    expect(parseClamdReply('stream: OK\0')).toEqual({ clean: true });
    expect(parseClamdReply('stream: Confide-Test-EICAR.UNOFFICIAL FOUND\0')).toEqual({
      clean: false,
      signature: 'Confide-Test-EICAR.UNOFFICIAL',
    });
    expect(() => parseClamdReply('INSTREAM size limit exceeded. ERROR\0')).toThrow(/could not scan/);
  });
});

const skipReason = clamdSkipReason();

describe.skipIf(skipReason !== undefined)(
  `ClamAV scanning${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    let clamd: ClamdTestDaemon;
    let test: UploadTestApp;
    beforeAll(async () => {
      clamd = await startClamdTestDaemon();
      test = await startUploadTestApp({ scanner: createClamdScanner({ path: clamd.socketPath }) });
    }, 90_000);
    afterAll(async () => {
      await test?.close();
      await clamd?.stop();
    });

    it('blocks the EICAR file: audited, and nobody may download it, not even its sender', async () => {
      const id = await test.upload('client', new TextEncoder().encode(EICAR), 'eicar.txt');
      expect((await test.store.getAttachment(id))?.state).toBe('scanning');
      await test.uploads.idle();
      expect(test.scanErrors).toEqual([]);
      expect((await test.store.getAttachment(id))?.state).toBe('blocked');
      const ticket = await test.call('POST', `/v1/attachments/${id}/tickets`, { as: 'client' });
      expect(ticket.status).toBe(410);
      expect(await ticket.json()).toMatchObject({ error: { code: 'attachment_blocked' } });
      const audit = await test.store.listAudit({ firmId: 'firm_rivera_cho', limit: 5 });
      expect(audit.find((entry) => entry.action === 'attachment.blocked')).toMatchObject({ targetId: id });
    });

    it('clears a clean file, streamed in many chunks', async () => {
      const clean = new Uint8Array(3 * 1024 * 1024).fill(0x61);
      const id = await test.upload('client', clean, 'letters.txt');
      await test.uploads.idle();
      expect((await test.store.getAttachment(id))?.state).toBe('available');
      expect((await test.call('POST', `/v1/attachments/${id}/tickets`, { as: 'client' })).status).toBe(201);
    });
  },
);
