import { assertBlobKey, type BlobStore } from './blob-store.js';

/** A `BlobStore` in memory, for tests and the mocks (it holds every file whole, so keep them small). */
export function createMemoryBlobStore(): BlobStore {
  const blobs = new Map<string, Uint8Array<ArrayBuffer>>();
  return {
    async put(key, body) {
      assertBlobKey(key);
      const bytes = new Uint8Array(await new Response(body).arrayBuffer());
      blobs.set(key, bytes);
      return { size: bytes.byteLength };
    },
    async get(key) {
      assertBlobKey(key);
      const bytes = blobs.get(key);
      return bytes === undefined ? null : new Response(bytes).body;
    },
    async delete(key) {
      assertBlobKey(key);
      blobs.delete(key);
    },
  };
}
