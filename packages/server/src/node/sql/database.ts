import type { SQLWrapper } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { PartyRef } from '../../store/rows.js';

/**
 * A drizzle database or transaction on either driver (PGlite or node-postgres). Every SQL query is written once
 * against this type, so both drivers run the same statements.
 */
export type SqlDatabase = PgDatabase<PgQueryResultHKT, Record<string, never>>;

/** Where a query runs: the database itself (each query autocommits) or one open transaction. */
export interface SqlContext {
  readonly db: SqlDatabase;
  readonly inTransaction: boolean;
  /** PostgreSQL: the `NOTIFY` channel that statements appending events notify (delivered at commit). */
  readonly eventChannel?: string | undefined;
}

/**
 * Runs `work` atomically: in the open transaction when there is one, otherwise in a new one. Queries made of
 * several statements use it so that, called on their own, they still commit all or nothing.
 */
export function atomically<Result>(
  context: SqlContext,
  work: (db: SqlDatabase) => Promise<Result>,
): Promise<Result> {
  if (context.inTransaction) return work(context.db);
  return context.db.transaction((tx) => work(tx));
}

/** Runs raw SQL and returns its rows (both drivers answer with `{ rows }`). */
export async function queryRows<Row>(db: SqlDatabase, query: SQLWrapper | string): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}

/** An ISO time as the Date that timestamptz columns take. */
export function toDate(isoTime: string): Date {
  return new Date(isoTime);
}

/** A timestamptz value read back as the ISO string the rows use. */
export function toIso(value: Date): string {
  return value.toISOString();
}

/** A nullable timestamptz value read back as an ISO string or null. */
export function toIsoOrNull(value: Date | null): string | null {
  return value === null ? null : value.toISOString();
}

/** A selected row's columns with each timestamptz value (a Date) as the ISO string the rows use. */
export type WithIsoTimes<Row> = {
  [Column in keyof Row]: Row[Column] extends Date
    ? string
    : Row[Column] extends Date | null
      ? string | null
      : Row[Column];
};

/**
 * A selected row with every timestamptz column read back as an ISO string and the others as they are: the
 * mapping every table's row shares, so each mapper spells out only what differs (parties, enums, renames).
 */
export function withIsoTimes<Row extends object>(row: Row): WithIsoTimes<Row> {
  return Object.fromEntries(
    Object.entries(row).map(([column, value]) => [
      column,
      value instanceof Date ? value.toISOString() : value,
    ]),
  ) as WithIsoTimes<Row>;
}

/** A party from its kind and id columns (`author_kind`, `author_id` and the like). */
export function partyOf(kind: string, id: string): PartyRef {
  return { kind: kind as PartyRef['kind'], id };
}

/** Whether a driver error (possibly wrapped by drizzle as its `cause`) carries this SQLSTATE. */
export function hasSqlState(error: unknown, sqlState: string): boolean {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 4; depth += 1) {
    if ((current as { code?: unknown }).code === sqlState) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
