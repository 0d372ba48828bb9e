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
