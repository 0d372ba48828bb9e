import type { Store, StoreQueries } from '../../store/store.js';
import { createAttachmentQueries } from './attachment-queries.js';
import { createConversationQueries } from './conversation-queries.js';
import type { SqlContext, SqlDatabase } from './database.js';
import { createPeopleQueries } from './people-queries.js';
import { createRecordQueries } from './record-queries.js';

/** Options of `createSqlStore`. */
export interface SqlStoreOptions {
  /** PostgreSQL: the channel to `NOTIFY` with the highest seq whenever events are appended (inside the transaction). */
  readonly eventChannel?: string | undefined;
}

function createQueries(context: SqlContext): StoreQueries {
  return {
    ...createPeopleQueries(context),
    ...createConversationQueries(context),
    ...createRecordQueries(context),
    ...createAttachmentQueries(context),
  };
}

/**
 * A `Store` over a migrated drizzle database on either driver (PGlite or node-postgres). Queries outside a
 * transaction autocommit; `transaction` runs its work in one database transaction (READ COMMITTED).
 */
export function createSqlStore(db: SqlDatabase, options: SqlStoreOptions = {}): Store {
  const { eventChannel } = options;
  return {
    ...createQueries({ db, inTransaction: false, eventChannel }),
    transaction: (work) =>
      db.transaction((tx) => work(createQueries({ db: tx, inTransaction: true, eventChannel }))),
  };
}
