import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { assertBlobKey, type BlobStore } from '../../attachments/blob-store.js';
import { countingBytes } from './count-bytes.js';

/** Parts of a multipart upload: S3's minimum is 5 MiB; 8 MiB keeps memory at a few parts whatever the file size. */
const PART_SIZE_BYTES = 8 * 1024 * 1024;
/** Parts in flight at once. */
const PART_CONCURRENCY = 2;

/** Options of `createS3BlobStore` (the `CONFIDE_S3_*` settings). */
export interface S3BlobStoreOptions {
  readonly bucket: string;
  /** Object names start with this (e.g. `confide/`). @default '' */
  readonly prefix?: string | undefined;
  /** An S3-compatible endpoint (MinIO, R2, …); AWS when absent. */
  readonly endpoint?: string | undefined;
  /** @default 'us-east-1' */
  readonly region?: string | undefined;
  readonly accessKeyId?: string | undefined;
  readonly secretAccessKey?: string | undefined;
  /** Path-style URLs (`endpoint/bucket/key`), which most S3-compatible servers need. @default false */
  readonly forcePathStyle?: boolean | undefined;
}

/**
 * A `BlobStore` in S3-compatible object storage through `@aws-sdk/client-s3`. Files stream in as a multipart
 * upload of fixed-size parts and stream out of `GetObject`, so memory does not grow with file size.
 */
export function createS3BlobStore(options: S3BlobStoreOptions): BlobStore & { readonly client: S3Client } {
  const config: S3ClientConfig = {
    region: options.region ?? 'us-east-1',
    forcePathStyle: options.forcePathStyle ?? false,
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(options.accessKeyId !== undefined && options.secretAccessKey !== undefined
      ? { credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey } }
      : {}),
  };
  const client = new S3Client(config);
  const prefix = options.prefix ?? '';
  const objectKey = (key: string) => {
    assertBlobKey(key);
    return `${prefix}${key}`;
  };
  return {
    client,
    async put(key, body) {
      const counted = countingBytes(body);
      await new Upload({
        client,
        params: {
          Bucket: options.bucket,
          Key: objectKey(key),
          Body: Readable.fromWeb(counted.stream as never),
        },
        partSize: PART_SIZE_BYTES,
        queueSize: PART_CONCURRENCY,
      }).done();
      return { size: counted.size() };
    },
    async get(key) {
      try {
        const result = await client.send(
          new GetObjectCommand({ Bucket: options.bucket, Key: objectKey(key) }),
        );
        return (result.Body?.transformToWebStream() as ReadableStream<Uint8Array> | undefined) ?? null;
      } catch (error) {
        if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return null;
        throw error;
      }
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket: options.bucket, Key: objectKey(key) }));
    },
  };
}
