/** One line per request: never bodies, queries or tokens. */
export interface RequestLogEntry {
  readonly requestId: string;
  readonly method: string;
  /** The path without the query string (queries may hold search terms). */
  readonly path: string;
  readonly status: number;
  readonly durationMs: number;
}

/** Receives one entry per finished request. */
export type RequestLogger = (entry: RequestLogEntry) => void;

/** Writes each entry as one JSON line to the console (stdout in Node). */
export const consoleRequestLogger: RequestLogger = (entry) => {
  console.info(JSON.stringify({ level: 'info', event: 'request', ...entry }));
};
