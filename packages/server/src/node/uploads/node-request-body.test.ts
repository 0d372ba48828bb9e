import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { nodeRequestOf, webStreamOfBody } from './node-request-body.js';

const MiB = 1024 * 1024;

describe('nodeRequestOf', () => {
  const incoming = new PassThrough();
  it.each([
    ['nothing', undefined, undefined],
    ['null', null, undefined],
    ['an object without a request', { outgoing: incoming }, undefined],
    ['a request that is not a stream', { incoming: 'GET /' }, undefined],
    ['@hono/node-server bindings', { incoming, outgoing: {} }, incoming],
  ])('finds Node’s request stream in %s', (_label, runtime, expected) => {
    expect(nodeRequestOf(runtime)).toBe(expected);
  });
});

describe('webStreamOfBody', () => {
  it('passes the chunks on unchanged and in order, then ends', async () => {
    const chunks = [Buffer.from('%PDF-'), Buffer.alloc(70_000, 7), Buffer.from('%%EOF')];
    const received: Uint8Array[] = [];
    for await (const chunk of webStreamOfBody(Readable.from(chunks))) received.push(chunk);
    expect(Buffer.concat(received)).toEqual(Buffer.concat(chunks));
  });

  it('fails when the request stops before its end (a cut connection)', async () => {
    const incoming = new PassThrough();
    const reader = webStreamOfBody(incoming).getReader();
    incoming.write(Buffer.from('first bytes'));
    expect(Buffer.from((await reader.read()).value ?? [])).toEqual(Buffer.from('first bytes'));
    incoming.destroy();
    await expect(reader.read()).rejects.toBeDefined();
  });

  it('stops reading the request while a megabyte waits unread, and reads on once it is taken', async () => {
    const incoming = new PassThrough({ highWaterMark: 4 * MiB });
    const reader = webStreamOfBody(incoming).getReader();
    for (let index = 0; index < 3; index += 1) incoming.write(Buffer.alloc(MiB));
    await new Promise((resolve) => setImmediate(resolve));
    expect(incoming.isPaused()).toBe(true);
    expect(incoming.readableLength).toBeGreaterThan(0);
    let taken = 0;
    incoming.end();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
      taken += chunk.value.byteLength;
    expect(taken).toBe(3 * MiB);
  });
});
