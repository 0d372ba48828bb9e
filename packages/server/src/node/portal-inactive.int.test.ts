import { describePortalInactiveRefusals } from '../routes/portal-inactive-contract.js';
import { openPgliteStore } from './pglite-store.js';
import { openPostgresStore } from './postgres-store.js';
import { demoAppsOverSql } from './testing/demo-app-over-sql.js';
import { describePostgres } from './testing/postgres-test-schema.js';

// The rule reads the portal status the SQL stores load with a conversation, so the table runs over them too.
const openOver = demoAppsOverSql();

describePortalInactiveRefusals('sending to a client whose portal is not active (PGlite store)', async () =>
  openOver(await openPgliteStore()),
);

describePostgres(
  'sending to a client whose portal is not active (PostgreSQL store)',
  'confide_portal',
  ({ url, schema }) => {
    describePortalInactiveRefusals('contract', async () =>
      openOver(await openPostgresStore({ url, schema })),
    );
  },
);
