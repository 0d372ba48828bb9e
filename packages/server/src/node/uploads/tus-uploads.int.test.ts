import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import * as tus from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveAttachmentSettings } from '../../attachments/attachment-settings.js';
import { PEOPLE, type PersonName } from '../../testing/test-app.js';
import { startUploadTestApp, type UploadTestApp } from '../testing/upload-test-app.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const ascii = (text: string) => new TextEncoder().encode(text);
const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

/** Deterministic filler so a corrupted or reordered byte changes the hash. */
function filler(size: number, seed = 1): Uint8Array {
  const bytes = new Uint8Array(size);
  let value = seed;
  for (let index = 0; index < size; index += 1) {
    value = (value * 1_103_515_245 + 12_345) & 0x7fffffff;
    bytes[index] = value >>> 16;
  }
  return bytes;
}

const PDF = concat(
  ascii('%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<<>>\nendobj\n'),
  filler(300_000),
  ascii('\n%%EOF\n'),
);
const PNG = concat(
  Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  ascii('IHDR'),
  filler(200),
);
const JPEG = concat(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]), ascii('JFIF\0'), filler(200));
const GIF = concat(ascii('GIF89a'), filler(200));
const WEBP = concat(ascii('RIFF'), Uint8Array.from([200, 0, 0, 0]), ascii('WEBPVP8 '), filler(200));
const EXE = concat(ascii('MZ'), Uint8Array.from([0x90, 0, 3, 0, 0, 0, 4, 0]), filler(200));
const ELF = concat(Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), filler(200));

let test: UploadTestApp;
beforeAll(async () => {
  test = await startUploadTestApp();
});
afterAll(async () => {
  await test.close();
});

async function attachmentAs(person: PersonName, id: string) {
  return test.call('GET', `/v1/attachments/${id}`, { as: person });
}

