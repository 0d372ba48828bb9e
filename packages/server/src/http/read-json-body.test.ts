import { describe, expect, it } from 'vitest';
import { readJsonBody } from './read-json-body.js';

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request('https://api.test/x', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

describe('readJsonBody', () => {
  it('parses JSON', async () => {
    expect(await readJsonBody(post('{"a":1}'), 100)).toEqual({ a: 1 });
  });

  it('refuses a body larger than the limit without Content-Length', async () => {
    const request = post(streamOf(['{"a":"', 'x'.repeat(80), '"}']));
    expect(request.headers.get('content-length')).toBeNull();
    await expect(readJsonBody(request, 50)).rejects.toMatchObject({ code: 'payload_too_large' });
  });

  it('refuses a declared Content-Length over the limit', async () => {
    await expect(readJsonBody(post('{}', { 'content-length': '1000' }), 50)).rejects.toMatchObject({
      code: 'payload_too_large',
    });
  });

  it('refuses malformed JSON, invalid UTF-8 and an empty body as invalid_input', async () => {
    await expect(readJsonBody(post('{"a":'), 100)).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(readJsonBody(post(new Uint8Array([0x7b, 0xff, 0x7d])), 100)).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(readJsonBody(post(''), 100)).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it.each([
    ['after part of the body', ['{"body": "Hel']],
    ['before any byte', []],
  ])('refuses a body the client breaks off %s as invalid_input', async (_when, chunks) => {
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
        controller.error(new DOMException('The client went away', 'AbortError'));
      },
    });
    await expect(readJsonBody(post(stream), 100)).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'The request body ended before it was complete',
    });
  });
});
