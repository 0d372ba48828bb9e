export {
  createMockServer,
  DEFAULT_MOCK_BASE_URL,
  MOCK_JWT_SECRET,
  type MockConnection,
  type MockServer,
  type MockServerOptions,
} from './create-mock-server.js';
export { seedEmptyAccount } from './fixtures/empty-account.js';
export { type LongThreadOptions, seedLongThread } from './fixtures/long-thread.js';
export { type ManyConversationsOptions, seedConversations } from './fixtures/many-conversations.js';
export { DEMO_EMAILS, DEMO_IDS, type DemoPerson, EMPTY_ACCOUNT } from './fixtures/people.js';
export { type ConfideHandlersOptions, createConfideHandlers } from './handlers.js';
export {
  createMockFetch,
  type FetchApp,
  type MockFetch,
  type MockFetchOptions,
} from './mock-fetch.js';
export {
  HEALTHY_SCENARIO,
  type MockFailure,
  type MockScenario,
  scenarios,
} from './scenario/mock-scenario.js';
export { MockTokenError } from './tokens.js';
