/** Where the SDK reports what it recovered from. Messages never contain message text or tokens. */
export interface Logger {
  /** Something unexpected that the SDK handled, e.g. a malformed event it skipped. */
  warn(message: string, details?: Readonly<Record<string, unknown>>): void;
  /** Something that failed and was surfaced to the caller as well. */
  error(message: string, details?: Readonly<Record<string, unknown>>): void;
}

/** The default logger: stays silent, because a library must not write to the host's console uninvited. */
export const silentLogger: Logger = {
  warn: () => {},
  error: () => {},
};
