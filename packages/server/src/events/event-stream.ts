import { EventIdSchema } from '@confide/protocol';
import type { Context } from 'hono';
import { type SSEStreamingApi, streamSSE } from 'hono/streaming';
import type { DomainContext } from '../domain/context.js';
import { maySignInAgain, type ViewerIdentity, viewerRef } from '../domain/viewer.js';
import { ApiError } from '../errors/api-error.js';
import { type EventFrame, encodeEventFrame } from './event-frame.js';
import type { EventHub } from './event-hub.js';
import { shapeEventForViewer } from './shape-event.js';

/** Events read per store query while a resuming stream catches up. */
const CATCH_UP_BATCH_SIZE = 100;

/**
 * Ends a request's connection at once, without waiting for unsent bytes (Node: destroys the socket). A stream
 * whose reader stopped reading cannot end politely: its last bytes would wait for the reader forever.
 */
export type ConnectionCloser = (hono: Context) => void;

/** Options of `streamEvents`. */
export interface EventStreamOptions {
  readonly viewer: ViewerIdentity;
  /** The process's event reader. */
  readonly hub: EventHub;
  /** Between heartbeat comments when idle; also how often, at most, the stream checks that its person may still sign in. */
  readonly heartbeatIntervalMs: number;
  /** When the viewer's token expires: the stream ends then, and the client reconnects with a fresh token. */
  readonly endsAt: Date | null;
  /** Ends the stream when the server shuts down. */
  readonly shutdownSignal: AbortSignal | undefined;
  /** Closes the connection of a stream that fell too far behind. @default none: the body ends when next read */
  readonly closeConnection?: ConnectionCloser | undefined;
}

/** The subscriber's `Last-Event-ID` as a seq, or null when it gives none. */
function lastEventSeq(request: Request): number | null {
  const lastEventId = request.headers.get('last-event-id');
  if (lastEventId === null || lastEventId === '') return null;
  const parsed = EventIdSchema.safeParse(lastEventId);
  if (!parsed.success || !Number.isSafeInteger(Number(parsed.data))) {
    throw new ApiError('invalid_input', 'Last-Event-ID is not an event id', {
      issues: [{ path: ['Last-Event-ID'], message: 'Expected a decimal event id' }],
    });
  }
  return Number(parsed.data);
}

/**
 * Refuses a resume the store can no longer serve without a gap: events after `seq` were pruned (older than the
 * retention window), or `seq` is beyond the newest event (another database, or one that was reset).
 */
async function checkResumable(context: DomainContext, seq: number): Promise<void> {
  const bounds = await context.store.eventBounds();
  const pruned = bounds.oldestSeq > 0 && seq < bounds.oldestSeq - 1;
  if (pruned || seq > bounds.latestSeq) {
    throw new ApiError(
      'events_expired',
      'The events after Last-Event-ID are no longer available: refetch, then reconnect without it',
      { reason: pruned ? 'older_than_retention' : 'beyond_latest' },
    );
  }
}

function concatenate(frames: readonly EventFrame[]): Uint8Array {
  const joined = new Uint8Array(frames.reduce((total, frame) => total + frame.bytes.length, 0));
  let offset = 0;
  for (const frame of frames) {
    joined.set(frame.bytes, offset);
    offset += frame.bytes.length;
  }
  return joined;
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
 * `data` the JSON of the whole protocol event. Live events come from the process's event hub, never from a query
 * of this stream; a stream resuming with `Last-Event-ID` first catches up with its own query (the hub's frames
 * that arrive meanwhile wait, and those already sent are skipped). The first frame after the `connected` comment
 * is an `id:` line with the stream's position, so a client whose stream drops before any event resumes without
 * a gap. A comment every heartbeat interval keeps proxies from closing the connection. It ends when the client
 * goes away, the token expires, the server shuts down, the client falls too far behind (its backlog in the hub
 * passed the limits: a reader that stopped reading; the client then resumes with `Last-Event-ID`) or its person
 * may no longer sign in (`maySignInAgain`, checked at most once per heartbeat interval; their reconnect is then
 * refused like any request: `401`, or `403 portal_inactive`).
 */
export async function streamEvents(
  honoContext: Context,
  context: DomainContext,
  options: EventStreamOptions,
): Promise<Response> {
  const resumeFrom = lastEventSeq(honoContext.req.raw);
  if (resumeFrom !== null) await checkResumable(context, resumeFrom);
  const { viewer, shutdownSignal, endsAt, hub } = options;
  const reader = viewerRef(viewer);
  const remainingMs = () =>
    endsAt === null ? Number.POSITIVE_INFINITY : endsAt.getTime() - context.clock.now().getTime();
  const waker = createWaker();
  let lagged = false;
  let active: SSEStreamingApi | undefined;
  const subscription = await hub.subscribe({
    viewer,
    wake: () => waker.signal(),
    lagged() {
      lagged = true;
      waker.signal();
      // The write in flight may wait for a reader that never reads: aborting rejects it, so the loop ends.
      active?.abort();
      options.closeConnection?.(honoContext);
    },
  });
  let position = resumeFrom ?? subscription.position;
  const isOver = (stream: SSEStreamingApi) =>
    lagged || stream.aborted || stream.closed || shutdownSignal?.aborted === true || remainingMs() <= 0;
  // The token only proved who the person was when the stream opened. A person the host's directory dropped, or a
  // client whose portal closed, is refused by every request after that; the stream checks the same rule again
  // before it writes, at most once per heartbeat interval (one statement, not one per event), so what was
  // written for them afterwards reaches them for at most that long.
  let accessCheckedAt = context.clock.now().getTime();
  const mayStillSignIn = async () => {
    const now = context.clock.now().getTime();
    if (now - accessCheckedAt < options.heartbeatIntervalMs) return true;
    accessCheckedAt = now;
    return maySignInAgain(context.store, viewer);
  };

  return streamSSE(honoContext, async (stream) => {
    active = stream;
    if (lagged) stream.abort();
    const onShutdown = () => waker.signal();
    shutdownSignal?.addEventListener('abort', onShutdown);
    stream.onAbort(() => waker.signal());
    try {
      await stream.write(`: connected\n\nid: ${position}\n\n`);
      if (resumeFrom !== null) {
        for (;;) {
          const events = await context.store.listEventsSince(position, {
            firmId: viewer.firm.id,
            viewer: reader,
            limit: CATCH_UP_BATCH_SIZE,
          });
          for (const event of events) {
            const shaped = shapeEventForViewer(event, viewer);
            if (shaped) await stream.write(encodeEventFrame(shaped));
            position = event.seq;
          }
          if (events.length < CATCH_UP_BATCH_SIZE || isOver(stream)) break;
        }
      }
      while (!isOver(stream)) {
        waker.takePending();
        if (!(await mayStillSignIn())) break;
        // Everything waiting goes out in one write: frames are already encoded, once for all streams.
        const fresh = subscription.take().filter((frame) => frame.seq > position);
        const last = fresh.at(-1);
        if (last) {
          await stream.write(fresh.length === 1 ? last.bytes : concatenate(fresh));
          position = last.seq;
        }
        if (waker.takePending()) continue;
        const woken = await waker.wait(Math.min(options.heartbeatIntervalMs, Math.max(0, remainingMs())));
        if (!woken && !isOver(stream)) await stream.write(': heartbeat\n\n');
      }
    } finally {
      subscription.unsubscribe();
      shutdownSignal?.removeEventListener('abort', onShutdown);
    }
  });
}
