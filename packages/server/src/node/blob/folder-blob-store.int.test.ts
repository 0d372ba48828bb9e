import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBlobStoreContract } from '../../attachments/blob-store-contract.js';
import { createFolderBlobStore } from './folder-blob-store.js';

let directory = '';
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'confide-blobs-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describeBlobStoreContract('folder blob store', () => createFolderBlobStore(directory));

it('leaves no partial file behind after a failed write', async () => {
  const blobs = await createFolderBlobStore(join(directory, 'partial'));
  const failing = new ReadableStream<Uint8Array>({
    pull(controller) {
      controller.error(new Error('cut'));
    },
  });
  await expect(blobs.put('blob_partial', failing)).rejects.toThrow();
  expect(await readdir(join(directory, 'partial'))).toEqual([]);
});

it('adopts a finished file from the same disk instead of copying it', async () => {
  const blobs = await createFolderBlobStore(join(directory, 'adopt'));
  const staged = join(directory, 'staged-file');
  await writeFile(staged, 'adopted bytes');
  expect(await blobs.adoptFile?.('blob_adopted', staged)).toBe(true);
  const stream = await blobs.get('blob_adopted');
  expect(stream && (await new Response(stream).text())).toBe('adopted bytes');
  await expect(readFile(staged)).rejects.toThrow();
});
