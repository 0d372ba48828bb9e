import { finished, Readable } from 'node:stream';

/** How much of a request body may wait in memory for the file write; the socket is paused beyond it. */
const BODY_BUFFER_BYTES = 1024 * 1024;

/** Node's own request stream, when the runtime passed one (`@hono/node-server` passes `{ incoming, outgoing }`). */
export function nodeRequestOf(runtime: unknown): Readable | undefined {
  if (typeof runtime !== 'object' || runtime === null || !('incoming' in runtime)) return undefined;
  return runtime.incoming instanceof Readable ? runtime.incoming : undefined;
}

/**
 * A request body as a web stream read straight from Node's request stream, chunks passed on as they are.
 * `Readable.toWeb` copies every chunk (to detach it from a buffer pool, which socket reads do not use) and pauses
 * the socket after each one: on a 200 MB upload the copies and the garbage they made took a third of the
 * server's CPU time. Memory stays bounded: the socket is paused while `BODY_BUFFER_BYTES` wait unread.
 */
export function webStreamOfBody(incoming: Readable): ReadableStream<Uint8Array> {
  let ended = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        incoming.pause();
        incoming.on('data', (chunk: Buffer) => {
          controller.enqueue(chunk);
          if ((controller.desiredSize ?? 0) <= 0) incoming.pause();
        });
        finished(incoming, (error) => {
          if (ended) return;
          ended = true;
          if (error) controller.error(error);
          else controller.close();
        });
      },
      pull() {
        incoming.resume();
      },
      cancel(reason) {
        ended = true;
        incoming.destroy(reason instanceof Error ? reason : undefined);
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: BODY_BUFFER_BYTES }),
  );
}
