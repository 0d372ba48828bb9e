import type {
  Conversation,
  ConversationId,
  ConversationSummary,
  ListConversationsResponse,
  ListMessagesResponse,
  ListNotificationsResponse,
  Message,
  Notification,
  ServerEvent,
  ServerEventOf,
  Viewer,
} from '@confide/protocol';
import {
  applyClientRead,
  type CacheScope,
  holds,
  insertIntoLists,
  isKnownPreview,
  mapItems,
  mapPages,
  moveToTop,
  type Pages,
  withItem,
  withMessage,
} from './conversation-cache.js';

/** What applying events needs besides the cache. */
export interface CacheContext extends CacheScope {
  /** The viewer, once known; decides which messages are "own" (never unread). */
  readonly viewer: () => Viewer | undefined;
  /** Fetches a conversation's summary for a list that does not hold it yet. */
  readonly fetchSummary: (id: ConversationId) => Promise<ConversationSummary>;
}

function isOwn(viewer: Viewer | undefined, message: Message): boolean {
  return viewer !== undefined && message.author.kind === viewer.role && message.author.id === viewer.id;
}

/**
 * Puts a new message into the cache: appended to its thread (once), its conversation moved to the top of
 * the index with a new preview and, for someone else's message, one more unread. Used for live events and for
 * the answers to the viewer's own sends alike, so both paths agree.
 */
export function applyNewMessage(context: CacheContext, message: Message) {
  const { queryClient, keys } = context;
  const thread = queryClient.getQueryData<Pages<ListMessagesResponse>>(keys.messages(message.conversationId));
  // A message already in a cached thread, or already previewed, was counted when it first arrived.
  if (thread && (!thread.pages[0] || holds(thread, message.id))) return;
  if (thread)
    queryClient.setQueryData(keys.messages(message.conversationId), withItem(thread, message, 'end'));
  if (isKnownPreview(context, message)) return;
  const own = isOwn(context.viewer(), message);
  const { missing } = moveToTop(
    context,
    message.conversationId,
    (summary) => withMessage(summary, message, own),
    own ? 0 : 1,
  );
  if (missing.length > 0) {
    void context
      .fetchSummary(message.conversationId)
      .then((summary) => insertIntoLists(context, summary, missing))
      .catch(() => queryClient.invalidateQueries({ queryKey: keys.conversationLists() }));
  }
}

/**
 * Puts a new conversation into the cache: at the top of the index lists it belongs in, with its first message
 * as the whole thread so far. Used for live events and for the answer to the viewer's own start alike.
 */
export function applyNewConversation(context: CacheContext, conversation: Conversation, message: Message) {
  const { queryClient, keys } = context;
  queryClient.setQueryData(
    keys.messages(conversation.id),
    (pages: unknown) => pages ?? { pages: [{ items: [message], nextCursor: null }], pageParams: [null] },
  );
  const own = isOwn(context.viewer(), message);
  const summary = withMessage({ ...conversation, lastMessage: null, unreadCount: 0 }, message, own);
  const fresh = queryClient
    .getQueriesData<Pages<ListConversationsResponse>>({ queryKey: keys.conversationLists() })
    .filter(([, pages]) => pages !== undefined && !holds(pages, conversation.id))
    .map(([queryKey]) => queryKey);
  insertIntoLists(context, summary, fresh, own ? 0 : 1);
}

function applyConversationRead(context: CacheContext, event: ServerEventOf<'conversation.read'>) {
  const { conversationId, reader, upToMessageId, readAt } = event.data;
  const viewer = context.viewer();
  if (reader.kind === 'client' && viewer?.role === 'member') {
    applyClientRead(context, conversationId, { contactId: reader.id, upToMessageId, readAt });
    return;
  }
  if (viewer && reader.kind === viewer.role && reader.id === viewer.id) {
    // Read in another tab: the exact counts live on the server, so refetch rather than guess.
    void context.queryClient.invalidateQueries({ queryKey: context.keys.conversations() });
  }
}

/**
 * Shows a new notification at the top of every notification list. The unread count is not guessed (a "+1" on a
 * number another tab may have made stale drifts): the lists are refetched for the server's figure.
 */
function applyNotificationCreated(context: CacheContext, event: ServerEventOf<'notification.created'>) {
  const queryKey = context.keys.notifications();
  context.queryClient.setQueriesData<Pages<ListNotificationsResponse>>(
    { queryKey },
    (pages) => pages && withItem(pages, event.data.notification, 'start'),
  );
  void context.queryClient.invalidateQueries({ queryKey });
}

/**
 * Shows notifications as read in every cached notification list (those `isNowRead` picks, at `readAt`) and sets
 * each list's unread count to the server's figure. Used for the viewer's own reads and for reads in another tab.
 */
export function applyNotificationsRead(
  scope: CacheScope,
  isNowRead: (notification: Notification) => boolean,
  readAt: string,
  unreadCount: number,
) {
  const markRead = (item: Notification) =>
    item.readAt === null && isNowRead(item) ? { ...item, readAt } : item;
  scope.queryClient.setQueriesData<Pages<ListNotificationsResponse>>(
    { queryKey: scope.keys.notifications() },
    (pages) =>
      pages && mapPages(pages, (page) => ({ ...page, unreadCount, items: page.items.map(markRead) })),
  );
}

/**
 * Another tab or device of the same member read notifications: the named ones (or all up to `readAt`) show as
 * read, and every list takes the server's unread count from the event.
 */
function applyNotificationRead(context: CacheContext, event: ServerEventOf<'notification.read'>) {
  const { ids, readAt, unreadCount } = event.data;
  const named = ids === 'all' ? undefined : new Set<string>(ids);
  const isNowRead = (item: Notification) =>
    named === undefined ? item.createdAt <= readAt : named.has(item.id);
  applyNotificationsRead(context, isNowRead, readAt, unreadCount);
}

/** A file's state changed (its scan finished): the file is replaced in its cached message; the index is untouched. */
function applyAttachmentUpdated(context: CacheContext, event: ServerEventOf<'attachment.updated'>) {
  const { conversationId, attachment } = event.data;
  const replace = (message: Message): Message =>
    message.id === attachment.messageId && message.attachments
      ? {
          ...message,
          attachments: message.attachments.map((file) => (file.id === attachment.id ? attachment : file)),
        }
      : message;
  context.queryClient.setQueryData<Pages<ListMessagesResponse>>(
    context.keys.messages(conversationId),
    (pages) => pages && mapItems(pages, replace),
  );
}

/** The one place where server events change the query cache. */
export function applyServerEvent(context: CacheContext, event: ServerEvent) {
  switch (event.type) {
    case 'message.created':
      return applyNewMessage(context, event.data.message);
    case 'conversation.created':
      return applyNewConversation(context, event.data.conversation, event.data.message);
    case 'conversation.read':
      return applyConversationRead(context, event);
    case 'notification.created':
      return applyNotificationCreated(context, event);
    case 'notification.read':
      return applyNotificationRead(context, event);
    case 'attachment.updated':
      return applyAttachmentUpdated(context, event);
  }
}
