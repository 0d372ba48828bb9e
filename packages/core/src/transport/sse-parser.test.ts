import { describe, expect, it } from 'vitest';
import { createSseParser } from './sse-parser.js';

describe('createSseParser', () => {
  it('parses events split across chunks at any point', () => {
    const parse = createSseParser();
    const text =
      'id: 7\nevent: message.created\ndata: {"a":\ndata: 1}\n\n: comment\n\nretry: 500\ndata: x\n\n';
    const messages = [...text].flatMap((character) => parse(character));
    expect(messages).toEqual([
      { id: '7', event: 'message.created', data: '{"a":\n1}', retry: undefined },
      { id: undefined, event: 'message', data: 'x', retry: 500 },
    ]);
  });

  it('accepts CRLF line endings', () => {
    expect(createSseParser()('data: one\r\n\r\n')).toEqual([
      { id: undefined, event: 'message', data: 'one', retry: undefined },
    ]);
  });
});
