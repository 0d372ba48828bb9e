import type {
  Conversation,
  ConversationId,
  ConversationSummary,
  ListConversationsResponse,
  ListMessagesResponse,
  ListNotificationsResponse,
  MarkReadResponse,
  Message,
  Notification,
  ServerEvent,
  ServerEventOf,
  Viewer,
} from '@confide/protocol';
import { type InfiniteData, matchQuery, type QueryClient, type QueryKey } from '@tanstack/query-core';
import type { ConfideKeys, ConversationListParams } from '../queries/query-keys.js';

/** The cache one client writes to: its QueryClient and its keys. */
export interface CacheScope {
  readonly queryClient: QueryClient;
  readonly keys: ConfideKeys;
}

/** A cached list, loaded page by page with the server's cursor. */
type Pages<Page> = InfiniteData<Page, string | null>;
type ConversationPages = Pages<ListConversationsResponse>;
type Update = (summary: ConversationSummary) => ConversationSummary;

const PREVIEW_LENGTH = 200;

function mapPages<Page>(pages: Pages<Page>, map: (page: Page) => Page): Pages<Page> {
  return { ...pages, pages: pages.pages.map(map) };
}

function mapItems<Page extends { items: unknown[] }>(
  pages: Pages<Page>,
  map: (item: Page['items'][number]) => Page['items'][number],
): Pages<Page> {
  return mapPages(pages, (page) => ({ ...page, items: page.items.map(map) }));
}

function holds(pages: Pages<{ items: { id: string }[] }>, id: string): boolean {
  return pages.pages.some((page) => page.items.some((item) => item.id === id));
}

/** The list with `item` added to its first page (at the start or the end), unless a page holds it already. */
function withItem<Item extends { id: string }, Page extends { items: Item[] }>(
  pages: Pages<Page>,
  item: Item,
  at: 'start' | 'end',
): Pages<Page> {
  const [first, ...rest] = pages.pages;
  if (!first || holds(pages, item.id)) return pages;
  const items = at === 'start' ? [item, ...first.items] : [...first.items, item];
  return { ...pages, pages: [{ ...first, items }, ...rest] };
}

function conversationListsOf({ queryClient, keys }: CacheScope) {
  return queryClient.getQueriesData<ConversationPages>({ queryKey: keys.conversationLists() });
}

function withUnreadTotal(pages: ConversationPages, total: (current: number) => number): ConversationPages {
  return mapPages(pages, (page) => ({ ...page, unreadTotal: total(page.unreadTotal) }));
}

/** Puts a summary first in a list's first page, removing any older copy from every page. */
function insertAtTop(pages: ConversationPages, summary: ConversationSummary): ConversationPages {
  const without = mapPages(pages, (page) => ({
    ...page,
    items: page.items.filter((item) => item.id !== summary.id),
  }));
  return withItem(without, summary, 'start');
}

function updateDetail(scope: CacheScope, id: ConversationId, update: Update) {
  scope.queryClient.setQueryData<ConversationSummary>(
    scope.keys.conversation(id),
    (summary) => summary && update(summary),
  );
}

/** Applies a change to one conversation wherever it is cached: every index list and its detail query. */
function updateConversation(scope: CacheScope, id: ConversationId, update: Update) {
  scope.queryClient.setQueriesData<ConversationPages>(
    { queryKey: scope.keys.conversationLists() },
    (pages) => pages && mapItems(pages, (summary) => (summary.id === id ? update(summary) : summary)),
  );
  updateDetail(scope, id, update);
}

/** Whether a message is already the preview of its conversation anywhere in the cache (a replayed event). */
function isKnownPreview(scope: CacheScope, message: Message): boolean {
  const { queryClient, keys } = scope;
  const detail = queryClient.getQueryData<ConversationSummary>(keys.conversation(message.conversationId));
  if (detail?.lastMessage?.id === message.id) return true;
  return conversationListsOf(scope).some(([, pages]) =>
    pages?.pages.some((page) => page.items.some((item) => item.lastMessage?.id === message.id)),
  );
}

/**
 * Moves a conversation to the top of every cached index list that holds it, after `update`, and adds
 * `unreadDelta` to each list's unread total in the same write (so no observer sees half an update). Lists that
 * do not hold it yet are returned: the caller fetches the summary (unfiltered lists) or refetches.
 */
