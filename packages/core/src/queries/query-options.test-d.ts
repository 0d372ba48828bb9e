import type {
  ConversationSummary,
  ListConversationsResponse,
  ListMessagesResponse,
  Notification,
  Template,
  Viewer,
} from '@confide/protocol';
import type {
  DefaultError,
  InfiniteData,
  InfiniteQueryObserverOptions,
  QueryKey,
  QueryObserverOptions,
} from '@tanstack/query-core';
import { describe, expectTypeOf, it } from 'vitest';
import type { Transport } from '../transport/transport.js';
import { conversationQueries } from './conversation-queries.js';
import { messageQueries } from './message-queries.js';
import { notificationQueries } from './notification-queries.js';
import type { ConfideKeys } from './query-keys.js';
import { templateQueries } from './template-queries.js';
import { viewerQueries } from './viewer-queries.js';

declare const transport: Transport;
declare const keys: ConfideKeys;
type PagedOptions<Page> = InfiniteQueryObserverOptions<
  Page,
  DefaultError,
  InfiniteData<Page, string | null>,
  QueryKey,
  string | null
>;
type SingleOptions<Data> = QueryObserverOptions<Data, DefaultError, Data, Data, QueryKey>;

describe('query option factories', () => {
  it('produce options that query-core (and so react-query) observers accept as they are', () => {
    expectTypeOf(conversationQueries(transport, keys).list({ unread: true })).toExtend<
      PagedOptions<ListConversationsResponse>
    >();
    expectTypeOf(messageQueries(transport, keys).list('cnv_1' as never)).toExtend<
      PagedOptions<ListMessagesResponse>
    >();
    expectTypeOf(conversationQueries(transport, keys).detail('cnv_1' as never)).toExtend<
      SingleOptions<ConversationSummary>
    >();
    expectTypeOf(viewerQueries(transport, keys).viewer()).toExtend<SingleOptions<Viewer>>();
  });

  it('type the data each query resolves with', async () => {
    const templates = await templateQueries(transport, keys)
      .list()
      .queryFn({ signal: new AbortController().signal });
    expectTypeOf(templates.items).toEqualTypeOf<Template[]>();
    const page = await notificationQueries(transport, keys)
      .list()
      .queryFn({ signal: new AbortController().signal, pageParam: null });
    expectTypeOf(page.items).toEqualTypeOf<Notification[]>();
  });
});
