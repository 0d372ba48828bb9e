/** How long fetched data counts as fresh, in milliseconds; live events keep it current in between. */
export const SERVER_DATA_STALE_TIME_MS = 30_000;
/** Contacts, members, templates and settings change rarely: five minutes of freshness, in milliseconds. */
export const DIRECTORY_STALE_TIME_MS = 5 * 60_000;

/** What a query function receives from query-core (and react-query). */
export interface QueryContext<PageParam = unknown> {
  readonly signal: AbortSignal;
  readonly pageParam?: PageParam;
}
