import { createTestApp } from '../testing/test-app.js';
import { describePortalInactiveRefusals } from './portal-inactive-contract.js';

describePortalInactiveRefusals('sending to a client whose portal is not active (memory store)', () =>
  createTestApp(),
);
