import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
// @ts-expect-error s3rver ships no types; only its constructor, run and close are used.
import S3rver from 's3rver';
import { createS3BlobStore, type S3BlobStoreOptions } from '../blob/s3-blob-store.js';

/** An S3-compatible server on loopback (s3rver, files in a temporary folder) with one bucket. */
export interface S3TestServer {
  /** `CONFIDE_S3_*` settings that reach it. */
  readonly options: S3BlobStoreOptions;
  close(): Promise<void>;
}

/** Starts s3rver on 127.0.0.1 (a free port) and creates a bucket. */
export async function startS3TestServer(bucket = 'confide-test'): Promise<S3TestServer> {
  const directory = await mkdtemp(join(tmpdir(), 'confide-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory });
  const address = (await server.run()) as AddressInfo;
  const options: S3BlobStoreOptions = {
    bucket,
    endpoint: `http://127.0.0.1:${address.port}`,
    region: 'us-east-1',
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    forcePathStyle: true,
  };
  const store = createS3BlobStore(options);
  await store.client.send(new CreateBucketCommand({ Bucket: bucket }));
  store.client.destroy();
  return {
    options,
    async close() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
