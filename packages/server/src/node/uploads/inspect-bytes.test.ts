import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createByteInspector, createInspectingStream } from './inspect-bytes.js';

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(Buffer.concat(parts.map((part) => Buffer.from(part as string))));
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/** Every way to cut `data` into two pieces, and into pieces of one byte. */
function splits(data: Uint8Array): Uint8Array[][] {
  const cuts = Array.from({ length: data.byteLength + 1 }, (_, at) => [
    data.subarray(0, at),
    data.subarray(at),
  ]);
  return [...cuts, Array.from(data, (byte) => Uint8Array.of(byte))];
}

describe('createByteInspector', () => {
  it.each([
    ['plain UTF-8 text', bytes('Straße 5, Tel.\t030\r\n'), true],
    ['text after a byte-order mark', bytes([0xef, 0xbb, 0xbf], 'héllo'), true],
    ['an empty file', bytes(''), true],
    ['markup after spaces', bytes('  <!doctype html><p>'), false],
    ['a script', bytes('#!/bin/sh\necho'), false],
    ['a NUL past the start', bytes('abc', [0], 'def'), false],
    ['Latin-1 instead of UTF-8', bytes([0x53, 0x74, 0x72, 0x61, 0xdf, 0x65]), false],
    ['UTF-8 cut off in the middle of a character', bytes('Stra', [0xc3]), false],
  ])('finds the same about %s however the bytes arrive', (_label, data, text) => {
    for (const pieces of splits(data)) {
      const inspector = createByteInspector();
      for (const piece of pieces) inspector.update(piece);
      expect(inspector.size).toBe(data.byteLength);
      expect(inspector.finish()).toEqual({ size: data.byteLength, sha256: sha256(data), text });
    }
  });
});

describe('createInspectingStream', () => {
  it('passes the bytes through unchanged and reports on them once ended', async () => {
    const data = bytes('%PDF-1.7\n', [0, 1, 2, 255]);
    const inspecting = createInspectingStream();
    expect(() => inspecting.report()).toThrow();
    const out = await new Response(new Blob([data]).stream().pipeThrough(inspecting.stream)).arrayBuffer();
    expect(new Uint8Array(out)).toEqual(data);
    expect(inspecting.report()).toEqual({ size: data.byteLength, sha256: sha256(data), text: false });
  });
});