function moveToTop(scope: CacheScope, id: ConversationId, update: Update, unreadDelta = 0): QueryKey[] {
  const missing: QueryKey[] = [];
  for (const [queryKey, pages] of conversationListsOf(scope)) {
    if (!pages || pages.pages.length === 0) continue;
    const current = pages.pages.flatMap((page) => page.items).find((summary) => summary.id === id);
    if (!current) missing.push(queryKey);
    const moved = current ? insertAtTop(pages, update(current)) : pages;
    scope.queryClient.setQueryData(
      queryKey,
      withUnreadTotal(moved, (total) => total + unreadDelta),
    );
  }
  updateDetail(scope, id, update);
  return missing;
}

/** Inserts a summary at the top of the cached lists whose filters it matches (search lists are refetched). */
function insertIntoLists(
  scope: CacheScope,
  summary: ConversationSummary,
  listKeys: readonly QueryKey[],
  unreadDelta = 0,
) {
  for (const queryKey of listKeys) {
    const params = (queryKey.at(-1) ?? {}) as ConversationListParams;
    if (params.query || params.matterId) {
      void scope.queryClient.invalidateQueries({ queryKey, exact: true }, { cancelRefetch: false });
      continue;
    }
    scope.queryClient.setQueryData<ConversationPages>(queryKey, (pages) => {
      if (!pages) return pages;
      const inserted = params.unread && summary.unreadCount === 0 ? pages : insertAtTop(pages, summary);
      return withUnreadTotal(inserted, (total) => total + unreadDelta);
    });
  }
}

/** The summary after a new message: preview, activity time and (for someone else's message) one more unread. */
function withMessage(summary: ConversationSummary, message: Message, own: boolean): ConversationSummary {
  return {
    ...summary,
    lastActivityAt: message.createdAt,
    lastMessage: {
      id: message.id,
      author: message.author,
      text: message.body.slice(0, PREVIEW_LENGTH),
      createdAt: message.createdAt,
      internal: message.internal,
    },
    unreadCount: own ? summary.unreadCount : summary.unreadCount + 1,
  };
}

/** Applies the answer of a mark-read call to the unread counts. */
export function applyReadResult(scope: CacheScope, id: ConversationId, result: MarkReadResponse) {
  updateConversation(scope, id, (summary) => ({ ...summary, unreadCount: result.unreadCount }));
  scope.queryClient.setQueriesData<ConversationPages>(
    { queryKey: scope.keys.conversationLists() },
    (pages) => pages && withUnreadTotal(pages, () => result.unreadTotal),
  );
}

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
  const id = message.conversationId;
  const thread = queryClient.getQueryData<Pages<ListMessagesResponse>>(keys.messages(id));
  // A message already in a cached thread, or already previewed, was counted when it first arrived.
  if (thread && (!thread.pages[0] || holds(thread, message.id))) return;
  if (thread) queryClient.setQueryData(keys.messages(id), withItem(thread, message, 'end'));
  if (isKnownPreview(context, message)) return;
  const own = isOwn(context.viewer(), message);
  const missing = moveToTop(context, id, (summary) => withMessage(summary, message, own), own ? 0 : 1);
  if (missing.length > 0) {
    void context
      .fetchSummary(id)
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
  const fresh = conversationListsOf(context)
    .filter(([, pages]) => pages !== undefined && !holds(pages, conversation.id))
    .map(([queryKey]) => queryKey);
  insertIntoLists(context, summary, fresh, own ? 0 : 1);
}

function applyConversationRead(context: CacheContext, event: ServerEventOf<'conversation.read'>) {
  const { conversationId, reader, upToMessageId, readAt } = event.data;
  const viewer = context.viewer();
  if (reader.kind === 'client' && viewer?.role === 'member') {
    // The client's read horizon, which members see as "Seen".
    const clientRead = { contactId: reader.id, upToMessageId, readAt };
    updateConversation(context, conversationId, (summary) => ({ ...summary, clientRead }));
    return;
  }
  if (viewer && reader.kind === viewer.role && reader.id === viewer.id) {
    // Read in another tab: the exact counts live on the server, so refetch rather than guess (loads in flight are
    // left to `loadsToRestart`: cancelling them here as well would cost a second request).
    const queryKey = context.keys.conversations();
    void context.queryClient.invalidateQueries({ queryKey }, { cancelRefetch: false });
  }
}

/**
 * Shows a new notification at the top of every notification list, counted as unread with it (so a refetch on the
 * wire meanwhile can tell the count moved with the item, see `cursorQuery`). The count is not trusted further (a
 * "+1" on a number another tab may have made stale drifts): the lists are refetched for the server's figure.
 */
