/** One Server-Sent Events frame: a comment, a position (an `id:` alone, which sets the last event id), or an event. */
export type SseFrame =
  | { readonly kind: 'comment'; readonly text: string }
  | { readonly kind: 'position'; readonly id: string }
  | {
      readonly kind: 'event';
      readonly id: string | undefined;
      readonly event: string | undefined;
      readonly data: string;
    };

function parseFrame(raw: string): SseFrame {
  const lines = raw.split('\n');
  if (lines.every((line) => line.startsWith(':')))
    return { kind: 'comment', text: lines.map((line) => line.slice(1).trim()).join('\n') };
  let id: string | undefined;
  let event: string | undefined;
  const data: string[] = [];
  for (const line of lines) {
    const separator = line.indexOf(':');
    const field = separator === -1 ? line : line.slice(0, separator);
    const value = separator === -1 ? '' : line.slice(separator + 1).replace(/^ /, '');
    if (field === 'id') id = value;
    if (field === 'event') event = value;
    if (field === 'data') data.push(value);
  }
  if (data.length === 0 && event === undefined && id !== undefined) return { kind: 'position', id };
  return { kind: 'event', id, event, data: data.join('\n') };
}

/** Reads a `text/event-stream` response frame by frame, for tests. */
export function readSse(response: Response) {
  if (!response.body) throw new Error('The response has no body');
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';

  const nextFrame = async (): Promise<SseFrame> => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end !== -1) {
        const raw = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        return parseFrame(raw);
      }
      const { done, value } = await reader.read();
      if (done) throw new Error('The event stream ended');
      buffer += decoder.decode(value, { stream: true });
    }
  };

  return {
    nextFrame,
    /** The next event, skipping comments; `data` parsed as JSON. */
    async nextEvent(): Promise<{
      id: string | undefined;
      event: string | undefined;
      data: Record<string, unknown>;
    }> {
      for (;;) {
        const frame = await nextFrame();
        if (frame.kind === 'event') return { id: frame.id, event: frame.event, data: JSON.parse(frame.data) };
      }
    },
    /** The id of the next position frame (`id:` without data), skipping comments; fails on an event. */
    async nextPosition(): Promise<string> {
      for (;;) {
        const frame = await nextFrame();
        if (frame.kind === 'position') return frame.id;
        if (frame.kind === 'event') throw new Error(`Expected a position, got the event ${frame.event}`);
      }
    },
    /** The next comment, skipping events and positions. */
    async nextComment(): Promise<string> {
      for (;;) {
        const frame = await nextFrame();
        if (frame.kind === 'comment') return frame.text;
      }
    },
    /** Reads until the server ends the stream; returns the frames read on the way. */
    async untilEnd(): Promise<SseFrame[]> {
      const frames: SseFrame[] = [];
      for (;;) {
        try {
          frames.push(await nextFrame());
        } catch {
          return frames;
        }
      }
    },
    async cancel() {
      await reader.cancel();
    },
  };
}
