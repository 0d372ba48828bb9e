import * as tus from 'tus-js-client';
import { describe, expect, it } from 'vitest';
import { startUploadTestApp, type UploadTestAppOptions } from '../testing/upload-test-app.js';

const FILE = new Uint8Array(
  Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200 * 1024, 0x20), Buffer.from('\n%%EOF\n')]),
);
// Several PATCH requests, each to the upload's URL as the client resolved it from `Location`.
const CHUNK_BYTES = 64 * 1024;

/** Uploads FILE with tus-js-client at `endpoint`; resolves with the URL the client continued at. */
function upload(endpoint: string, token: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const started: tus.Upload = new tus.Upload(Buffer.from(FILE), {
      endpoint,
      headers: { Authorization: `Bearer ${token}` },
      metadata: { filename: 'Reisepass.pdf' },
      chunkSize: CHUNK_BYTES,
      retryDelays: [],
      onError: reject,
      onSuccess: () => resolve(String(started.url)),
    });
    started.start();
  });
}

describe('tus uploads under a path prefix', () => {
  it.each<[string, UploadTestAppOptions['prefix']]>([
    ['at the root', undefined],
    ['mounted under /confide', { path: '/confide', by: 'mount' }],
    ['behind a proxy that adds /api/confide', { path: '/api/confide', by: 'proxy' }],
  ])('continue at the upload URL under the same prefix %s', async (_label, prefix) => {
    const test = await startUploadTestApp({ ...(prefix ? { prefix } : {}) });
    try {
      const base = `${test.url}${prefix?.path ?? ''}`;
      const token = await test.tokenFor('client');
      const uploadUrl = await upload(`${base}/v1/uploads`, token);
      const id = uploadUrl.split('/').pop() ?? '';
      expect(uploadUrl).toBe(`${base}/v1/uploads/${id}`);
      const headers = { Authorization: `Bearer ${token}`, 'Tus-Resumable': '1.0.0' };
      const resumed = await fetch(uploadUrl, { method: 'HEAD', headers });
      expect(resumed.status).toBe(200);
      expect(resumed.headers.get('upload-offset')).toBe(String(FILE.byteLength));
      const file = await fetch(`${base}/v1/attachments/${id}`, { headers });
      expect(await file.json()).toMatchObject({
        id,
        name: 'Reisepass.pdf',
        size: FILE.byteLength,
        mediaType: 'application/pdf',
      });
    } finally {
      await test.close();
    }
  });
});
