import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { assertBlobKey, type BlobStore } from '../../attachments/blob-store.js';
import { countingBytes } from './count-bytes.js';

/**
 * A `BlobStore` in a local folder (the server's data folder by default): one file per key. A file is written
 * under a temporary name and renamed when complete, so a reader never sees half a file.
 */
export async function createFolderBlobStore(directory: string): Promise<BlobStore> {
  await mkdir(directory, { recursive: true });
  const pathOf = (key: string) => {
    assertBlobKey(key);
    return join(directory, key);
  };
  return {
    async put(key, body) {
      const target = pathOf(key);
      const temporary = join(directory, `.${key}.${randomUUID()}.part`);
      const counted = countingBytes(body);
      const file = createWriteStream(temporary, { flush: true });
      try {
        await counted.stream.pipeTo(Writable.toWeb(file));
        await rename(temporary, target);
      } catch (error) {
        // A body that fails at once can do so while the file is still being opened: removing it before the
        // stream has closed would leave the file it then creates behind.
        if (!file.closed) await once(file, 'close').catch(() => {});
        await rm(temporary, { force: true });
        throw error;
      }
      return { size: counted.size() };
    },
    async get(key) {
      const path = pathOf(key);
      try {
        await stat(path);
      } catch {
        return null;
      }
      return Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>;
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
    async adoptFile(key, path) {
      const target = pathOf(key);
      // Durable before it becomes visible, as `put` is: flush the bytes, then rename within the disk.
      const handle = await open(path, 'r+');
      try {
        await handle.datasync();
      } finally {
        await handle.close();
      }
      try {
        await rename(path, target);
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EXDEV') return false;
        throw error;
      }
    },
  };
}
