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
 * Hashes a file's bytes (SHA-256) and checks whether they are plain text, chunk by chunk in the file's order, so
 * the bytes can be inspected while they arrive (an upload's requests one after another) without being read again.
 */
export interface ByteInspector {
  /** How many bytes it has taken so far. */
  readonly size: number;
  /** Takes the file's next bytes. */
  update(chunk: Uint8Array): void;
  /** Ends the inspection (the file has no more bytes) and tells what it found. Call once. */
  finish(): ByteReport;
}

/** A new inspection, at the start of a file. */
export function createByteInspector(): ByteInspector {
  const hash = createHash('sha256');
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let size = 0;
  let text = true;
  let start = '';
  const checkText = (decoded: string) => {
    if (start.length < START_CHECK_LENGTH) start = `${start}${decoded}`.slice(0, START_CHECK_LENGTH);
    if (BINARY_CONTROL.test(decoded)) text = false;
  };
  return {
    get size() {
      return size;
    },
    update(chunk) {
      hash.update(chunk);
      size += chunk.byteLength;
      if (!text) return;
      try {
        checkText(decoder.decode(chunk, { stream: true }));
      } catch {
        text = false;
      }
    },
    finish() {
      if (text) {
        try {
          checkText(decoder.decode());
        } catch {
          text = false;
        }
      }
      if (MARKUP_OR_SCRIPT_START.test(start.trimStart())) text = false;
      return { size, sha256: hash.digest('hex'), text };
    },
  };
}

/**
 * A pass-through stream that inspects the bytes (see `ByteInspector`) while they flow to where they are stored,
 * so each file is read once. `report()` is ready once the stream has ended.
 */
export function createInspectingStream(): {
  readonly stream: TransformStream<Uint8Array, Uint8Array>;
  report(): ByteReport;
} {
  const inspector = createByteInspector();
  let report: ByteReport | undefined;
  const stream = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      inspector.update(chunk);
      controller.enqueue(chunk);
    },
    flush() {
      report = inspector.finish();
    },
  });
  return {
    stream,
    report() {
      if (report === undefined) throw new Error('The stream has not ended');
      return report;
    },
  };
}
