import { describeMailAtDelivery } from './mail-at-delivery-contract.js';
import { openPgliteStore } from './pglite-store.js';
import { openPostgresStore } from './postgres-store.js';
import { demoAppsOverSql } from './testing/demo-app-over-sql.js';
import { describePostgres } from './testing/postgres-test-schema.js';

// The recipient is read back from the SQL stores' own columns, so the table runs over them too.
const openOver = demoAppsOverSql();

describeMailAtDelivery('mail checked again at delivery (PGlite store)', async () =>
  openOver(await openPgliteStore()),
);

describePostgres(
  'mail checked again at delivery (PostgreSQL store)',
  'confide_mail_delivery',
  ({ url, schema }) => {
    describeMailAtDelivery('contract', async () => openOver(await openPostgresStore({ url, schema })));
  },
);
