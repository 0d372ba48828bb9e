/** One event as a stream writes it: shaped for the subscriber's audience and serialised once for all of them. */
export interface EventFrame {
  readonly seq: number;
  /** The whole Server-Sent Events frame (`event:`, `data:` with the protocol event's JSON, `id:`), encoded. */
  readonly bytes: Uint8Array;
}

const encoder = new TextEncoder();

/** The SSE frame of a protocol event; its JSON has no line breaks, so it is one `data:` line. */
export function encodeEventFrame(event: { readonly id: string; readonly type: string }): Uint8Array {
  return encoder.encode(`event: ${event.type}\ndata: ${JSON.stringify(event)}\nid: ${event.id}\n\n`);
}
