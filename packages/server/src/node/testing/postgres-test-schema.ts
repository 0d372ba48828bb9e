import pg from 'pg';
import { afterAll, describe } from 'vitest';

/** The throwaway PostgreSQL of the run (`scripts/test-postgres.sh start` exports it), or undefined. */
export const TEST_DATABASE_URL = process.env.DATABASE_URL || undefined;

/** Why PostgreSQL tests are skipped, printed in the suite name so a skip is never silent. */
export const POSTGRES_SKIP_REASON =
  'skipped: DATABASE_URL is not set (eval "$(bash packages/server/scripts/test-postgres.sh start)" first)';

/** A schema name no other test file or run uses, so files run in parallel and reruns start empty. */
export function uniqueTestSchema(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

/** Drops a test schema with everything in it. */
export async function dropTestSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

/** Where a PostgreSQL test block works: the run's database and a schema of the block's own. */
export interface PostgresTestDatabase {
  readonly url: string;
  readonly schema: string;
}

/**
 * Declares a block of tests over the run's PostgreSQL in a schema of its own, dropped after the block. Without
 * `DATABASE_URL` the block is skipped, with the reason in its name.
 */
export function describePostgres(
  title: string,
  schemaPrefix: string,
  body: (database: PostgresTestDatabase) => void,
): void {
  const url = TEST_DATABASE_URL;
  describe.skipIf(url === undefined)(url === undefined ? `${title} (${POSTGRES_SKIP_REASON})` : title, () => {
    const database = { url: url ?? '', schema: uniqueTestSchema(schemaPrefix) };
    // Registered first, so it runs last: after hooks run in reverse order, and the block's close its connections.
    afterAll(async () => {
      if (url !== undefined) await dropTestSchema(url, database.schema);
    });
    body(database);
  });
}
