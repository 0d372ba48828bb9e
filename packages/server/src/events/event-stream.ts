import { EventIdSchema } from '@confide/protocol';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { DomainContext } from '../domain/context.js';
import { type ViewerIdentity, viewerRef } from '../domain/viewer.js';
import { ApiError } from '../errors/api-error.js';
import { shapeEventForViewer } from './shape-event.js';

/** Events read per store query; a backlog streams in batches of this size. */
const EVENT_BATCH_SIZE = 100;

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

/**
 * Streams the events the viewer may see as Server-Sent Events: `id` is the store seq, `event` the type and
 * `data` the JSON of the whole protocol event. It wakes on the notifier, reads everything after its position
 * (so nothing is skipped between wake-ups or across reconnects) and writes a comment every heartbeat interval
 * so proxies keep the connection open.
 */
export async function streamEvents(
  honoContext: Context,
  context: DomainContext,
  viewer: ViewerIdentity,
  heartbeatIntervalMs: number,
): Promise<Response> {
  let position = await startingSeq(honoContext.req.raw, context);
  const reader = viewerRef(viewer);
  return streamSSE(honoContext, async (stream) => {
    let pending = false;
    let wake: (() => void) | null = null;
    const unsubscribe = context.notifier.subscribe(() => {
      pending = true;
      wake?.();
    });
    stream.onAbort(() => wake?.());
    try {
      await stream.write(': connected\n\n');
      while (!stream.aborted && !stream.closed) {
        pending = false;
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
        if (events.length === EVENT_BATCH_SIZE || pending) continue;
        const woken = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), heartbeatIntervalMs);
          wake = () => {
            clearTimeout(timer);
            resolve(true);
          };
        });
        wake = null;
        if (!woken && !stream.aborted) await stream.write(': heartbeat\n\n');
      }
    } finally {
      unsubscribe();
    }
  });
}
