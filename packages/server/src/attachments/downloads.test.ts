import { describe, expect, it } from 'vitest';
import { viewerRef } from '../domain/viewer.js';
import { seedAttachment } from '../testing/attachment-fixtures.js';
import { createTestApp, type PersonName, type TestApp } from '../testing/test-app.js';
import { DOWNLOAD_TICKET_TTL_MS } from './attachment-settings.js';

const CONVERSATION = 'cnv_daniel_work_permit';
const BYTES = new TextEncoder().encode('Payslip March: 2300 EUR\n');

async function ticketFor(test: TestApp, person: PersonName, id: string) {
  return test.call('POST', `/v1/attachments/${id}/tickets`, { as: person });
}

async function download(test: TestApp, person: PersonName, id: string) {
  const ticket = await ticketFor(test, person, id);
  expect(ticket.status).toBe(201);
  const { url } = (await ticket.json()) as { url: string };
  return { url, response: await test.call('GET', url) };
}

async function sentFile(test: TestApp, options: Parameters<typeof seedAttachment>[1] = {}) {
  return seedAttachment(test, {
    uploader: 'client',
    bytes: BYTES,
    sentIn: CONVERSATION,
    ...options,
  });
}

describe('downloads', () => {
  it.each(['owner', 'admin', 'member', 'client'] as const)(
    'gives %s the file once per ticket, as an attachment that no browser renders, and audits it',
    async (person) => {
      const test = await createTestApp();
      const file = await sentFile(test, { name: 'Lohnzettel "März" \u202Efdp.txt' });
      const { url, response } = await download(test, person, file.id);
      expect(response.status).toBe(200);
      expect(new Uint8Array(await response.arrayBuffer())).toEqual(BYTES);
      expect(Object.fromEntries(response.headers)).toMatchObject({
        'content-type': 'text/plain; charset=utf-8',
        'content-length': String(BYTES.byteLength),
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, no-store',
        'content-security-policy': "default-src 'none'; sandbox",
        'referrer-policy': 'no-referrer',
      });
      const disposition = response.headers.get('content-disposition') ?? '';
      expect(disposition).toMatch(/^attachment; filename="Lohnzettel _M_rz_ _fdp\.txt"; filename\*=UTF-8''/);
      expect(decodeURIComponent(disposition.split("''")[1] ?? '')).toBe(file.name);
      const again = await test.call('GET', url);
      expect(again.status).toBe(410);
      expect(await again.json()).toMatchObject({
        error: { code: 'ticket_invalid', details: { reason: 'used' } },
      });
      const audit = await test.store.listAudit({ firmId: 'firm_rivera_cho', limit: 3 });
      expect(audit[0]).toMatchObject({
        action: 'attachment.downloaded',
        targetId: file.id,
        actor: viewerRef(await test.viewer(person)),
      });
    },
  );

  it('refuses an expired ticket and an unknown one', async () => {
    const test = await createTestApp();
    const file = await sentFile(test);
    const { url } = (await (await ticketFor(test, 'client', file.id)).json()) as { url: string };
    test.clock.advance(DOWNLOAD_TICKET_TTL_MS);
    const expired = await test.call('GET', url);
    expect(expired.status).toBe(410);
    expect(await expired.json()).toMatchObject({
      error: { code: 'ticket_invalid', details: { reason: 'expired' } },
    });
    const unknown = await test.call('GET', `/v1/downloads/${'A'.repeat(43)}`);
    expect(await unknown.json()).toMatchObject({
      error: { code: 'ticket_invalid', details: { reason: 'unknown' } },
    });
    expect((await test.call('GET', '/v1/downloads/short')).status).toBe(400);
  });

  it('shows the firm when the client downloaded a file, and the client nothing about staff downloads', async () => {
    const test = await createTestApp();
    const file = await sentFile(test);
    await download(test, 'admin', file.id);
    const beforeClient = await (await test.call('GET', `/v1/attachments/${file.id}`, { as: 'owner' })).json();
    expect(beforeClient).toMatchObject({
      clientDownloadedAt: null,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    test.clock.advance(1_000);
    await download(test, 'client', file.id);
    const afterClient = await (await test.call('GET', `/v1/attachments/${file.id}`, { as: 'owner' })).json();
    expect(afterClient.clientDownloadedAt).toBe(test.clock.now().toISOString());
    const clientView = await (await test.call('GET', `/v1/attachments/${file.id}`, { as: 'client' })).json();
    expect(clientView).not.toHaveProperty('clientDownloadedAt');
    expect(clientView).not.toHaveProperty('sha256');
    expect(clientView).toMatchObject({ id: file.id, state: 'not_scanned' });
  });

  it.each([
    [
      'a file of an internal note',
      { internal: true, uploader: 'member' as const },
      { client: 404, otherClient: 404, owner: 201, member: 201 },
    ],
    [
      'a file still being scanned',
      { state: 'scanning' as const },
      { client: 201, owner: 409, member: 409, otherClient: 404 },
    ],
    [
      'a blocked file',
      { state: 'blocked' as const },
      { client: 410, owner: 410, member: 410, otherClient: 404 },
    ],
    [
      'an upload not sent yet',
      { sentIn: undefined },
      { client: 201, owner: 404, member: 404, otherClient: 404 },
    ],
  ])('issues tickets for %s only to those entitled', async (_label, options, expected) => {
    const test = await createTestApp();
    const file = await sentFile(test, options);
    for (const [person, status] of Object.entries(expected)) {
      const response = await ticketFor(test, person as PersonName, file.id);
      expect(response.status, person).toBe(status);
      if (status === 409) {
        expect(await response.json()).toMatchObject({
          error: { code: 'attachment_unavailable', details: { reason: 'scanning' } },
        });
      }
      if (status === 410)
        expect(await response.json()).toMatchObject({ error: { code: 'attachment_blocked' } });
    }
  });

  describe('preview tickets', () => {
    // A PNG signature and nothing else: the store keeps what the upload decided, the bytes only have to round-trip.
    const PICTURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const picture = (test: TestApp, mediaType: string) =>
      sentFile(test, { name: 'Reisepass.png', bytes: PICTURE, mediaType });
    const preview = (test: TestApp, person: PersonName, id: string) =>
      test.call('POST', `/v1/attachments/${id}/tickets?purpose=preview`, { as: person });

    it.each(['owner', 'member', 'client'] as const)(
      'show %s the picture inline, audited as a preview and never as a download',
      async (person) => {
        const test = await createTestApp();
        const file = await picture(test, 'image/png');
        const issued = await preview(test, person, file.id);
        expect(issued.status).toBe(201);
        const { url } = (await issued.json()) as { url: string };
        const response = await test.call('GET', url);
        expect(response.status).toBe(200);
        expect(new Uint8Array(await response.arrayBuffer())).toEqual(PICTURE);
        expect(Object.fromEntries(response.headers)).toMatchObject({
          'content-type': 'image/png',
          'x-content-type-options': 'nosniff',
          'content-security-policy': "default-src 'none'; sandbox",
          'cache-control': 'private, no-store',
        });
        expect(response.headers.get('content-disposition')).toMatch(/^inline; filename="Reisepass\.png"/);
        expect((await test.call('GET', url)).status).toBe(410);
        const audit = await test.store.listAudit({ firmId: 'firm_rivera_cho', limit: 10 });
        expect(audit.map((entry) => entry.action)).not.toContain('attachment.downloaded');
        expect(audit[0]).toMatchObject({
          action: 'attachment.previewed',
          targetId: file.id,
          actor: viewerRef(await test.viewer(person)),
        });
        const firmView = await (await test.call('GET', `/v1/attachments/${file.id}`, { as: 'owner' })).json();
        expect(firmView.clientDownloadedAt).toBeNull();
      },
    );

    it('leave "downloaded by the client" to a download ticket', async () => {
      const test = await createTestApp();
      const file = await picture(test, 'image/jpeg');
      const { url } = (await (await preview(test, 'client', file.id)).json()) as { url: string };
      await test.call('GET', url);
      test.clock.advance(1_000);
      const { response } = await download(test, 'client', file.id);
      expect(response.headers.get('content-disposition')).toMatch(/^attachment; /);
      const firmView = await (await test.call('GET', `/v1/attachments/${file.id}`, { as: 'owner' })).json();
      expect(firmView.clientDownloadedAt).toBe(test.clock.now().toISOString());
      const audit = await test.store.listAudit({ firmId: 'firm_rivera_cho', limit: 2 });
      expect(audit.map((entry) => entry.action)).toEqual(['attachment.downloaded', 'attachment.previewed']);
    });

    it.each(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif'])(
      'are issued for %s',
      async (mediaType) => {
        const test = await createTestApp();
        const file = await picture(test, mediaType);
        expect((await preview(test, 'client', file.id)).status).toBe(201);
      },
    );

    it.each([
      'application/pdf',
      'text/plain',
      'text/csv',
      'image/heic',
      'image/tiff',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ])('are refused for %s, which browsers do not draw as a picture', async (mediaType) => {
      const test = await createTestApp();
      const file = await picture(test, mediaType);
      const response = await preview(test, 'client', file.id);
      expect(response.status).toBe(409);
      expect(await response.json()).toMatchObject({
        error: { code: 'attachment_unavailable', details: { reason: 'no_preview' } },
      });
    });

    it.each([
      ['someone outside the conversation', 'otherClient' as const, { state: 'available' as const }, 404],
      ['a firm member, while the file is scanned', 'owner' as const, { state: 'scanning' as const }, 409],
      ['anyone, for a blocked file', 'client' as const, { state: 'blocked' as const }, 410],
    ])('follow the download rules for %s', async (_label, person, options, status) => {
      const test = await createTestApp();
      const file = await sentFile(test, { bytes: PICTURE, mediaType: 'image/png', ...options });
      expect((await preview(test, person, file.id)).status).toBe(status);
    });

    it.each(['thumbnail', 'DOWNLOAD', ''])('refuse the unknown purpose %j', async (purpose) => {
      const test = await createTestApp();
      const file = await picture(test, 'image/png');
      const response = await test.call('POST', `/v1/attachments/${file.id}/tickets?purpose=${purpose}`, {
        as: 'client',
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'invalid_input' } });
    });
  });

  it.each<[PersonName, 'download' | 'preview']>([
    ['client', 'download'],
    ['owner', 'download'],
    ['client', 'preview'],
  ])(
    "never redeems a ticket on a HEAD request (a link checker's or download manager's): %s, %s",
    async (person, purpose) => {
      const test = await createTestApp();
      const file = await sentFile(test, { uploader: 'owner', mediaType: 'image/png', name: 'scan.png' });
      const issued = await test.call('POST', `/v1/attachments/${file.id}/tickets?purpose=${purpose}`, {
        as: person,
      });
      const { url } = (await issued.json()) as { url: string };
      const head = await test.call('HEAD', url);
      expect(head.status).toBe(404);
      const owner = await (await test.call('GET', `/v1/attachments/${file.id}`, { as: 'owner' })).json();
      expect(owner.clientDownloadedAt).toBeNull();
      const audit = await test.store.listAudit({ firmId: 'firm_rivera_cho', limit: 10 });
      expect(audit.filter((entry) => entry.targetId === file.id)).toEqual([]);
      expect((await test.call('GET', url)).status).toBe(200);
    },
  );

  it('checks access again when a ticket is redeemed', async () => {
    const test = await createTestApp();
    const file = await sentFile(test, { state: 'scanning' });
    const { url } = (await (await ticketFor(test, 'client', file.id)).json()) as { url: string };
    await test.store.finishAttachmentScan(file.id, 'blocked');
    const response = await test.call('GET', url);
    expect(response.status).toBe(410);
    expect(await response.json()).toMatchObject({ error: { code: 'attachment_blocked' } });
  });
});