async function tusRequest(
  method: string,
  path: string,
  person: PersonName | null,
  headers: Record<string, string> = {},
  body?: BodyInit,
) {
  const token = person === null ? undefined : await test.tokenFor(person);
  return fetch(`${test.url}${path}`, {
    method,
    headers: { 'Tus-Resumable': '1.0.0', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
    ...(body === undefined ? {} : { body }),
  });
}

async function createUpload(person: PersonName, length: number, name = 'a.txt'): Promise<string> {
  const response = await tusRequest('POST', '/v1/uploads', person, {
    'Upload-Length': String(length),
    'Upload-Metadata': `filename ${Buffer.from(name).toString('base64')}`,
  });
  expect(response.status).toBe(201);
  // Resolved against the creation URL, as tus clients do (the Location is relative to it).
  return new URL(response.headers.get('location') ?? '', `${test.url}/v1/uploads`).pathname;
}

describe('tus uploads', () => {
  it('stores a file with the type decided from its bytes and its SHA-256, and audits the upload', async () => {
    const id = await test.upload('admin', PDF, 'Reisepass "Okafor".txt', { chunkSize: 64 * 1024 });
    const response = await attachmentAs('admin', id);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      id,
      name: 'Reisepass "Okafor".txt',
      size: PDF.byteLength,
      mediaType: 'application/pdf',
      state: 'not_scanned',
      messageId: null,
      sha256: sha256(PDF),
    });
    const audit = await test.store.listAudit({ firmId: 'firm_rivera_cho', limit: 5 });
    expect(audit.find((entry) => entry.targetId === id)).toMatchObject({
      action: 'attachment.uploaded',
      actor: { kind: 'member', id: PEOPLE.admin.sub },
    });
  });

  it.each([
    ['passport.pdf', PDF, 'application/pdf'],
    ['photo.png', PNG, 'image/png'],
    ['photo.jpg', JPEG, 'image/jpeg'],
    ['anim.gif', GIF, 'image/gif'],
    ['photo.webp', WEBP, 'image/webp'],
    ['notes.txt', ascii('Meine Adresse: Straße 5\r\nTel.\t030 1234\n'), 'text/plain'],
    ['with-bom.txt', concat(Uint8Array.from([0xef, 0xbb, 0xbf]), ascii('héllo')), 'text/plain'],
    ['salaries.csv', ascii('month,amount\nMarch,2300\n'), 'text/csv'],
    ['renamed.pdf', ascii('just words\n'), 'text/plain'],
  ])('accepts %s as %s', async (name, bytes, mediaType) => {
    const id = await test.upload('client', bytes, name);
    expect(await (await attachmentAs('client', id)).json()).toMatchObject({
      mediaType,
      size: bytes.byteLength,
    });
  });

  it.each([
    ['setup.pdf (a Windows executable)', EXE, 'application/x-msdownload'],
    ['tool.pdf (an ELF binary)', ELF, 'application/x-elf'],
    ['page.txt (HTML)', ascii('  <!doctype html><script>alert(1)</script>'), 'application/octet-stream'],
    [
      'image.txt (SVG)',
      ascii('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
      'application/octet-stream',
    ],
    ['run.txt (a shell script)', ascii('#!/bin/sh\nrm -rf /\n'), 'application/octet-stream'],
    ['noise.txt (binary noise)', filler(4096, 7), 'application/octet-stream'],
    ['nul.txt (text with NUL)', ascii('abc\0def'), 'application/octet-stream'],
    [
      'latin1.txt (not UTF-8)',
      Uint8Array.from([0x53, 0x74, 0x72, 0x61, 0xdf, 0x65]),
      'application/octet-stream',
    ],
  ])('refuses %s and keeps nothing of it', async (label, bytes, detected) => {
    const name = label.split(' ')[0] ?? 'x';
    const error = await test.upload('client', bytes, name).then(
      () => undefined,
      (reason: tus.DetailedError) => reason,
    );
    expect(error?.originalResponse?.getStatus()).toBe(415);
    expect(JSON.parse(error?.originalResponse?.getBody() ?? '{}')).toMatchObject({
      error: { code: 'type_not_allowed', details: { reason: detected } },
    });
    const id = error?.originalRequest?.getURL().split('/').pop() ?? '';
    expect(await test.store.getAttachment(id)).toBeNull();
    expect(await test.blobStore.get(id)).toBeNull();
  });

  it('resumes an upload where a cut connection stopped it', async () => {
    const bytes = filler(3 * 1024 * 1024, 3);
    const token = await test.tokenFor('client');
    const options = {
      endpoint: `${test.url}/v1/uploads`,
      headers: { Authorization: `Bearer ${token}` },
      metadata: { filename: 'payslips.pdf' },
      chunkSize: 256 * 1024,
      retryDelays: [],
    };
    const first = new tus.Upload(Buffer.from(concat(ascii('%PDF-1.4\n'), bytes)), options);
    await new Promise<void>((resolve, reject) => {
      first.options.onError = reject;
      first.options.onChunkComplete = (_chunk, accepted) => {
        if (accepted >= 1024 * 1024) void first.abort().then(resolve);
      };
      first.start();
    });
    const url = String(first.url);
    const head = await fetch(url, {
      method: 'HEAD',
      headers: { 'Tus-Resumable': '1.0.0', Authorization: `Bearer ${token}` },
    });
    const offset = Number(head.headers.get('upload-offset'));
    expect(offset).toBeGreaterThanOrEqual(1024 * 1024);
    expect(offset).toBeLessThan(bytes.byteLength);

    let sentAfterResume = 0;
    const resumed = new tus.Upload(Buffer.from(concat(ascii('%PDF-1.4\n'), bytes)), {
      ...options,
      uploadUrl: url,
      onChunkComplete: (chunkSize) => {
        sentAfterResume += chunkSize;
      },
    });
    await new Promise<void>((resolve, reject) => {
      resumed.options.onError = reject;
      resumed.options.onSuccess = () => resolve();
      resumed.start();
    });
    expect(resumed.url).toBe(url);
    // Only the missing part travelled again.
    expect(sentAfterResume).toBe(bytes.byteLength + 9 - offset);
    const id = url.split('/').pop() ?? '';
    expect((await test.store.getAttachment(id))?.sha256).toBe(sha256(concat(ascii('%PDF-1.4\n'), bytes)));
    expect(await (await attachmentAs('client', id)).json()).toMatchObject({
      mediaType: 'application/pdf',
      size: bytes.byteLength + 9,
    });
  });

  it('refuses a file larger than the limit from its Upload-Length, before any byte', async () => {
    const response = await tusRequest('POST', '/v1/uploads', 'client', {
      'Upload-Length': String(test.settings.maxUploadBytes + 1),
      'Upload-Metadata': `filename ${btoa('big.pdf')}`,
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({
      error: { code: 'payload_too_large', details: { reason: 'file_too_large' } },
    });
  });

  it('refuses more bytes than the upload announced while they stream', async () => {
    const location = await createUpload('client', 10);
    const response = await tusRequest(
      'PATCH',
      location,
      'client',
      { 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream' },
      new Uint8Array(64),
    );
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  it('refuses an upload without a size or with a bad name', async () => {
    const deferred = await tusRequest('POST', '/v1/uploads', 'client', { 'Upload-Defer-Length': '1' });
    expect(deferred.status).toBe(400);
    for (const name of ['', 'a\r\nb.pdf', '../etc/passwd', '\u200B']) {
      const response = await tusRequest('POST', '/v1/uploads', 'client', {
        'Upload-Length': '5',
        'Upload-Metadata': `filename ${Buffer.from(name).toString('base64')}`,
      });
      expect(response.status, JSON.stringify(name)).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'invalid_input' } });
    }
  });

  it.each(['owner', 'admin', 'member', 'otherClient', 'otherFirmMember', 'otherFirmClient'] as const)(
    'lets %s neither see, continue nor cancel the client’s upload',
    async (person) => {
      const location = await createUpload('client', 10);
      for (const [method, headers] of [
        ['HEAD', {}],
        ['PATCH', { 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream' }],
        ['DELETE', {}],
      ] as const) {
        const response = await tusRequest(
          method,
          location,
          person,
          headers,
          method === 'PATCH' ? new Uint8Array(10) : undefined,
        );
        expect(response.status, method).toBe(404);
      }
      const id = location.split('/').pop() ?? '';
      expect((await attachmentAs(person, id)).status).toBe(404);
      const unauthenticated = await tusRequest('HEAD', location, null);
      expect(unauthenticated.status).toBe(401);
      const own = await tusRequest('HEAD', location, 'client');
      expect(own.headers.get('upload-offset')).toBe('0');
    },
  );

  it('cancels an upload and removes a finished one that was not sent', async () => {
    const location = await createUpload('client', 10);
    expect((await tusRequest('DELETE', location, 'client')).status).toBe(204);
    expect(await test.store.getAttachment(location.split('/').pop() ?? '')).toBeNull();
    const id = await test.upload('client', ascii('hello'), 'hello.txt');
    expect((await tusRequest('DELETE', `/v1/uploads/${id}`, 'client')).status).toBe(204);
    expect(await test.store.getAttachment(id)).toBeNull();
    expect(await test.blobStore.get(id)).toBeNull();
  });

  it('removes uploads abandoned past their deadline, finished or not', async () => {
    const unfinished = (await createUpload('client', 10)).split('/').pop() ?? '';
    const finished = await test.upload('client', ascii('hello'), 'hello.txt');
    test.clock.advance(test.settings.attachWindowMs + 1);
    expect(await test.uploads.sweep(test.context())).toBeGreaterThanOrEqual(2);
    expect(await test.store.getAttachment(unfinished)).toBeNull();
    expect(await test.store.getAttachment(finished)).toBeNull();
    expect(await test.blobStore.get(finished)).toBeNull();
  });
});

describe('tus uploads with a small limit', () => {
  it('stops a tus-js-client upload above the limit', async () => {
    const small = await startUploadTestApp({ settings: resolveAttachmentSettings({ maxUploadBytes: 1024 }) });
    try {
      const error = await small.upload('client', filler(4096), 'big.txt').then(
        () => undefined,
        (reason: tus.DetailedError) => reason,
      );
      expect(error?.originalResponse?.getStatus()).toBe(413);
    } finally {
      await small.close();
    }
  });
});

describe('tus staging', () => {
  it('keeps no record of a finished upload in the staging folder', async () => {
    const id = await test.upload('client', ascii('staged then stored'), 'stored.txt');
    const names = await readdir(join(test.directory, 'uploads'));
    expect(names.filter((name) => name.startsWith(id))).toEqual([]);
    const records = names
      .filter((name) => name.endsWith('.json'))
      .map((name) => name.slice(0, -'.json'.length));
    expect(records.filter((record) => !names.includes(record))).toEqual([]);
  });
});
