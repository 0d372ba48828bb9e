import type { Viewer } from '@confide/protocol';
import { QueryClient, type QueryObserverResult } from '@tanstack/query-core';
import { describe, expect, it } from 'vitest';
import { createMockServer, seedConversation, transportFor } from '../test/mock-clients.js';
import { until } from '../test/until.js';
import { conversationQueries } from './conversation-queries.js';
import { observeInfiniteQuery, observeQuery } from './observe.js';
import { createConfideKeys } from './query-keys.js';
import { viewerQueries } from './viewer-queries.js';

const keys = createConfideKeys('observe-test');

describe('observe helpers', () => {
  it('follow a query option object from the factories until stopped', async () => {
    const queryClient = new QueryClient();
    const options = viewerQueries(transportFor(createMockServer(), 'ben'), keys).viewer();
    const result = await until<QueryObserverResult<Viewer>>(
      { observe: (listener) => observeQuery(queryClient, options, listener) },
      (current) => current.data !== undefined,
    );
    expect(result.data?.name).toBe('Ben Cho');
    queryClient.clear();
  });

  it('follow a paginated query and load the next page', async () => {
    const mock = createMockServer();
    for (let index = 0; index < 3; index += 1) await seedConversation(mock, `Subject ${index}`);
    const queryClient = new QueryClient();
    const subjects = await new Promise<string[]>((resolve) => {
      const stop = observeInfiniteQuery(
        queryClient,
        conversationQueries(transportFor(mock, 'ben'), keys).list({ limit: 2 }),
        (result) => {
          if (result.hasNextPage && !result.isFetchingNextPage) void result.fetchNextPage();
          if (result.data && !result.hasNextPage) {
            stop();
            resolve(result.data.pages.flatMap((page) => page.items.map((item) => item.subject)));
          }
        },
      );
    });
    // Ben's two demo conversations are older than the three seeded now.
    expect(subjects.slice(0, 3)).toEqual(['Subject 2', 'Subject 1', 'Subject 0']);
    expect(subjects).toHaveLength(5);
    queryClient.clear();
  });
});
