import { describe, expect, it } from 'vitest';
import { createTestApp, type PersonName, type TestApp } from '../testing/test-app.js';
import { resolveAttachmentSettings } from './attachment-settings.js';
import { createMemoryBlobStore } from './memory-blob-store.js';
import { createMemoryUploads } from './memory-uploads.js';

const ascii = (text: string) => new TextEncoder().encode(text);
const bytesOf = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((part) => (typeof part === 'string' ? [...ascii(part)] : part)));
const PDF = bytesOf('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n', 'x'.repeat(2000), '\n%%EOF\n');

async function uploadsApp() {
  const settings = resolveAttachmentSettings({ maxUploadBytes: 10_000 });
  const blobStore = createMemoryBlobStore();
  return createTestApp({
    attachments: { settings, blobStore, uploads: createMemoryUploads({ blobStore, settings }) },
  });
}

function tus(
  test: TestApp,
  method: string,
  path: string,
  as: PersonName,
  headers = {},
  body?: Uint8Array<ArrayBuffer>,
) {
  return test.call(method, path, {
    as,
    headers: { 'Tus-Resumable': '1.0.0', ...headers },
    ...(body === undefined ? {} : { rawBody: body }),
  });
}

async function create(test: TestApp, name: string, length: number, as: PersonName = 'admin') {
  return tus(test, 'POST', '/v1/uploads', as, {
    'Upload-Length': String(length),
    'Upload-Metadata': `filename ${btoa(name)},filetype ${btoa('application/pdf')}`,
  });
}

const patch = (
  test: TestApp,
  location: string,
  offset: number,
  chunk: Uint8Array<ArrayBuffer>,
  as: PersonName = 'admin',
) =>
  tus(
    test,
    'PATCH',
    location,
    as,
    { 'Content-Type': 'application/offset+octet-stream', 'Upload-Offset': String(offset) },
    chunk,
  );

/** Where a created upload continues, as a tus client resolves its `Location` against the creation URL. */
const uploadPath = (created: Response) =>
  new URL(created.headers.get('location') ?? '', 'https://confide.test/v1/uploads').pathname;

/** Uploads `bytes` in two chunks, asking the offset in between as a resuming client does. */
async function upload(test: TestApp, name: string, bytes: Uint8Array<ArrayBuffer>) {
  const location = uploadPath(await create(test, name, bytes.byteLength));
  const half = Math.floor(bytes.byteLength / 2);
  expect((await patch(test, location, 0, bytes.slice(0, half))).status).toBe(204);
  const offset = Number((await tus(test, 'HEAD', location, 'admin')).headers.get('upload-offset'));
  return { location, last: await patch(test, location, offset, bytes.slice(offset)) };
}

describe('memory uploads', () => {
  it.each([
    ['Passport.pdf', PDF, 204, 'application/pdf'],
    ['notes.txt', ascii('Pay slips for March\n'), 204, 'text/plain'],
    ['figures.csv', ascii('month,amount\nMarch,10\n'), 204, 'text/csv'],
    ['setup.pdf', bytesOf('MZ', [0x90, 0, 3, 0, 0, 0, 4, 0], 'x'.repeat(300)), 415, undefined],
    ['page.txt', ascii('<html><script>alert(1)</script></html>'), 415, undefined],
    ['tool.txt', ascii('#!/bin/sh\nrm -rf /\n'), 415, undefined],
  ])(
    'decides the type of %s from its bytes across a resumed upload',
    async (name, bytes, status, mediaType) => {
      const test = await uploadsApp();
      const { location, last } = await upload(test, name, bytes);
      expect(last.status).toBe(status);
      const id = location.split('/').at(-1);
      const attachment = await test.call('GET', `/v1/attachments/${id}`, { as: 'admin' });
      if (mediaType === undefined) {
        expect(await last.json()).toMatchObject({ error: { code: 'type_not_allowed' } });
        expect(attachment.status).toBe(404);
      } else {
        expect(await attachment.json()).toMatchObject({
          name,
          mediaType,
          size: bytes.byteLength,
          state: 'not_scanned',
        });
      }
    },
  );

  it("refuses a type the firm's own allow-list leaves out", async () => {
    const test = await uploadsApp();
    await test.call('PUT', '/v1/settings/notifications', {
      as: 'owner',
      body: { clientStartedThread: 'assignees_and_owner', allowedMediaTypes: ['application/pdf'] },
    });
    expect((await upload(test, 'notes.txt', ascii('Pay slips for March\n'))).last.status).toBe(415);
    expect((await upload(test, 'Passport.pdf', PDF)).last.status).toBe(204);
  });

  it('refuses a file over the limit, a wrong offset and a missing name', async () => {
    const test = await uploadsApp();
    expect(await (await create(test, 'big.pdf', 10_001)).json()).toMatchObject({
      error: { code: 'payload_too_large', details: { reason: 'file_too_large' } },
    });
    expect((await create(test, '', 10)).status).toBe(400);
    const location = uploadPath(await create(test, 'a.pdf', 10));
    expect((await patch(test, location, 3, ascii('abc'))).status).toBe(409);
  });

  it("answers someone else's upload like a missing one and removes an unsent one on DELETE", async () => {
    const test = await uploadsApp();
    const location = uploadPath(await create(test, 'a.pdf', 10));
    expect((await patch(test, location, 0, ascii('abc'), 'client')).status).toBe(404);
    expect((await tus(test, 'HEAD', location, 'otherFirmMember')).status).toBe(404);
    expect((await tus(test, 'DELETE', location, 'admin')).status).toBe(204);
    expect((await tus(test, 'HEAD', location, 'admin')).status).toBe(404);
  });
});
