import { createWriteStream } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { dirname, resolve } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FileStore } from '@tus/file-store';
import { ERRORS } from '@tus/server';
import { type ByteInspector, type ByteReport, createByteInspector } from './inspect-bytes.js';

/**
 * How many bytes of a request may wait for the disk. While one write is under way the next chunks gather and go
 * in one `writev`: the file store's default (16 KiB, one 64 KiB socket chunk per write and a thread-pool round trip
 * each) made a busy machine's scheduling delays the upload's speed limit.
 */
const WRITE_BUFFER_BYTES = 4 * 1024 * 1024;

/**
 * tus's file store that inspects each upload's bytes (SHA-256, the text check) as its requests write them, so a
 * finished upload needs no second read of the whole file. An inspection continues only from exactly where the
 * last successful write ended; whenever that is not known here (a failed write, a request served by another
 * process, a restart), the upload's inspection is dropped and `inspectionOf` answers `null`: the caller then
 * reads the staged file once more.
 */
export class InspectingFileStore extends FileStore {
  readonly #inspections = new Map<string, ByteInspector>();

  /** Appends a request's bytes at `offset` (as `FileStore` does, with a larger write buffer) and inspects them. */
  override async write(readable: IncomingMessage | Readable, id: string, offset: number): Promise<number> {
    const path = resolve(this.directory, id);
    if (dirname(path) !== resolve(this.directory)) throw ERRORS.FILE_NOT_FOUND;
    let inspector = this.#inspections.get(id);
    this.#inspections.delete(id);
    if (offset === 0) inspector = createByteInspector();
    const running = inspector?.size === offset ? inspector : undefined;
    let written = offset;
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        written += chunk.byteLength;
        running?.update(chunk);
        callback(null, chunk);
      },
    });
    try {
      await pipeline(
        readable,
        counted,
        createWriteStream(path, { flags: 'r+', start: offset, highWaterMark: WRITE_BUFFER_BYTES }),
      );
    } catch {
      throw ERRORS.FILE_WRITE_ERROR;
    }
    // Every byte the inspector took is in the file now: the next request continues from here.
    if (running) this.#inspections.set(id, running);
    return written;
  }

  override async remove(id: string): Promise<void> {
    this.#inspections.delete(id);
    return super.remove(id);
  }

  /** What the writes of a complete upload of `size` bytes found, when they saw every byte; forgets the upload. */
  inspectionOf(id: string, size: number): ByteReport | null {
    const inspector = this.#inspections.get(id);
    this.#inspections.delete(id);
    return inspector?.size === size ? inspector.finish() : null;
  }
}
