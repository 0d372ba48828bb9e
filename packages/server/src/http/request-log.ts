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

/** The lowest status of an answer the server failed to give (5xx), which is logged even when requests are not. */
const SERVER_ERROR_STATUS = 500;

/**
 * Writes only the requests the server failed (status 5xx), as JSON lines (level `error`) on stderr: what the
 * command line logs unless every request is asked for (`CONFIDE_LOG_REQUESTS=1`), so that start-up lines and
 * errors are not buried under one line per request.
 */
export const serverErrorRequestLogger: RequestLogger = (entry) => {
  if (entry.status < SERVER_ERROR_STATUS) return;
  console.error(JSON.stringify({ level: 'error', event: 'request', ...entry }));
};
