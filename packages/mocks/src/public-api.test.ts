import { describe, expect, it } from 'vitest';
import * as browser from './browser.js';
import * as mocks from './index.js';
import * as node from './node.js';

describe('public API', () => {
  it('exports exactly these runtime names', () => {
    expect(Object.keys(mocks).sort()).toEqual([
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
    ]);
  });

  it('keeps the MSW setups in their own entry points', () => {
    expect(Object.keys(browser).sort()).toEqual(['BROWSER_MOCK_BASE_URL', 'setupConfideWorker']);
    expect(Object.keys(node).sort()).toEqual(['setupConfideServer']);
  });
});
