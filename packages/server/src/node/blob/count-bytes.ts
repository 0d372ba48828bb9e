/** A stream that passes `body` through and counts its bytes: `size()` is the total once the stream is read. */
export function countingBytes(body: ReadableStream<Uint8Array>): {
  readonly stream: ReadableStream<Uint8Array>;
  size(): number;
} {
  let size = 0;
  const stream = body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength;
        controller.enqueue(chunk);
      },
    }),
  );
  return { stream, size: () => size };
}
