import { and, asc, desc, eq, gt, inArray, isNull, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type {
  AuditActionValue,
  AuditRow,
  EventRow,
  EventTypeValue,
  MailKind,
  MailRow,
  MailStatus,
  NewEvent,
  NotificationKindValue,
  NotificationRow,
} from '../../store/rows.js';
import type { RecordQueryName, StoreQueries } from '../../store/store.js';
import { toConversation } from './conversation-queries.js';
import { insertReturning, partyOf, queryRows, type SqlContext, toDate, withIsoTimes } from './database.js';
import { assigneeIdsOf, toContact } from './people-queries.js';
import {
  auditEntries,
  contacts,
  conversations,
  events,
  mailOutbox,
  messages,
  notifications,
} from './schema.js';

// Any fixed number works; every process appending events to one database must use the same one.
const EVENT_APPEND_LOCK_KEY = 731_504_002;

/**
 * Common table expressions that append `events` in order, for one statement: `event_order` takes the ordering
 * lock once per row of `gate` (one row, or none to append nothing), and `appended` inserts after it, so seqs are
 * allocated under the lock. The lock is held until commit: seqs are then taken and committed in the same order,
 * so a subscriber that has seen seq N+1 can never later find a seq N committing behind it. Statements that use
 * these come last in their transaction, so the lock is held for as short a time as possible.
 */
export function appendEventsExpressions(events: readonly NewEvent[], gate: SQL): SQL {
  const rows = events.map((event) => ({
    type: event.type,
    payload: event.payload,
    firmId: event.audience.firmId,
    allMembers: event.audience.allMembers,
    memberIds: event.audience.memberIds,
    contactId: event.audience.contactId,
    createdAt: event.createdAt,
  }));
  return sql`event_order AS MATERIALIZED (SELECT pg_advisory_xact_lock(${EVENT_APPEND_LOCK_KEY}) FROM ${gate}),
  appended AS (
    INSERT INTO events (type, payload, firm_id, all_members, member_ids, contact_id, created_at)
    SELECT row.value->>'type', row.value->'payload', row.value->>'firmId', (row.value->>'allMembers')::boolean,
      ARRAY(SELECT jsonb_array_elements_text(row.value->'memberIds')), row.value->>'contactId',
      (row.value->>'createdAt')::timestamptz
    FROM event_order, jsonb_array_elements(${JSON.stringify(rows)}::jsonb) WITH ORDINALITY AS row(value, position)
    ORDER BY row.position
    RETURNING seq
  )`;
}

/**
 * The select list of a statement that ran `appendEventsExpressions`: the highest seq appended (null when none)
 * and, on PostgreSQL, the `NOTIFY` of it, which PostgreSQL delivers only when the transaction commits.
 */
export function appendedEventsResult(eventChannel: string | undefined): SQL {
  const notify =
    eventChannel === undefined
      ? sql``
      : sql`, CASE WHEN max(appended.seq) IS NULL THEN NULL
          ELSE pg_notify(${eventChannel}, max(appended.seq)::text)::text END AS notified`;
  return sql`SELECT max(appended.seq) AS last_event_seq${notify} FROM appended`;
}

function toNotification(row: typeof notifications.$inferSelect): NotificationRow {
  return { ...withIsoTimes(row), kind: row.kind as NotificationKindValue };
}

function toMail(row: typeof mailOutbox.$inferSelect): MailRow {
  const { recipient, recipientKind, recipientId, textBody, htmlBody, ...columns } = withIsoTimes(row);
  return {
    ...columns,
    kind: row.kind as MailKind,
    status: row.status as MailStatus,
    recipient: recipientKind === null || recipientId === null ? null : partyOf(recipientKind, recipientId),
    to: recipient,
    text: textBody,
    html: htmlBody,
  };
}

function toAudit(row: typeof auditEntries.$inferSelect): AuditRow {
  const { actorKind, actorId, ...columns } = withIsoTimes(row);
  return { ...columns, actor: partyOf(actorKind, actorId), action: row.action as AuditActionValue };
}

function toEvent(row: typeof events.$inferSelect): EventRow {
  const { firmId, allMembers, memberIds, contactId, ...columns } = withIsoTimes(row);
  return {
    ...columns,
    type: row.type as EventTypeValue,
    audience: { firmId, allMembers, memberIds, contactId },
  };
}

/** Conditions that a mail is still held by `workerId` and waiting: the only state a worker may finish. */
const heldBy = (id: string, workerId: string) =>
  and(eq(mailOutbox.id, id), eq(mailOutbox.lockedBy, workerId), eq(mailOutbox.status, 'pending'));

/** The SQL store's queries on notifications, the mail outbox, the audit log and events. */
export function createRecordQueries(context: SqlContext): Pick<StoreQueries, RecordQueryName> {
  const { db } = context;
  /** Sets `readAt` on the member's unread notifications that also match `which`; returns those that changed. */
  const markUnreadRead = (memberId: string, which: SQL | undefined, readAt: string) =>
    db
      .update(notifications)
      .set({ readAt: toDate(readAt) })
      .where(and(eq(notifications.memberId, memberId), isNull(notifications.readAt), which))
      .returning({ id: notifications.id, seq: notifications.seq });
  return {
    async insertNotification(notification) {
      return insertReturning(
        db,
        notifications,
        {
          ...notification,
          createdAt: toDate(notification.createdAt),
          readAt: notification.readAt === null ? null : toDate(notification.readAt),
        },
        toNotification,
      );
    },
    async listNotifications(options) {
      const rows = await db
        .select()
        .from(notifications)
        .where(
          and(
            eq(notifications.memberId, options.memberId),
            options.beforeSeq === undefined ? undefined : lt(notifications.seq, options.beforeSeq),
            options.unreadOnly ? isNull(notifications.readAt) : undefined,
          ),
        )
        .orderBy(desc(notifications.seq))
        .limit(options.limit);
      return rows.map(toNotification);
    },
    async listNotificationsWithContext(options) {
      const rows = await db
        .select({
          notification: notifications,
          conversation: conversations,
          contact: contacts,
          assigneeIds: assigneeIdsOf(contacts.id),
        })
        .from(notifications)
        .innerJoin(conversations, eq(conversations.id, notifications.conversationId))
        .innerJoin(contacts, eq(contacts.id, conversations.contactId))
        .where(
          and(
            eq(notifications.memberId, options.memberId),
            eq(conversations.firmId, options.firmId),
            options.beforeSeq === undefined ? undefined : lt(notifications.seq, options.beforeSeq),
            options.unreadOnly ? isNull(notifications.readAt) : undefined,
          ),
        )
        .orderBy(desc(notifications.seq))
        .limit(options.limit);
      return rows.map((row) => ({
        notification: toNotification(row.notification),
        conversation: toConversation(row.conversation),
        contact: toContact(row.contact, row.assigneeIds),
      }));
    },
    async countUnreadNotifications(memberId) {
      const [row] = await db
        .select({ count: sql<number>`count(*)::int`.mapWith(Number) })
        .from(notifications)
        .where(and(eq(notifications.memberId, memberId), isNull(notifications.readAt)));
      return row?.count ?? 0;
    },
    async markNotificationsRead(memberId, ids, readAt) {
      if (ids !== 'all' && ids.length === 0) return 0;
      const changed = await markUnreadRead(
        memberId,
        ids === 'all' ? undefined : inArray(notifications.id, [...ids]),
        readAt,
      );
      return changed.length;
    },
    async markConversationNotificationsRead(memberId, conversationId, upToSeq, readAt) {
      const answered = db
        .select({ id: messages.id })
        .from(messages)
        .where(and(eq(messages.conversationId, conversationId), lte(messages.seq, upToSeq)));
      const changed = await markUnreadRead(
        memberId,
        and(eq(notifications.conversationId, conversationId), inArray(notifications.messageId, answered)),
        readAt,
      );
      return changed.sort((a, b) => a.seq - b.seq).map((row) => row.id);
    },
    async enqueueMail(mail) {
      const createdAt = toDate(mail.createdAt);
      return insertReturning(
        db,
        mailOutbox,
        {
          id: mail.id,
          firmId: mail.firmId,
          kind: mail.kind,
          recipient: mail.to,
          recipientKind: mail.recipient.kind,
          recipientId: mail.recipient.id,
          subject: mail.subject,
          textBody: mail.text,
          htmlBody: mail.html,
          createdAt,
          status: 'pending',
          attempts: 0,
          nextAttemptAt: createdAt,
        },
        toMail,
      );
    },
    async claimMail(options) {
      const now = toDate(options.now);
      const lockedUntil = new Date(now.getTime() + options.leaseMs);
      // SKIP LOCKED: two workers claiming at once take different rows instead of waiting for each other.
      const due = db
        .select({ id: mailOutbox.id })
        .from(mailOutbox)
        .where(
          and(
            eq(mailOutbox.status, 'pending'),
            lte(mailOutbox.nextAttemptAt, now),
            or(isNull(mailOutbox.lockedUntil), lte(mailOutbox.lockedUntil, now)),
          ),
        )
        .orderBy(asc(mailOutbox.seq))
        .limit(options.limit)
        .for('update', { skipLocked: true });
      const rows = await db
        .update(mailOutbox)
        .set({ attempts: sql`${mailOutbox.attempts} + 1`, lockedBy: options.workerId, lockedUntil })
        .where(inArray(mailOutbox.id, due))
        .returning();
      return rows.map(toMail).sort((left, right) => left.seq - right.seq);
    },
    async markMailSent(id, options) {
      const changed = await db
        .update(mailOutbox)
        .set({
          status: 'sent',
          sentAt: toDate(options.sentAt),
          ...(options.to === undefined ? {} : { recipient: options.to }),
          lockedBy: null,
          lockedUntil: null,
        })
        .where(heldBy(id, options.workerId))
        .returning({ id: mailOutbox.id });
      return changed.length > 0;
    },
    async markMailWithheld(id, options) {
      const changed = await db
        .update(mailOutbox)
        .set({ status: 'withheld', lastError: options.reason, lockedBy: null, lockedUntil: null })
        .where(heldBy(id, options.workerId))
        .returning({ id: mailOutbox.id });
      return changed.length > 0;
    },
    async markMailFailed(id, options) {
      const next =
        options.nextAttemptAt === null
          ? { status: 'failed' }
          : { status: 'pending', nextAttemptAt: toDate(options.nextAttemptAt) };
      const changed = await db
        .update(mailOutbox)
        .set({ ...next, lastError: options.error, lockedBy: null, lockedUntil: null })
        .where(heldBy(id, options.workerId))
        .returning({ id: mailOutbox.id });
      return changed.length > 0;
    },
    async listMail(options) {
      const rows = await db
        .select()
        .from(mailOutbox)
        .where(options.firmId === undefined ? undefined : eq(mailOutbox.firmId, options.firmId))
        .orderBy(desc(mailOutbox.seq))
        .limit(options.limit);
      return rows.map(toMail);
    },
    async appendAudit(entry) {
      return insertReturning(
        db,
        auditEntries,
        {
          id: entry.id,
          firmId: entry.firmId,
          actorKind: entry.actor.kind,
          actorId: entry.actor.id,
          action: entry.action,
          targetId: entry.targetId,
          requestId: entry.requestId,
          at: toDate(entry.at),
        },
        toAudit,
      );
    },
    async listAudit(options) {
      const rows = await db
        .select()
        .from(auditEntries)
        .where(
          and(
            eq(auditEntries.firmId, options.firmId),
            options.beforeSeq === undefined ? undefined : lt(auditEntries.seq, options.beforeSeq),
          ),
        )
        .orderBy(desc(auditEntries.seq))
        .limit(options.limit);
      return rows.map(toAudit);
    },
    async appendEvents(list) {
      if (list.length === 0) return 0;
      const [row] = await queryRows<{ last_event_seq: number | string | null }>(
        db,
        sql`WITH ${appendEventsExpressions(list, sql`(SELECT 1) AS once`)} ${appendedEventsResult(context.eventChannel)}`,
      );
      if (!row || row.last_event_seq === null) throw new Error('The events were not appended');
      return Number(row.last_event_seq);
    },
    async listEventsSince(afterSeq, options) {
      const { viewer } = options;
      const mayReceive =
        viewer.kind === 'client'
          ? eq(events.contactId, viewer.id)
          : or(eq(events.allMembers, true), sql`${viewer.id} = ANY(${events.memberIds})`);
      const rows = await db
        .select()
        .from(events)
        .where(and(eq(events.firmId, options.firmId), gt(events.seq, afterSeq), mayReceive))
        .orderBy(asc(events.seq))
        .limit(options.limit);
      return rows.map(toEvent);
    },
    async readEvents(afterSeq, limit) {
      const rows = await db
        .select()
        .from(events)
        .where(gt(events.seq, afterSeq))
        .orderBy(asc(events.seq))
        .limit(limit);
      return rows.map(toEvent);
    },
    async eventBounds() {
      const [row] = await db
        .select({
          oldestSeq: sql<number>`COALESCE(min(${events.seq}), 0)`.mapWith(Number),
          latestSeq: sql<number>`COALESCE(max(${events.seq}), 0)`.mapWith(Number),
        })
        .from(events);
      return { oldestSeq: row?.oldestSeq ?? 0, latestSeq: row?.latestSeq ?? 0 };
    },
    async pruneEvents(before) {
      const [row] = await queryRows<{ removed: number | string }>(
        db,
        sql`WITH removed AS (DELETE FROM events WHERE created_at < ${before}::timestamptz
          AND seq < (SELECT max(seq) FROM events) RETURNING 1)
        SELECT count(*) AS removed FROM removed`,
      );
      return Number(row?.removed ?? 0);
    },
  };
}
