import { getConversationSummary, listConversationSummaries } from '../domain/conversation-views.js';
import { listConversationMessages } from '../domain/message-views.js';
import { presentViewer } from '../domain/present.js';
import { markConversationRead } from '../domain/read-state.js';
import { sendMessage } from '../domain/send-message.js';
import { startConversation } from '../domain/start-conversation.js';
import { viewerRef } from '../domain/viewer.js';
import type { RouteHandlers } from './route-handler.js';

const identityKey = (kind: string, id: string) => `${kind}:${id}`;

/** Handlers of the viewer, conversation and message routes. */
export const conversationRouteHandlers = {
  async health() {
    return { status: 'ok' as const };
  },
  async getMe({ viewer }) {
    return presentViewer(viewer);
  },
  async listConversations({ viewer, query, context }) {
    return listConversationSummaries(context.store, viewer, query);
  },
  async startConversation({ viewer, body, context, services }) {
    const author = viewerRef(viewer);
    services.sendLimiter.take(identityKey(author.kind, author.id));
    return startConversation(context, viewer, body);
  },
  async getConversation({ viewer, params, context }) {
    return getConversationSummary(context.store, viewer, params.id);
  },
  async listMessages({ viewer, params, query, context }) {
    return listConversationMessages(context.store, viewer, params.id, query);
  },
  async sendMessage({ viewer, params, body, context, services }) {
    const author = viewerRef(viewer);
    services.sendLimiter.take(identityKey(author.kind, author.id));
    return sendMessage(context, viewer, params.id, body);
  },
  async markRead({ viewer, params, body, context }) {
    return markConversationRead(context, viewer, params.id, body.upTo);
  },
} satisfies Partial<RouteHandlers>;
