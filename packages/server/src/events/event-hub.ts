import type { ViewerIdentity } from '../domain/viewer.js';
import type { Clock } from '../lib/clock.js';
import type { Audience, EventRow } from '../store/rows.js';
import type { Store } from '../store/store.js';
import type { Notifier } from './notifier.js';
import { shapeEvent } from './shape-event.js';

/** Events the hub reads per store query; a backlog is read in batches of this size. */
const HUB_BATCH_SIZE = 500;
/** How often, at most, the hub deletes events older than the retention window. */
const PRUNE_INTERVAL_MS = 60 * 60 * 1000;
/** How long events are kept for streams resuming with `Last-Event-ID`: a day covers a laptop closed overnight. */
export const DEFAULT_EVENT_RETENTION_MS = 24 * 60 * 60 * 1000;

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

/** A stream registered with the hub. */
export interface EventHubSubscriber {
  readonly viewer: ViewerIdentity;
  /** Called synchronously, in seq order, with each new event the viewer may receive. Must not throw. */
  deliver(frame: EventFrame): void;
}

/** Options of `createEventHub`. */
export interface EventHubOptions {
  readonly store: Store;
  readonly notifier: Notifier;
  readonly clock: Clock;
  /** @default one day */
  readonly retentionMs?: number | undefined;
  /** Receives failed reads and prunes (the next wake-up retries). @default console.error */
  readonly onError?: ((error: unknown) => void) | undefined;
}

/** The process's one reader of the event table. */
export interface EventHub {
  /**
   * Registers a stream and returns the hub's position at that moment: every event above it that the viewer may
   * receive will be delivered, none at or below it. Call `unsubscribe` when the stream ends.
   */
  subscribe(subscriber: EventHubSubscriber): Promise<{ position: number; unsubscribe: () => void }>;
  /** Store reads of new events made so far: one per wake-up (and per full batch), whatever the subscribers. */
  readonly reads: number;
  /** Stops listening to the notifier. */
  close(): void;
}

/** Whether the viewer may receive the event: the store's audience rule (`EventAudience`), applied in memory. */
function mayReceive(event: EventRow, viewer: ViewerIdentity): boolean {
  const { audience } = event;
  if (audience.firmId !== viewer.firm.id) return false;
  if (viewer.kind === 'client') return audience.contactId === viewer.contact.id;
  return audience.allMembers || audience.memberIds.includes(viewer.member.id);
}

/**
 * One event reader per process. It holds the last seq it read; on each wake-up of the notifier (a commit in this
 * process, or another process's `NOTIFY`) it reads the new events once, without an audience filter, shapes and
 * serialises each at most once per audience (firm, client), and pushes the frames to the subscribed streams
 * entitled to them, grouped by firm. Streams never query the store for live events; a stream resuming with
 * `Last-Event-ID` catches up with its own query before it relies on the hub. While nobody is subscribed the hub
 * reads nothing and forgets its position (the next subscriber starts from the newest event).
 */
export function createEventHub(options: EventHubOptions): EventHub {
  const { store, clock } = options;
  const retentionMs = options.retentionMs ?? DEFAULT_EVENT_RETENTION_MS;
  const onError = options.onError ?? ((error: unknown) => console.error('confide-server: event hub', error));
  const byFirm = new Map<string, Set<EventHubSubscriber>>();
  let subscriberCount = 0;
  let lastSeq: number | undefined;
  let loading: Promise<number> | undefined;
  let reading = false;
  let again = false;
  let reads = 0;
  // The first prune comes one interval after start, not inside the first request that commits.
  let lastPrunedAt = clock.now().getTime();

  const fanOut = (event: EventRow) => {
    const subscribers = byFirm.get(event.audience.firmId);
    if (!subscribers) return;
    const frames = new Map<Audience, EventFrame | null>();
    const frameFor = (audience: Audience) => {
      if (!frames.has(audience)) {
        const shaped = shapeEvent(event, audience);
        frames.set(audience, shaped && { seq: event.seq, bytes: encodeEventFrame(shaped) });
      }
      return frames.get(audience) ?? null;
    };
    for (const subscriber of subscribers) {
      if (!mayReceive(event, subscriber.viewer)) continue;
      const frame = frameFor(subscriber.viewer.kind === 'member' ? 'firm' : 'client');
      if (frame) subscriber.deliver(frame);
    }
  };

  const pruneWhenDue = () => {
    const now = clock.now().getTime();
    if (now - lastPrunedAt < PRUNE_INTERVAL_MS) return;
    lastPrunedAt = now;
    store.pruneEvents(new Date(now - retentionMs).toISOString()).catch(onError);
  };

  const read = async () => {
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    try {
      do {
        again = false;
        if (subscriberCount === 0) lastSeq = undefined;
        if (lastSeq === undefined) break;
        const batch = await store.readEvents(lastSeq, HUB_BATCH_SIZE);
        reads += 1;
        for (const event of batch) {
          lastSeq = event.seq;
          fanOut(event);
        }
        if (batch.length === HUB_BATCH_SIZE) again = true;
      } while (again);
    } catch (error) {
      onError(error);
    } finally {
      reading = false;
    }
  };

  const unsubscribeNotifier = options.notifier.subscribe(() => {
    pruneWhenDue();
    void read();
  });

  const load = () => {
    loading ??= store.eventBounds().then(
      (bounds) => {
        loading = undefined;
        // A read may have run meanwhile for an earlier subscriber; never move backwards.
        lastSeq = Math.max(lastSeq ?? 0, bounds.latestSeq);
        return lastSeq;
      },
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    );
    return loading;
  };

  return {
    async subscribe(subscriber) {
      const loaded = lastSeq === undefined;
      if (loaded) await load();
      // Synchronous from here: no event can be fanned out between taking the position and registering.
      const firmId = subscriber.viewer.firm.id;
      let group = byFirm.get(firmId);
      if (!group) {
        group = new Set();
        byFirm.set(firmId, group);
      }
      group.add(subscriber);
      subscriberCount += 1;
      const position = lastSeq ?? 0;
      // A commit that woke the hub while it was loading its position found nobody to read for: read now.
      if (loaded) void read();
      let active = true;
      return {
        position,
        unsubscribe() {
          if (!active) return;
          active = false;
          const current = byFirm.get(firmId);
          current?.delete(subscriber);
          if (current?.size === 0) byFirm.delete(firmId);
          subscriberCount -= 1;
          if (subscriberCount === 0 && !reading) lastSeq = undefined;
        },
      };
    },
    get reads() {
      return reads;
    },
    close() {
      unsubscribeNotifier();
      byFirm.clear();
      subscriberCount = 0;
    },
  };
}
