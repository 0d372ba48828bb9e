import type * as tus from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUploadTestApp, type UploadTestApp } from '../testing/upload-test-app.js';

const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const TEXT = new TextEncoder().encode('Pay slip, November\n');

let test: UploadTestApp;
beforeAll(async () => {
  test = await startUploadTestApp();
});
afterAll(async () => {
  await test.close();
});

describe('uploads under a firm’s allow-list', () => {
  it('refuses at upload time a type the server takes but the firm does not, and keeps nothing of it', async () => {
    const narrowed = await test.call('PUT', '/v1/settings/notifications', {
      as: 'owner',
      body: { clientStartedThread: 'assignees_and_owner', allowedMediaTypes: ['application/pdf'] },
    });
    expect(narrowed.status).toBe(200);
    const accepted = await test.upload('client', PDF, 'form.pdf');
    expect((await test.store.getAttachment(accepted))?.mediaType).toBe('application/pdf');
    const error = await test.upload('client', TEXT, 'payslip.txt').then(
      () => undefined,
      (reason: tus.DetailedError) => reason,
    );
    expect(error?.originalResponse?.getStatus()).toBe(415);
    expect(JSON.parse(error?.originalResponse?.getBody() ?? '{}')).toMatchObject({
      error: { code: 'type_not_allowed', details: { reason: 'text/plain' } },
    });
    const refused = error?.originalRequest?.getURL().split('/').pop() ?? '';
    expect(await test.store.getAttachment(refused)).toBeNull();
    // Another firm keeps the server's list.
    expect(await test.upload('otherFirmClient', TEXT, 'notes.txt')).toMatch(/^att_/);
  });
});
