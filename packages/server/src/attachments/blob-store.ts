/**
 * Where file bytes live. Bodies are web streams both ways, so a file passes through in chunks and memory does not
 * grow with its size. Keys are the server's own ids (`[A-Za-z0-9_-]`), never names from users.
 */
export interface BlobStore {
  /** Stores the stream's bytes under `key` (replacing any earlier ones) and resolves with their count once durable. */
  put(key: string, body: ReadableStream<Uint8Array>): Promise<{ readonly size: number }>;
  /** The bytes under `key` as a stream, or null when there are none. */
  get(key: string): Promise<ReadableStream<Uint8Array> | null>;
  /** Removes the bytes under `key`; removing a missing key does nothing. */
  delete(key: string): Promise<void>;
  /**
   * Optional: takes over a complete file on the server's disk as the bytes of `key` (a store in a folder on the
   * same disk renames it instead of copying every byte again). Resolves false when it cannot; the caller then
   * streams the file with `put`.
   */
  adoptFile?(key: string, path: string): Promise<boolean>;
}

const BLOB_KEY_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

/** Throws unless `key` is a valid blob key (it also ends up in file paths and object names). */
export function assertBlobKey(key: string): void {
  if (!BLOB_KEY_PATTERN.test(key)) throw new TypeError(`Invalid blob key: ${JSON.stringify(key)}`);
}
