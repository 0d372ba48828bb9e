import { sql } from 'drizzle-orm';
import { queryRows, type SqlDatabase } from './database.js';
import { MIGRATIONS, type Migration } from './migrations.js';

// Any fixed number works; it only has to be the same in every process migrating one database.
const MIGRATION_LOCK_KEY = 731_504_001;

/** What `runMigrations` did. */
export interface MigrationReport {
  /** Versions applied by this call, oldest first (empty when the database was up to date). */
  readonly applied: readonly number[];
  /** The schema version the database has now. */
  readonly version: number;
}

/**
 * Brings the database's schema up to date: applies every migration it lacks, in order, in one transaction.
 * A transaction-scoped advisory lock makes concurrent starts (several server processes on one PostgreSQL)
 * wait for each other instead of racing. Refuses a database migrated by a newer server.
 */
export async function runMigrations(
  db: SqlDatabase,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<MigrationReport> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
    await tx.execute(
      sql`CREATE TABLE IF NOT EXISTS confide_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`,
    );
    const rows = await queryRows<{ version: number }>(tx, sql`SELECT version FROM confide_migrations`);
    const done = new Set(rows.map((row) => Number(row.version)));
    const known = Math.max(0, ...migrations.map((migration) => migration.version));
    const newest = Math.max(0, ...done);
    if (newest > known) {
      throw new Error(
        `The database schema is at version ${newest}, newer than this server knows (${known}).`,
      );
    }
    const applied: number[] = [];
    for (const migration of [...migrations].sort((left, right) => left.version - right.version)) {
      if (done.has(migration.version)) continue;
      for (const statement of migration.statements) await tx.execute(sql.raw(statement));
      await tx.execute(
        sql`INSERT INTO confide_migrations (version, name) VALUES (${migration.version}, ${migration.name})`,
      );
      applied.push(migration.version);
    }
    return { applied, version: Math.max(newest, ...applied) };
  });
}
