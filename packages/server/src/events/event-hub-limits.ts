/**
 * Frames one stream may hold unsent (its reader stopped reading: a phone in a tunnel, a full TCP window). Past it
 * the stream is ended and its backlog dropped; the SDK resumes with `Last-Event-ID` and catches up from the
 * store, so memory per stream stays bounded by this count instead of by how long the reader stays away.
 */
export const DEFAULT_MAX_BACKLOG_FRAMES = 1_000;
/** Bytes of unsent frames one stream may hold (one frame is always allowed, however large). */
export const DEFAULT_MAX_BACKLOG_BYTES = 1024 * 1024;
/**
 * Open streams per person (a member or a client) in one process: one per tab and device is a few; a script or
 * a runaway page opening thousands would hold the process's memory and sockets.
 */
export const DEFAULT_MAX_STREAMS_PER_PERSON = 32;
/** `Retry-After` of a refused stream: about two heartbeats, by when a tab that closed has freed its slot. */
export const STREAM_LIMIT_RETRY_AFTER_SECONDS = 30;

/** Counts of the hub's registrations and backlogs, to watch for leaks and slow readers. */
export interface EventHubStats {
  /** Streams registered now. */
  readonly subscribers: number;
  /** Firms with at least one registered stream. */
  readonly firms: number;
  /** People (members and clients) with at least one registered stream. */
  readonly people: number;
  /** Frames waiting in all backlogs. */
  readonly queuedFrames: number;
  /** Bytes of the frames waiting in all backlogs (a frame shared by streams counts once per stream). */
  readonly queuedBytes: number;
  /** Streams ended so far because their backlog passed the limits. */
  readonly lagged: number;
  /** Streams refused so far because their person had the most streams allowed open. */
  readonly refused: number;
}

/** Limits on the hub's streams. */
export interface EventHubLimits {
  /** @default DEFAULT_MAX_BACKLOG_FRAMES (1000) */
  readonly maxBacklogFrames?: number | undefined;
  /** @default DEFAULT_MAX_BACKLOG_BYTES (1 MiB) */
  readonly maxBacklogBytes?: number | undefined;
  /** @default DEFAULT_MAX_STREAMS_PER_PERSON (32) */
  readonly maxStreamsPerPerson?: number | undefined;
}
