import { createHash } from 'node:crypto';

// Text that a browser or a shell would treat as markup or a script, even saved as .txt: refused as text.
const MARKUP_OR_SCRIPT_START = /^(?:<|#!)/;
// C0 controls other than tab, line feed, form feed and carriage return, and DEL: not in any text file people write.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const BINARY_CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;
const START_CHECK_LENGTH = 64;

/** What streaming a file's bytes found out. */
export interface ByteReport {
  readonly size: number;
  /** Hex SHA-256. */
  readonly sha256: string;
  /** Whether the bytes are plain text: UTF-8 without control characters, not starting like markup or a script. */
  readonly text: boolean;
}

/**
 * A pass-through stream that hashes the bytes (SHA-256) and checks whether they are plain text while they flow
 * to where they are stored, so each file is read once. `report()` is ready once the stream has ended.
 */
export function createByteInspector(): {
  readonly stream: TransformStream<Uint8Array, Uint8Array>;
  report(): ByteReport;
} {
  const hash = createHash('sha256');
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let size = 0;
  let text = true;
  let start = '';
  let sha256: string | undefined;
  const checkText = (decoded: string) => {
    if (start.length < START_CHECK_LENGTH) start = `${start}${decoded}`.slice(0, START_CHECK_LENGTH);
    if (BINARY_CONTROL.test(decoded)) text = false;
  };
  const stream = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      hash.update(chunk);
      size += chunk.byteLength;
      if (text) {
        try {
          checkText(decoder.decode(chunk, { stream: true }));
        } catch {
          text = false;
        }
      }
      controller.enqueue(chunk);
    },
    flush() {
      if (text) {
        try {
          checkText(decoder.decode());
        } catch {
          text = false;
        }
      }
      if (MARKUP_OR_SCRIPT_START.test(start.trimStart())) text = false;
      sha256 = hash.digest('hex');
    },
  });
  return {
    stream,
    report() {
      if (sha256 === undefined) throw new Error('The stream has not ended');
      return { size, sha256, text };
    },
  };
}
