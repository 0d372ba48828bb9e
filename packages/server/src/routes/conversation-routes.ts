import { getConversationSummary, listConversationSummaries } from '../domain/conversation-views.js';
import { listConversationMessages } from '../domain/message-views.js';
import { presentViewer } from '../domain/present.js';
import { markConversationRead } from '../domain/read-state.js';
import { findSentMessage, sendMessage } from '../domain/send-message.js';
import { findStartedConversation, startConversation } from '../domain/start-conversation.js';
import { type ViewerIdentity, viewerRef } from '../domain/viewer.js';
import { ApiError } from '../errors/api-error.js';
import type { RateLimiter } from '../http/rate-limiter.js';
import type { RouteHandlers } from './route-handler.js';

/**
 * Runs a send under the sender's rate limit. Only new messages use quota: a replayed key is refunded, and a
 * sender over the limit still gets the answer to a send that already went through (`findEarlier`), so an outbox
 * retrying after a lost response never turns a delivered message into a 429. A send whose `senderId` names
 * someone other than the token's viewer (the device changed hands while it waited) is refused first, with 409
 * `conflict` and reason `sender_changed`: it is never recorded, nor answered from an earlier send.
 */
async function limitedSend<Result>(
  limiter: RateLimiter,
  viewer: ViewerIdentity,
  senderId: string | undefined,
  findEarlier: () => Promise<Result | null>,
  send: (onReplay: () => Promise<void>) => Promise<Result>,
): Promise<Result> {
  const author = viewerRef(viewer);
  if (senderId !== undefined && senderId !== author.id)
    throw new ApiError('conflict', 'This message was written by someone else signed in on this device', {
      reason: 'sender_changed',
    });
  const key = `${author.kind}:${author.id}`;
  try {
    await limiter.take(key);
  } catch (error) {
    if (!ApiError.is(error) || error.code !== 'rate_limited') throw error;
    const earlier = await findEarlier();
    if (earlier === null) throw error;
    return earlier;
  }
  return send(() => limiter.refund(key));
}

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
    return limitedSend(
      services.sendLimiter,
      viewer,
      body.senderId,
      () => findStartedConversation(context, viewer, body),
      (onReplay) => startConversation(context, viewer, body, { onReplay }),
    );
  },
  async getConversation({ viewer, params, context }) {
    return getConversationSummary(context.store, viewer, params.id);
  },
  async listMessages({ viewer, params, query, context }) {
    return listConversationMessages(context.store, viewer, params.id, query);
  },
  async sendMessage({ viewer, params, body, context, services }) {
    return limitedSend(
      services.sendLimiter,
      viewer,
      body.senderId,
      () => findSentMessage(context, viewer, params.id, body.idempotencyKey),
      (onReplay) => sendMessage(context, viewer, params.id, body, { onReplay }),
    );
  },
  async markRead({ viewer, params, body, context }) {
    return markConversationRead(context, viewer, params.id, body.upTo);
  },
} satisfies Partial<RouteHandlers>;
