import { PAGE_SIZE_DEFAULT } from '@confide/protocol';
import { decodeCursor, encodeCursor } from '../lib/cursor.js';
import type { EventAudience } from '../store/rows.js';
import type { StoreQueries } from '../store/store.js';
import type { DomainContext } from './context.js';
import { presentNotification } from './present.js';
import { runUnitOfWork } from './unit-of-work.js';
import type { ViewerIdentity } from './viewer.js';
import type { WireNotification } from './wire.js';

type MemberViewer = Extract<ViewerIdentity, { kind: 'member' }>;

/** Page and filter of `GET /v1/notifications`, as parsed by the protocol. */
export interface NotificationListInput {
  readonly cursor?: string | undefined;
  readonly limit?: number | undefined;
  readonly unread?: boolean | undefined;
}

/** The member's notifications, newest first, with the unread count and a cursor. */
export async function listMemberNotifications(
  store: StoreQueries,
  viewer: MemberViewer,
  input: NotificationListInput,
) {
  const limit = input.limit ?? PAGE_SIZE_DEFAULT;
  const rows = await store.listNotificationsWithContext({
    memberId: viewer.member.id,
    firmId: viewer.firm.id,
    beforeSeq: decodeCursor('notifications', input.cursor, 'cursor'),
    limit: limit + 1,
    unreadOnly: input.unread,
  });
  const page = rows.slice(0, limit);
  const items: WireNotification[] = page.map((row) =>
    presentNotification(row.notification, row.conversation, row.contact),
  );
  const last = page.at(-1)?.notification;
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor('notifications', last.seq) : null,
    unreadCount: await store.countUnreadNotifications(viewer.member.id),
  };
}

/** Who receives a member's notification events: that member's streams only, in every tab and device. */
export function memberOnlyAudience(firmId: string, memberId: string): EventAudience {
  return { firmId, allMembers: false, memberIds: [memberId], contactId: null };
}

/**
 * Marks some (`ids`, only the member's own count) or all of the member's notifications read, and tells the
 * member's other streams with a `notification.read` event carrying the server's unread count after it.
 */
export async function markMemberNotificationsRead(
  context: DomainContext,
  viewer: MemberViewer,
  input: { readonly ids: readonly string[] } | { readonly all: true },
): Promise<{ unreadCount: number }> {
  return runUnitOfWork(context, async (tx, emit) => {
    const ids = 'all' in input ? 'all' : input.ids;
    const readAt = context.clock.now().toISOString();
    await tx.markNotificationsRead(viewer.member.id, ids, readAt);
    const unreadCount = await tx.countUnreadNotifications(viewer.member.id);
    emit(
      'notification.read',
      { ids: ids === 'all' ? 'all' : [...new Set(ids)], readAt, unreadCount },
      memberOnlyAudience(viewer.firm.id, viewer.member.id),
    );
    return { unreadCount };
  });
}
