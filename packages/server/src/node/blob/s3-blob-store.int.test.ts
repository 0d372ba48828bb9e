import { afterAll, beforeAll } from 'vitest';
import { describeBlobStoreContract } from '../../attachments/blob-store-contract.js';
import { type S3TestServer, startS3TestServer } from '../testing/s3-test-server.js';
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
