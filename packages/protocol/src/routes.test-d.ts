import { describe, expectTypeOf, it } from 'vitest';
import type { Message, NotificationSettings, Viewer } from './entities.js';
import type { ServerEvent } from './events.js';
import type {
  ListConversationsResponse,
  SendMessageRequest,
  StartConversationRequest,
  StartConversationResponse,
} from './requests.js';
import type { RouteBody, RouteParams, RouteQuery, RouteResponse } from './routes.js';

describe('route table types', () => {
  it('line up request bodies with the request types', () => {
    expectTypeOf<RouteBody<'sendMessage'>>().toEqualTypeOf<SendMessageRequest>();
    expectTypeOf<RouteBody<'startConversation'>>().toEqualTypeOf<StartConversationRequest>();
    expectTypeOf<RouteBody<'getMe'>>().toEqualTypeOf<undefined>();
  });

  it('line up responses with the entity and response types', () => {
    expectTypeOf<RouteResponse<'getMe'>>().toEqualTypeOf<Viewer>();
    expectTypeOf<RouteResponse<'sendMessage'>>().toEqualTypeOf<Message>();
    expectTypeOf<RouteResponse<'startConversation'>>().toEqualTypeOf<StartConversationResponse>();
    expectTypeOf<RouteResponse<'listConversations'>>().toEqualTypeOf<ListConversationsResponse>();
    expectTypeOf<RouteResponse<'updateNotificationSettings'>>().toEqualTypeOf<NotificationSettings>();
    expectTypeOf<RouteResponse<'events'>>().toEqualTypeOf<ServerEvent>();
  });

  it('types path parameters and queries', () => {
    expectTypeOf<RouteParams<'listMessages'>>().toEqualTypeOf<{ id: string }>();
    expectTypeOf<RouteParams<'listConversations'>>().toEqualTypeOf<undefined>();
    expectTypeOf<RouteQuery<'listConversations'>>().toHaveProperty('cursor');
  });
});
