import { EventIdSchema } from '@confide/protocol';
import type { Context } from 'hono';
import { type SSEStreamingApi, streamSSE } from 'hono/streaming';
import type { DomainContext } from '../domain/context.js';
import { type ViewerIdentity, viewerRef } from '../domain/viewer.js';
import { ApiError } from '../errors/api-error.js';
import { shapeEventForViewer } from './shape-event.js';

/** Events read per store query; a backlog streams in batches of this size. */
const EVENT_BATCH_SIZE = 100;

/** Options of `streamEvents`. */
export interface EventStreamOptions {
  readonly viewer: ViewerIdentity;
  readonly heartbeatIntervalMs: number;
  /** When the viewer's token expires: the stream ends then, and the client reconnects with a fresh token. */
  readonly endsAt: Date | null;
  /** Ends the stream when the server shuts down. */
  readonly shutdownSignal: AbortSignal | undefined;
}

/** Where a subscriber starts: after its `Last-Event-ID`, or after the newest event when it gives none. */
async function startingSeq(request: Request, context: DomainContext): Promise<number> {
  const lastEventId = request.headers.get('last-event-id');
  if (lastEventId === null || lastEventId === '') return context.store.latestEventSeq();
  const parsed = EventIdSchema.safeParse(lastEventId);
  if (!parsed.success || !Number.isSafeInteger(Number(parsed.data))) {
    throw new ApiError('invalid_input', 'Last-Event-ID is not an event id', {
      issues: [{ path: ['Last-Event-ID'], message: 'Expected a decimal event id' }],
    });
  }
  return Number(parsed.data);
}

/** A wake-up that cannot be missed: a signal that arrives before anyone waits is kept until the next wait. */
function createWaker() {
  let pending = false;
  let wake: (() => void) | null = null;
  return {
    signal() {
      pending = true;
      wake?.();
    },
    /** Clears a pending signal; returns whether there was one. */
    takePending() {
      const had = pending;
      pending = false;
      return had;
    },
    /** Resolves `true` when signalled, `false` after `milliseconds`. */
    wait(milliseconds: number): Promise<boolean> {
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          wake = null;
          resolve(false);
        }, milliseconds);
        wake = () => {
          clearTimeout(timer);
          wake = null;
          resolve(true);
        };
      });
    },
  };
}

/**
 * Streams the events the viewer may see as Server-Sent Events: `id` is the store seq, `event` the type and
 * `data` the JSON of the whole protocol event. It wakes on the notifier, reads everything after its position
 * (so nothing is skipped between wake-ups or across reconnects) and writes a comment every heartbeat interval
 * so proxies keep the connection open. It ends when the client goes away, the token expires or the server
 * shuts down.
 */
export async function streamEvents(
  honoContext: Context,
  context: DomainContext,
  options: EventStreamOptions,
): Promise<Response> {
  let position = await startingSeq(honoContext.req.raw, context);
  const { viewer, shutdownSignal, endsAt } = options;
  const reader = viewerRef(viewer);
  const remainingMs = () =>
    endsAt === null ? Number.POSITIVE_INFINITY : endsAt.getTime() - context.clock.now().getTime();
  const isOver = (stream: SSEStreamingApi) =>
    stream.aborted || stream.closed || shutdownSignal?.aborted === true || remainingMs() <= 0;

  return streamSSE(honoContext, async (stream) => {
    const waker = createWaker();
    const unsubscribe = context.notifier.subscribe(() => waker.signal());
    const onShutdown = () => waker.signal();
    shutdownSignal?.addEventListener('abort', onShutdown);
    stream.onAbort(() => waker.signal());
    try {
      await stream.write(': connected\n\n');
      while (!isOver(stream)) {
        waker.takePending();
        const events = await context.store.listEventsSince(position, {
          firmId: viewer.firm.id,
          viewer: reader,
          limit: EVENT_BATCH_SIZE,
        });
        for (const event of events) {
          const shaped = shapeEventForViewer(event, viewer);
          if (shaped)
            await stream.writeSSE({ id: shaped.id, event: shaped.type, data: JSON.stringify(shaped) });
          position = event.seq;
        }
        if (events.length === EVENT_BATCH_SIZE || waker.takePending()) continue;
        const woken = await waker.wait(Math.min(options.heartbeatIntervalMs, Math.max(0, remainingMs())));
        if (!woken && !isOver(stream)) await stream.write(': heartbeat\n\n');
      }
    } finally {
      unsubscribe();
      shutdownSignal?.removeEventListener('abort', onShutdown);
    }
  });
}
