import { QueryClient } from '@tanstack/query-core';
import { describe, expect, it } from 'vitest';
import { createMemoryBackend, seedConversation } from '../test/memory-clients.js';
import { memoryTransport } from '../transport/memory/memory-transport.js';
import { conversationQueries } from './conversation-queries.js';
import { observeInfiniteQuery, observeQuery } from './observe.js';
import { viewerQueries } from './viewer-queries.js';

describe('observe helpers', () => {
  it('follow a query option object from the factories until stopped', async () => {
    const transport = memoryTransport();
    const queryClient = new QueryClient();
    const viewer = await new Promise<string | undefined>((resolve) => {
      const stop = observeQuery(queryClient, viewerQueries(transport).viewer(), (result) => {
        if (result.data) {
          stop();
          resolve(result.data.name);
        }
      });
    });
    expect(viewer).toBe('Ben Cho');
    queryClient.clear();
  });

  it('follow a paginated query and load the next page', async () => {
    const backend = createMemoryBackend();
    for (let index = 0; index < 3; index += 1) seedConversation(backend, `Subject ${index}`);
    const transport = memoryTransport({ backend });
    const queryClient = new QueryClient();
    const subjects = await new Promise<string[]>((resolve) => {
      const stop = observeInfiniteQuery(
        queryClient,
        conversationQueries(transport).list({ limit: 2 }),
        (result) => {
          if (result.hasNextPage && !result.isFetchingNextPage) void result.fetchNextPage();
          if (result.data && !result.hasNextPage) {
            stop();
            resolve(result.data.pages.flatMap((page) => page.items.map((item) => item.subject)));
          }
        },
      );
    });
    expect(subjects).toEqual(['Subject 2', 'Subject 1', 'Subject 0']);
    queryClient.clear();
  });
});