function applyNotificationCreated(context: CacheContext, event: ServerEventOf<'notification.created'>) {
  const queryKey = context.keys.notifications();
  const { notification } = event.data;
  const added = notification.readAt === null ? 1 : 0;
  context.queryClient.setQueriesData<Pages<ListNotificationsResponse>>({ queryKey }, (pages) => {
    if (!pages || holds(pages, notification.id) || !pages.pages[0]) return pages;
    const shown = withItem(pages, notification, 'start');
    return mapPages(shown, (page) => ({ ...page, unreadCount: page.unreadCount + added }));
  });
  void context.queryClient.invalidateQueries({ queryKey }, { cancelRefetch: false });
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
  const named = new Set<string>(ids === 'all' ? [] : ids);
  const isNowRead = (item: Notification) => (ids === 'all' ? item.createdAt <= readAt : named.has(item.id));
  applyNotificationsRead(context, isNowRead, readAt, unreadCount);
}

/** A file's state changed (its scan finished): the file is replaced in its cached message; the index is untouched. */
function applyAttachmentUpdated(context: CacheContext, event: ServerEventOf<'attachment.updated'>) {
  const { conversationId, attachment } = event.data;
  // An upload not sent yet is in no cached message (only its uploader hears of it); its send answers its state.
  if (conversationId === null) return;
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

/** Restarts of one load for events before it lands and is fetched once more: a steady stream must not starve it. */
const LOAD_RESTART_LIMIT = 2;

/** The restarts behind each load in flight, by its promise; `Infinity` once a fetch after it is arranged. */
const restartsOf = new WeakMap<Promise<unknown>, number>();

/**
 * Notes this client's loads in flight before an event is applied; returns what starts again those under `touched`.
 * Each may have been answered before the event and would overwrite (or, a first load, miss) what it wrote; the
 * server commits before it sends an event, so a fetch started now includes it. Loads the event begins itself are not
 * restarted (one request per query it refetches), nor loads of a further page (`loadNextPage` keeps what is written
 * meanwhile). A load is cancelled silently and fetched again (its awaiters get the new answer; query-core's
 * `cancelRefetch` would leave a first load running) up to `LOAD_RESTART_LIMIT` times; then it lands, keeping what the
 * events wrote meanwhile (see `cursorQuery`), and one fetch after it takes in what they could not write (a first load
 * has nothing to write into).
 */
function loadsToRestart({ queryClient, keys }: CacheScope) {
  const loads = queryClient.getQueryCache().findAll({ queryKey: keys.all, fetchStatus: 'fetching' });
  return (touched: readonly QueryKey[]) => {
    for (const query of loads) {
      const load = query.state.fetchMeta?.fetchMore ? undefined : query.promise;
      if (!touched.some((queryKey) => matchQuery({ queryKey }, query))) continue;
      const restarts = (load && restartsOf.get(load)) ?? 0;
      if (load && restarts < LOAD_RESTART_LIMIT) {
        void query.cancel({ silent: true });
        query.fetch().catch(() => {});
        if (query.promise) restartsOf.set(query.promise, restarts + 1);
      } else if (load && restarts !== Infinity) {
        restartsOf.set(load, Infinity);
        load.then(() => query.fetch()).catch(() => {});
      }
    }
  };
}

/** The one place where server events change the query cache. */
export function applyServerEvent(context: CacheContext, event: ServerEvent) {
  const { keys } = context;
  const restartLoads = loadsToRestart(context);
  switch (event.type) {
    case 'message.created':
      applyNewMessage(context, event.data.message);
      return restartLoads([keys.conversations(), keys.messages(event.data.message.conversationId)]);
    case 'conversation.created':
      applyNewConversation(context, event.data.conversation, event.data.message);
      return restartLoads([keys.conversations(), keys.messages(event.data.conversation.id)]);
    case 'conversation.read':
      applyConversationRead(context, event);
      return restartLoads([keys.conversations()]);
    case 'notification.created':
      applyNotificationCreated(context, event);
      return restartLoads([keys.notifications()]);
    case 'notification.read':
      applyNotificationRead(context, event);
      return restartLoads([keys.notifications()]);
    case 'attachment.updated':
      applyAttachmentUpdated(context, event);
      return restartLoads(
        event.data.conversationId === null ? [] : [keys.messages(event.data.conversationId)],
      );
  }
}
