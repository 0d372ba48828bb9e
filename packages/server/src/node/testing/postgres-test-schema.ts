import pg from 'pg';

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
