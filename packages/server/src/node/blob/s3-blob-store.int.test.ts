import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBlobStoreContract } from '../../attachments/blob-store-contract.js';
import { type S3TestServer, startS3TestServer } from '../testing/s3-test-server.js';
import { startUploadTestApp } from '../testing/upload-test-app.js';
import { createS3BlobStore } from './s3-blob-store.js';

let s3: S3TestServer | undefined;
beforeAll(async () => {
  s3 = await startS3TestServer();
});
afterAll(async () => {
  await s3?.close();
});

describeBlobStoreContract('S3 blob store (s3rver on loopback)', () => {
  if (!s3) throw new Error('s3rver did not start');
  return createS3BlobStore({ ...s3.options, prefix: 'files/' });
});

it('carries a tus upload into S3 and back out through a download ticket', async () => {
  if (!s3) throw new Error('s3rver did not start');
  const test = await startUploadTestApp({
    blobStore: createS3BlobStore({ ...s3.options, prefix: 'uploads/' }),
  });
  try {
    const bytes = new Uint8Array(3 * 1024 * 1024 + 17).fill(0x62);
    const id = await test.upload('client', bytes, 'letters.txt');
    const ticket = await test.call('POST', `/v1/attachments/${id}/tickets`, { as: 'client' });
    const { url } = (await ticket.json()) as { url: string };
    const download = await test.call('GET', url);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);
  } finally {
    await test.close();
  }
}, 30_000);
