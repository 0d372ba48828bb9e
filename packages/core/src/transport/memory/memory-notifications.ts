import {
  ListNotificationsQuerySchema,
  type ListNotificationsResponse,
  MarkNotificationsReadRequestSchema,
  type Message,
  type Notification,
  NotificationSchema,
  PAGE_SIZE_DEFAULT,
} from '@confide/protocol';
import {
  decodeCursor,
  encodeCursor,
  type MemoryIdentity,
  type MemoryState,
  nextId,
  parseInput,
  publish,
  requireMember,
  type StoredConversation,
  timestamp,
} from './memory-state.js';

function recipientsOf(state: MemoryState, kind: Notification['kind'], stored: StoredConversation): string[] {
  const members = state.seed.members;
  if (kind === 'client_replied') return members.map((member) => member.id);
  const contact = state.seed.contacts.find((candidate) => candidate.id === stored.conversation.contact.id);
  const assignees = contact?.assigneeIds ?? [];
  const owners = members.filter((member) => member.role === 'owner').map((member) => member.id);
  switch (state.settings.clientStartedThread) {
    case 'assignees':
      return [...assignees];
    case 'assignees_and_owner':
      return [...new Set([...assignees, ...owners])];
    case 'all_members':
      return members.map((member) => member.id);
    case 'none':
      return [];
  }
}

/** Gives the firm's members an in-app notification about a client's message, following the firm's settings. */
export function notifyMembers(
  state: MemoryState,
  kind: Notification['kind'],
  stored: StoredConversation,
  message: Message,
) {
  for (const memberId of recipientsOf(state, kind, stored)) {
    const notification = NotificationSchema.parse({
      id: nextId(state, 'ntf'),
      kind,
      conversationId: stored.conversation.id,
      messageId: message.id,
      contact: stored.conversation.contact,
      subject: stored.conversation.subject,
      createdAt: timestamp(state),
      readAt: null,
    });
    state.notifications.set(memberId, [notification, ...(state.notifications.get(memberId) ?? [])]);
    publish(
      state,
      (id) => ({ id, type: 'notification.created', data: { notification } }),
      (identity) => identity.kind === 'member' && identity.id === memberId,
    );
  }
}

function unreadOf(list: readonly Notification[]): number {
  return list.filter((notification) => notification.readAt === null).length;
}

/** `GET /v1/notifications`. */
export function listNotifications(
  state: MemoryState,
  identity: MemoryIdentity,
  input: unknown,
): ListNotificationsResponse {
  const member = requireMember(state, identity);
  const query = parseInput(ListNotificationsQuerySchema, input);
  const all = state.notifications.get(member.id) ?? [];
  const matching = query.unread ? all.filter((notification) => notification.readAt === null) : all;
  const offset = decodeCursor(query.cursor);
  const limit = query.limit ?? PAGE_SIZE_DEFAULT;
  return {
    items: matching.slice(offset, offset + limit),
    nextCursor: offset + limit < matching.length ? encodeCursor(offset + limit) : null,
    unreadCount: unreadOf(all),
  };
}

/** `POST /v1/notifications/read`. */
export function markNotificationsRead(state: MemoryState, identity: MemoryIdentity, input: unknown) {
  const member = requireMember(state, identity);
  const request = parseInput(MarkNotificationsReadRequestSchema, input);
  const ids = 'ids' in request ? new Set<string>(request.ids) : undefined;
  const readAt = timestamp(state);
  const list = (state.notifications.get(member.id) ?? []).map((notification) =>
    notification.readAt === null && (!ids || ids.has(notification.id))
      ? { ...notification, readAt }
      : notification,
  );
  state.notifications.set(member.id, list);
  return { unreadCount: unreadOf(list) };
}
