import { ConfideError, type Transport } from '@confide/core';
import {
  ConversationSummarySchema,
  MarkReadResponseSchema,
  MessageSchema,
  ViewerSchema,
} from '@confide/protocol';

// A host whose backend ("CaseDesk") has its own API and JSON. The transport maps it to the protocol's
// shapes; the client checks every answer against the protocol's schemas, so a mapping mistake surfaces as
// an `invalid_response` error instead of corrupting the cache.

interface CaseDeskPost {
  id: string;
  threadId: string;
  text: string;
  at: string;
  key: string;
  author: { type: 'staff' | 'client'; id: string; name: string };
}

interface CaseDeskThread {
  id: string;
  firmId: string;
  clientId: string;
  clientName: string;
  title: string;
  openedBy: CaseDeskPost['author'];
  openedAt: string;
  updatedAt: string;
  unread: number;
  lastPost: CaseDeskPost | null;
}

interface CaseDeskSession {
  user: { id: string; name: string; email: string; partner: boolean };
  firm: { id: string; name: string };
}

/** Options of the CaseDesk transport. */
export interface CaseDeskTransportOptions {
  /** Where the host's API lives. */
  readonly apiUrl: string;
  /** The host's session token, asked for on every call. */
  readonly getSessionToken: () => Promise<string>;
}

const author = (from: CaseDeskPost['author']) => ({
  kind: from.type === 'staff' ? 'member' : 'client',
  id: from.id,
  name: from.name,
});

const message = (post: CaseDeskPost) =>
  MessageSchema.parse({
    id: post.id,
    conversationId: post.threadId,
    author: author(post.author),
    body: post.text,
    createdAt: post.at,
    internal: false,
    idempotencyKey: post.key,
  });

const summary = (thread: CaseDeskThread) =>
  ConversationSummarySchema.parse({
    id: thread.id,
    firmId: thread.firmId,
    contact: { id: thread.clientId, name: thread.clientName },
    subject: thread.title,
    matter: null,
    startedBy: author(thread.openedBy),
    createdAt: thread.openedAt,
    lastActivityAt: thread.updatedAt,
    unreadCount: thread.unread,
    lastMessage: thread.lastPost && {
      id: thread.lastPost.id,
      author: author(thread.lastPost.author),
      text: thread.lastPost.text.slice(0, 200),
      createdAt: thread.lastPost.at,
      internal: false,
    },
  });

/** A Confide transport over CaseDesk's own API: the operations it supports, and a clear error for the rest. */
export function caseDeskTransport(options: CaseDeskTransportOptions): Transport {
  async function call<Answer>(path: string, signal?: AbortSignal, post?: object): Promise<Answer> {
    const response = await fetch(`${options.apiUrl}${path}`, {
      method: post ? 'POST' : 'GET',
      headers: { 'content-type': 'application/json', 'x-session': await options.getSessionToken() },
      body: post ? JSON.stringify(post) : null,
      signal: signal ?? null,
    });
    if (response.status === 404) throw new ConfideError('not_found', 'CaseDesk does not know this record');
    if (!response.ok)
      throw new ConfideError('internal', `CaseDesk answered ${response.status}`, { status: response.status });
    return (await response.json()) as Answer;
  }
  const thread = (id: string) => `/threads/${encodeURIComponent(id)}`;
  const unsupported = (operation: string) => async (): Promise<never> => {
    throw new ConfideError('forbidden', `${operation} is not available with CaseDesk`, { retryable: false });
  };

  return {
    async getViewer({ signal } = {}) {
      const { user, firm } = await call<CaseDeskSession>('/session', signal);
      const { partner, ...person } = user;
      return ViewerSchema.parse({
        role: 'member',
        ...person,
        memberRole: partner ? 'owner' : 'member',
        firm,
      });
    },
    async listConversations(query, { signal } = {}) {
      const search = new URLSearchParams({
        after: query.cursor ?? '',
        unread: query.unread ?? 'false',
        q: query.query ?? '',
      });
      const page = await call<{ threads: CaseDeskThread[]; more: string | null; totalUnread: number }>(
        `/threads?${search}`,
        signal,
      );
      return { items: page.threads.map(summary), nextCursor: page.more, unreadTotal: page.totalUnread };
    },
    async getConversation(id, { signal } = {}) {
      return summary(await call<CaseDeskThread>(thread(id), signal));
    },
    async listMessages(id, query, { signal } = {}) {
      const search = new URLSearchParams({ before: query.before ?? '' });
      const page = await call<{ posts: CaseDeskPost[]; more: string | null }>(
        `${thread(id)}/posts?${search}`,
        signal,
      );
      return { items: page.posts.map(message), nextCursor: page.more };
    },
    async sendMessage(id, input, { signal } = {}) {
      const post = { text: input.body, key: input.idempotencyKey };
      return message(await call<CaseDeskPost>(`${thread(id)}/posts`, signal, post));
    },
    async markRead(id, input, { signal } = {}) {
      const counts = await call<{ unread: number; totalUnread: number }>(`${thread(id)}/seen`, signal, {
        upTo: input.upTo,
      });
      return MarkReadResponseSchema.parse({
        upToMessageId: input.upTo,
        unreadCount: counts.unread,
        unreadTotal: counts.totalUnread,
      });
    },
    // CaseDesk has no live events: the stream reports itself closed and the SDK relies on refetching.
    subscribe(_onEvent, subscribeOptions = {}) {
      subscribeOptions.onStatusChange?.('closed');
      return () => {};
    },
    listContacts: unsupported('listContacts'),
    listMembers: unsupported('listMembers'),
    startConversation: unsupported('startConversation'),
    listTemplates: unsupported('listTemplates'),
    getTemplate: unsupported('getTemplate'),
    createTemplate: unsupported('createTemplate'),
    updateTemplate: unsupported('updateTemplate'),
    deleteTemplate: unsupported('deleteTemplate'),
    listNotifications: unsupported('listNotifications'),
    markNotificationsRead: unsupported('markNotificationsRead'),
    getNotificationSettings: unsupported('getNotificationSettings'),
    updateNotificationSettings: unsupported('updateNotificationSettings'),
    listAudit: unsupported('listAudit'),
  };
}
