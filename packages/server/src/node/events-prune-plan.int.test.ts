import type pg from 'pg';
import { expect, it } from 'vitest';
import { openPostgresDatabase } from './postgres-store.js';
import { createSqlStore } from './sql/sql-store.js';
import { describePostgres } from './testing/postgres-test-schema.js';

/** A day of retention plus the hour between prunes, one event every few seconds: what an hourly prune meets. */
const EVENTS = 25_000;
const EVENT_SPACING_SECONDS = 3.6;
const RETENTION_HOURS = 24;

/** Records the text and values of every statement sent through `pool.query` (drizzle's only way in). */
function recordStatements(pool: pg.Pool) {
  const statements: { text: string; values: unknown[] }[] = [];
  const query = pool.query.bind(pool) as (...parameters: unknown[]) => unknown;
  pool.query = ((config: string | pg.QueryConfig, values?: unknown[], ...rest: unknown[]) => {
    statements.push(
      typeof config === 'string'
        ? { text: config, values: values ?? [] }
        : { text: config.text, values: config.values ?? values ?? [] },
    );
    return query(config, values, ...rest);
  }) as typeof pool.query;
  return statements;
}

describePostgres('the hourly prune of old events', 'confide_events_prune', ({ url, schema }) => {
  it('finds the expired events through the created_at index, not by reading every event', async () => {
    const { db, pool } = await openPostgresDatabase({ url, schema });
    try {
      const start = Date.UTC(2026, 0, 1);
      await pool.query(
        `INSERT INTO events (type, payload, firm_id, all_members, member_ids, contact_id, created_at)
         SELECT 'message.created', '{}'::jsonb, 'firm_plan', true, '{}', NULL,
           to_timestamp($1::double precision + n * $2::double precision)
         FROM generate_series(1, $3::integer) AS n`,
        [start / 1000, EVENT_SPACING_SECONDS, EVENTS],
      );
      await pool.query('ANALYZE events');
      const statements = recordStatements(pool);
      const newest = start + EVENTS * EVENT_SPACING_SECONDS * 1000;
      const before = new Date(newest - RETENTION_HOURS * 3_600_000).toISOString();
      const removed = await createSqlStore(db).pruneEvents(before);
      expect(removed).toBeGreaterThan(0);
      expect(removed).toBeLessThan(EVENTS / 10);
      const prune = statements.find((statement) => /DELETE FROM events/i.test(statement.text));
      if (!prune) throw new Error(`The prune statement was not seen among ${statements.length}`);
      // EXPLAIN takes no bind parameters: prepare the statement as sent and explain its run with the same values.
      const client = await pool.connect();
      let lines: string[];
      try {
        await client.query(`PREPARE prune_events AS ${prune.text}`);
        const values = prune.values.map((value) => client.escapeLiteral(String(value)));
        const plan = await client.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN EXECUTE prune_events(${values.join(', ')})`,
        );
        lines = plan.rows.map((row) => row['QUERY PLAN']);
        await client.query('DEALLOCATE prune_events');
      } finally {
        client.release();
      }
      // Without the index PostgreSQL walks the whole primary key (`seq < max(seq)`) and filters on created_at.
      expect(lines.join('\n')).toContain('events_created_at_idx');
      expect(lines.join('\n')).toMatch(/Index Cond: \(created_at </);
    } finally {
      await pool.end();
    }
  }, 60_000);
});
