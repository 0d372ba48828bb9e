import type { ViewerIdentity } from '../domain/viewer.js';
import { ApiError } from '../errors/api-error.js';
import type { Clock } from '../lib/clock.js';
import type { Audience, EventRow } from '../store/rows.js';
import type { Store } from '../store/store.js';
import { type EventFrame, encodeEventFrame } from './event-frame.js';
import {
  DEFAULT_MAX_BACKLOG_BYTES,
  DEFAULT_MAX_BACKLOG_FRAMES,
  DEFAULT_MAX_STREAMS_PER_PERSON,
  type EventHubLimits,
  type EventHubStats,
  STREAM_LIMIT_RETRY_AFTER_SECONDS,
} from './event-hub-limits.js';
import type { Notifier } from './notifier.js';
import { shapeEvent } from './shape-event.js';

/** Events the hub reads per store query; a backlog is read in batches of this size. */
const HUB_BATCH_SIZE = 500;
/** How often, at most, the hub deletes events older than the retention window. */
const PRUNE_INTERVAL_MS = 60 * 60 * 1000;
/** How long events are kept for streams resuming with `Last-Event-ID`: a day covers a laptop closed overnight. */
export const DEFAULT_EVENT_RETENTION_MS = 24 * 60 * 60 * 1000;
/** A stream registered with the hub. */
export interface EventHubSubscriber {
  readonly viewer: ViewerIdentity;
  /** Called synchronously when frames were added to its backlog (`take` them). Must not throw. */
  wake(): void;
  /**
   * Called once, synchronously, when its backlog passed the limits: the hub has already dropped the backlog and
   * unsubscribed it, so the stream must end (the client resumes with `Last-Event-ID`). Must not throw.
   */
  lagged(): void;
}

/** A subscriber's registration. */
export interface EventHubSubscription {
  /** The hub's position when it subscribed: frames above it are delivered, none at or below it. */
  readonly position: number;
  /** Removes and returns the backlog, in seq order. */
  take(): EventFrame[];
  /** Ends the registration and drops its backlog; calling it again does nothing. */
  unsubscribe(): void;
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
  /** Backlog and per-person limits. @default the `DEFAULT_MAX_*` constants */
  readonly limits?: EventHubLimits | undefined;
}

/** The process's one reader of the event table. */
export interface EventHub {
  /**
   * Registers a stream and returns the hub's position at that moment: every event above it that the viewer may
   * receive will be queued for it, none at or below it. Call `unsubscribe` when the stream ends. Rejects with
   * `rate_limited` (and `retryAfterSeconds`) when the viewer already has the most streams allowed open.
   */
  subscribe(subscriber: EventHubSubscriber): Promise<EventHubSubscription>;
  /** Store reads of new events made so far: one per wake-up (and per full batch), whatever the subscribers. */
  readonly reads: number;
  /** Counts of registrations and backlogs now. */
  stats(): EventHubStats;
  /** Stops listening to the notifier. */
  close(): void;
}

/** A registered stream with its backlog. */
interface Registration {
  readonly subscriber: EventHubSubscriber;
  readonly firmId: string;
  /** The person's key in the per-person count. */
  readonly person: string;
  backlog: EventFrame[];
  backlogBytes: number;
  active: boolean;
}

