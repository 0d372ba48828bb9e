import type { ServerEvent } from '@confide/protocol';
import { describe, expect, it } from 'vitest';
import type { ConfideError } from '../errors/confide-error.js';
import {
  createMockServer,
  seedConversation,
  seedMessage,
  urlOf,
  wrappedTransport,
} from '../test/mock-clients.js';
import type { ConnectionStatus } from './transport.js';

const encoder = new TextEncoder();
const decoder = () => new TextDecoder('utf-8', { ignoreBOM: true });

/** Rewrites each chunk of the events route's body: `text` changes its text, `split` cuts the bytes into pieces. */
interface Rewrite {
  readonly text?: (chunk: string, index: number) => string;
  readonly split?: number;
  readonly contentType?: string;
}

/** The real server's event stream, its bytes re-cut and re-written the way networks and proxies deliver them. */
function rewriteEvents(fetch: typeof globalThis.fetch, rewrite: Rewrite): typeof globalThis.fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (!urlOf(input).endsWith('/v1/events') || !response.ok || !response.body) return response;
    const text = decoder();
    let index = 0;
    const body = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          const rewritten = rewrite.text
            ? encoder.encode(rewrite.text(text.decode(chunk, { stream: true }), index))
            : chunk;
          index += 1;
          const size = rewrite.split ?? rewritten.length;
          for (let start = 0; start < rewritten.length; start += size)
            controller.enqueue(rewritten.slice(start, start + size));
        },
      }),
    );
    const headers = new Headers(response.headers);
    if (rewrite.contentType !== undefined) headers.set('content-type', rewrite.contentType);
    return new Response(body, { status: response.status, headers });
  };
}

// Arabic, an emoji family joined with ZWJ, a flag and a combining accent: 2-, 3- and 4-byte UTF-8 sequences.
const BODY = 'مرحبا 👨‍👩‍👧‍👦 🇳🇬 é';

describe('event stream bytes (the real server’s stream, re-cut)', () => {
  it.each<[string, Rewrite]>([
    ['one byte per chunk (every multi-byte character split)', { split: 1 }],
    ['chunks of 3 bytes', { split: 3 }],
    ['a BOM at the start', { text: (chunk, index) => (index === 0 ? `\uFEFF${chunk}` : chunk) }],
    [
      'a BOM at the start, split from the rest',
      { text: (chunk, index) => (index === 0 ? `\uFEFF${chunk}` : chunk), split: 2 },
    ],
    ['comment lines between events', { text: (chunk) => `: keep-alive\n\n${chunk}: keep-alive\n\n` }],
    ['CR alone as line end', { text: (chunk) => chunk.replaceAll('\n', '\r') }],
    ['CR alone, one byte per chunk', { text: (chunk) => chunk.replaceAll('\n', '\r'), split: 1 }],
    ['CRLF, one byte per chunk', { text: (chunk) => chunk.replaceAll('\n', '\r\n'), split: 1 }],
    [
      'data over several data: lines',
      { text: (chunk) => chunk.replaceAll('data: {', 'data: {\ndata: ').replaceAll(',"', ',\ndata: "') },
    ],
    ['content type with charset', { contentType: 'text/event-stream; charset=utf-8' }],
    ['content type in upper case', { contentType: 'Text/Event-Stream' }],
    ['content type in upper case with parameters', { contentType: 'TEXT/EVENT-STREAM;Charset=UTF-8' }],
  ])('delivers a message from %s', async (_name, rewrite) => {
    const mock = createMockServer();
    const id = await seedConversation(mock, 'Bytes', 'Hello Daniel');
    const events: ServerEvent[] = [];
    const errors: ConfideError[] = [];
    const statuses: ConnectionStatus[] = [];
    const transport = wrappedTransport(mock, 'ben', (fetch) => rewriteEvents(fetch, rewrite));
    let markOpen = () => {};
    const opened = new Promise<void>((resolve) => {
      markOpen = resolve;
    });
    const stop = transport.subscribe((event) => events.push(event), {
      onStatusChange: (status) => {
        statuses.push(status);
        if (status === 'open') markOpen();
      },
      onError: (error) => errors.push(error),
    });
    await opened;
    const sent = await seedMessage(mock, 'daniel', id, BODY);
    while (!events.some((event) => event.type === 'message.created'))
      await new Promise((resolve) => setTimeout(resolve, 1));
    stop();
    const created = events.filter((event) => event.type === 'message.created');
    expect(created.map((event) => event.type === 'message.created' && event.data.message)).toEqual([
      expect.objectContaining({ id: sent.id, body: BODY }),
    ]);
    expect(errors).toEqual([]);
    expect(statuses.slice(0, 2)).toEqual(['connecting', 'open']);
  });
});
