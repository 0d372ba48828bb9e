import { describe, expect, it } from 'vitest';
import * as browser from './browser.js';
import * as mocks from './index.js';
import * as node from './node.js';

/**
 * Each entry point with exactly the runtime names it exports, so the API changes only on purpose; the MSW setups
 * stay in their own entry points.
 */
const ENTRY_POINTS = [
  {
    name: '@confide/mocks',
    module: mocks,
    names: [
      'DEFAULT_MOCK_BASE_URL',
      'DEMO_EMAILS',
      'DEMO_IDS',
      'EMPTY_ACCOUNT',
      'HEALTHY_SCENARIO',
      'MOCK_JWT_SECRET',
      'MockTokenError',
      'createConfideHandlers',
      'createMockFetch',
      'createMockServer',
      'scenarios',
      'seedConversations',
      'seedEmptyAccount',
      'seedLongThread',
    ],
  },
  { name: '@confide/mocks/browser', module: browser, names: ['BROWSER_MOCK_BASE_URL', 'setupConfideWorker'] },
  { name: '@confide/mocks/node', module: node, names: ['setupConfideServer'] },
];

describe('public API', () => {
  it.each(ENTRY_POINTS)('$name exports exactly these runtime names', ({ module, names }) => {
    expect(Object.keys(module).sort()).toEqual(names);
  });
});
