import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';

/** Counts the statements a database connection sends, for tests that hold the data path to a budget. */
export interface StatementCounter {
  /** Statements sent since the last `reset` (BEGIN and COMMIT count as one each). */
  readonly count: number;
  /** The statements' text since the last `reset`, for failure messages. */
  readonly statements: readonly string[];
  reset(): void;
}

function createCounter() {
  const statements: string[] = [];
  return {
    record(text: unknown) {
      statements.push(typeof text === 'string' ? text : String((text as { text?: string })?.text ?? text));
    },
    counter: {
      get count() {
        return statements.length;
      },
      get statements() {
        return [...statements];
      },
      reset() {
        statements.length = 0;
      },
    } satisfies StatementCounter,
  };
}

/** Counts every statement PGlite runs through `query`, `exec` and inside `transaction`. */
export function countPgliteStatements(client: PGlite): StatementCounter {
  const { record, counter } = createCounter();
  const query = client.query.bind(client);
  const exec = client.exec.bind(client);
  const transaction = client.transaction.bind(client);
  client.query = ((text: string, ...rest: unknown[]) => {
    record(text);
    return (query as (...values: unknown[]) => unknown)(text, ...rest);
  }) as PGlite['query'];
  client.exec = ((text: string, ...rest: unknown[]) => {
    record(text);
    return (exec as (...values: unknown[]) => unknown)(text, ...rest);
  }) as PGlite['exec'];
  client.transaction = (async (work: (tx: unknown) => Promise<unknown>) => {
    record('BEGIN');
    const result = await transaction(async (tx) => {
      const txQuery = tx.query.bind(tx);
      const counted = Object.assign(Object.create(tx), {
        query: (text: string, ...rest: unknown[]) => {
          record(text);
          return (txQuery as (...values: unknown[]) => unknown)(text, ...rest);
        },
      });
      return work(counted);
    });
    record('COMMIT');
    return result;
  }) as PGlite['transaction'];
  return counter;
}

/** Counts every statement the pool's connections send (`BEGIN` and `COMMIT` included). */
export function countPoolStatements(pool: pg.Pool): StatementCounter {
  const { record, counter } = createCounter();
  const wrapped = new WeakSet<object>();
  const wrap = (client: pg.PoolClient) => {
    if (wrapped.has(client)) return;
    wrapped.add(client);
    const query = client.query.bind(client) as (...values: unknown[]) => unknown;
    (client as unknown as { query: (...values: unknown[]) => unknown }).query = (...values: unknown[]) => {
      record(values[0]);
      return query(...values);
    };
  };
  // `pool.query` acquires a client too, so wrapping every acquired client sees every statement.
  pool.on('acquire', wrap);
  return counter;
}