/** The key of the viewer's person: member and contact ids are unique across firms, the kind keeps them apart. */
function personKey(viewer: ViewerIdentity): string {
  return viewer.kind === 'member' ? `member:${viewer.member.id}` : `client:${viewer.contact.id}`;
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
 * serialises each at most once per audience (firm, client), and queues the frames in the backlogs of the
 * subscribed streams entitled to them, grouped by firm. A stream that does not drain its backlog (its reader
 * stopped reading) is ended once the backlog passes the limits, so a slow reader costs bounded memory and never
 * delays the others. Streams never query the store for live events; a stream resuming with `Last-Event-ID`
 * catches up with its own query before it relies on the hub. While nobody is subscribed the hub reads nothing
 * and forgets its position (the next subscriber starts from the newest event).
 */
export function createEventHub(options: EventHubOptions): EventHub {
  const { store, clock } = options;
  const retentionMs = options.retentionMs ?? DEFAULT_EVENT_RETENTION_MS;
  const onError = options.onError ?? ((error: unknown) => console.error('confide-server: event hub', error));
  const maxBacklogFrames = options.limits?.maxBacklogFrames ?? DEFAULT_MAX_BACKLOG_FRAMES;
  const maxBacklogBytes = options.limits?.maxBacklogBytes ?? DEFAULT_MAX_BACKLOG_BYTES;
  const maxStreamsPerPerson = options.limits?.maxStreamsPerPerson ?? DEFAULT_MAX_STREAMS_PER_PERSON;
  const byFirm = new Map<string, Set<Registration>>();
  const streamsByPerson = new Map<string, number>();
  let subscriberCount = 0;
  let lastSeq: number | undefined;
  let loading: Promise<number> | undefined;
  let reading = false;
  let again = false;
  let reads = 0;
  let lagged = 0;
  let refused = 0;
  // The first prune comes one interval after start, not inside the first request that commits.
  let lastPrunedAt = clock.now().getTime();

  const remove = (registration: Registration) => {
    if (!registration.active) return;
    registration.active = false;
    registration.backlog = [];
    registration.backlogBytes = 0;
    const group = byFirm.get(registration.firmId);
    group?.delete(registration);
    if (group?.size === 0) byFirm.delete(registration.firmId);
    const open = (streamsByPerson.get(registration.person) ?? 1) - 1;
    if (open === 0) streamsByPerson.delete(registration.person);
    else streamsByPerson.set(registration.person, open);
    subscriberCount -= 1;
    if (subscriberCount === 0 && !reading) lastSeq = undefined;
  };

  const enqueue = (registration: Registration, frame: EventFrame) => {
    const { backlog } = registration;
    const tooMany = backlog.length >= maxBacklogFrames;
    const tooLarge = backlog.length > 0 && registration.backlogBytes + frame.bytes.length > maxBacklogBytes;
    if (tooMany || tooLarge) {
      remove(registration);
      lagged += 1;
      registration.subscriber.lagged();
      return;
    }
    backlog.push(frame);
    registration.backlogBytes += frame.bytes.length;
    registration.subscriber.wake();
  };

  const fanOut = (event: EventRow) => {
    const registrations = byFirm.get(event.audience.firmId);
    if (!registrations) return;
    const frames = new Map<Audience, EventFrame | null>();
    const frameFor = (audience: Audience) => {
      if (!frames.has(audience)) {
        const shaped = shapeEvent(event, audience);
        frames.set(audience, shaped && { seq: event.seq, bytes: encodeEventFrame(shaped) });
      }
      return frames.get(audience) ?? null;
    };
    // Deleting the entry being visited (a lagging stream) is safe while iterating a Set.
    for (const registration of registrations) {
      const { viewer } = registration.subscriber;
      if (!mayReceive(event, viewer)) continue;
      const frame = frameFor(viewer.kind === 'member' ? 'firm' : 'client');
      if (frame) enqueue(registration, frame);
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
      const person = personKey(subscriber.viewer);
      const open = streamsByPerson.get(person) ?? 0;
      if (open >= maxStreamsPerPerson) {
        refused += 1;
        throw new ApiError(
          'rate_limited',
          'Too many event streams are open for this person; close some first',
          {
            retryAfterSeconds: STREAM_LIMIT_RETRY_AFTER_SECONDS,
          },
        );
      }
      const firmId = subscriber.viewer.firm.id;
      const registration: Registration = {
        subscriber,
        firmId,
        person,
        backlog: [],
        backlogBytes: 0,
        active: true,
      };
      let group = byFirm.get(firmId);
      if (!group) {
        group = new Set();
        byFirm.set(firmId, group);
      }
      group.add(registration);
      streamsByPerson.set(person, open + 1);
      subscriberCount += 1;
      const position = lastSeq ?? 0;
      // A commit that woke the hub while it was loading its position found nobody to read for: read now.
      if (loaded) void read();
      return {
        position,
        take() {
          const frames = registration.backlog;
          registration.backlog = [];
          registration.backlogBytes = 0;
          return frames;
        },
        unsubscribe: () => remove(registration),
      };
    },
    get reads() {
      return reads;
    },
    stats() {
      let queuedFrames = 0;
      let queuedBytes = 0;
      for (const group of byFirm.values())
        for (const registration of group) {
          queuedFrames += registration.backlog.length;
          queuedBytes += registration.backlogBytes;
        }
      return {
        subscribers: subscriberCount,
        firms: byFirm.size,
        people: streamsByPerson.size,
        queuedFrames,
        queuedBytes,
        lagged,
        refused,
      };
    },
    close() {
      unsubscribeNotifier();
      byFirm.clear();
      streamsByPerson.clear();
      subscriberCount = 0;
    },
  };
}
