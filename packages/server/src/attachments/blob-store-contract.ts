import { describe, expect, it } from 'vitest';
import type { BlobStore } from './blob-store.js';

let counter = 0;
const uniqueKey = () => {
  counter += 1;
  return `blob_${Date.now().toString(36)}_${counter}`;
};

/** A stream of `chunks` chunks of `chunkSize` bytes, each chunk filled with its index. */
function chunkedStream(chunks: number, chunkSize: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === chunks) return controller.close();
      controller.enqueue(new Uint8Array(chunkSize).fill(sent % 256));
      sent += 1;
    },
  });
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * The behaviour every `BlobStore` must have, as a vitest suite (test-only, like the store contract).
 *
 * @example
 * describeBlobStoreContract('memory', () => createMemoryBlobStore());
 */
export function describeBlobStoreContract(
  name: string,
  createBlobStore: () => BlobStore | Promise<BlobStore>,
): void {
  describe(name, () => {
    it('gives back exactly the bytes it was given, across many chunks', async () => {
      const blobs = await createBlobStore();
      const key = uniqueKey();
      expect(await blobs.put(key, chunkedStream(40, 64 * 1024 + 3))).toEqual({ size: 40 * (64 * 1024 + 3) });
      const stream = await blobs.get(key);
      if (!stream) throw new Error('The blob is missing');
      const bytes = await readAll(stream);
      expect(bytes.byteLength).toBe(40 * (64 * 1024 + 3));
      expect(bytes[0]).toBe(0);
      expect(bytes[39 * (64 * 1024 + 3)]).toBe(39);
    });

    it('stores an empty file', async () => {
      const blobs = await createBlobStore();
      const key = uniqueKey();
      expect(await blobs.put(key, chunkedStream(0, 1))).toEqual({ size: 0 });
      const stream = await blobs.get(key);
      expect(stream && (await readAll(stream)).byteLength).toBe(0);
    });

    it('answers null for a missing key and forgets a deleted one', async () => {
      const blobs = await createBlobStore();
      const key = uniqueKey();
      expect(await blobs.get(key)).toBeNull();
      await blobs.put(key, chunkedStream(1, 10));
      await blobs.delete(key);
      expect(await blobs.get(key)).toBeNull();
      await expect(blobs.delete(key)).resolves.toBeUndefined();
    });

    it('replaces the bytes of a key that is put again', async () => {
      const blobs = await createBlobStore();
      const key = uniqueKey();
      await blobs.put(key, chunkedStream(2, 10));
      await blobs.put(key, chunkedStream(1, 3));
      const stream = await blobs.get(key);
      expect(stream && Array.from(await readAll(stream))).toEqual([0, 0, 0]);
    });

    it.each(['../escape', 'a/b', '', 'name with space', '.hidden'])('refuses the key %j', async (key) => {
      const blobs = await createBlobStore();
      await expect(blobs.put(key, chunkedStream(1, 1))).rejects.toThrow(TypeError);
      await expect(blobs.get(key)).rejects.toThrow(TypeError);
    });

    it('keeps nothing when the incoming stream fails', async () => {
      const blobs = await createBlobStore();
      const key = uniqueKey();
      let sent = 0;
      const failing = new ReadableStream<Uint8Array>({
        pull(controller) {
          sent += 1;
          if (sent > 3) controller.error(new Error('connection cut'));
          else controller.enqueue(new Uint8Array(1024));
        },
      });
      await expect(blobs.put(key, failing)).rejects.toThrow();
      expect(await blobs.get(key)).toBeNull();
    });
  });
}
