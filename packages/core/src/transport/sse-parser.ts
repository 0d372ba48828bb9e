/** One Server-Sent Event as the wire carries it. */
export interface SseMessage {
  /** The `id:` field, when the event had one. */
  readonly id: string | undefined;
  /** The `event:` field; `message` when absent. */
  readonly event: string;
  /** The `data:` lines joined with newlines. */
  readonly data: string;
  /** The `retry:` field in milliseconds, when present. */
  readonly retry: number | undefined;
}

/**
 * An incremental parser for the `text/event-stream` format: feed it decoded text chunks as they arrive and
 * it returns the complete events, keeping partial lines for the next chunk.
 */
export function createSseParser(): (chunk: string) => SseMessage[] {
  let buffer = '';
  let id: string | undefined;
  let event = '';
  let data: string[] = [];
  let retry: number | undefined;

  function dispatch(messages: SseMessage[]) {
    if (data.length > 0) messages.push({ id, event: event || 'message', data: data.join('\n'), retry });
    event = '';
    data = [];
    retry = undefined;
    id = undefined;
  }

  function readLine(line: string, messages: SseMessage[]) {
    if (line === '') return dispatch(messages);
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value;
    else if (field === 'id' && !value.includes('\0')) id = value;
    else if (field === 'retry' && /^\d+$/.test(value)) retry = Number(value);
  }

  return (chunk) => {
    buffer += chunk;
    const messages: SseMessage[] = [];
    const lines = buffer.split(/\r\n|\r|\n/);
    // The last piece is an unfinished line (or empty after a trailing newline): keep it for the next chunk.
    buffer = lines.pop() ?? '';
    for (const line of lines) readLine(line, messages);
    return messages;
  };
}
