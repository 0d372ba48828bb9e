import type { IncomingMessage } from 'node:http';
import { type Readable, Transform } from 'node:stream';
import { FileStore } from '@tus/file-store';
import { type ByteInspector, type ByteReport, createByteInspector } from './inspect-bytes.js';

/**
 * tus's file store that inspects each upload's bytes (SHA-256, the text check) as its requests write them, so a
 * finished upload needs no second read of the whole file. An inspection continues only from exactly where the
 * last successful write ended; whenever that is not known here (a failed write, a request served by another
 * process, a restart), the upload's inspection is dropped and `inspectionOf` answers `null`: the caller then
 * reads the staged file once more.
 */
export class InspectingFileStore extends FileStore {
  readonly #inspections = new Map<string, ByteInspector>();

  override async write(readable: IncomingMessage | Readable, id: string, offset: number): Promise<number> {
    let inspector = this.#inspections.get(id);
    this.#inspections.delete(id);
    if (offset === 0) inspector = createByteInspector();
    if (inspector?.size !== offset) return super.write(readable, id, offset);
    const running = inspector;
    const inspected = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        running.update(chunk);
        callback(null, chunk);
      },
    });
    // `pipe` does not pass a source's failure on; the store's pipeline must see it to stop the write.
    readable.once('error', (error) => inspected.destroy(error));
    const written = await super.write(readable.pipe(inspected), id, offset);
    // Every byte the inspector took was written (the store counts the same bytes after it): it continues here.
    if (running.size === written) this.#inspections.set(id, running);
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

  /** Forgets an upload's inspection (its staged bytes are gone or were adopted elsewhere). */
  forget(id: string): void {
    this.#inspections.delete(id);
  }
}
