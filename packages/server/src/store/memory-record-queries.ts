import { searchContains } from '@confide/protocol';
import { insertNew, type MemoryState, rowOrNull } from './memory-state.js';
import type { AuditRow, EventRow, MailRow, NotificationRow, PartyRef, TemplateRow } from './rows.js';
import type { ListNotificationsOptions, RecordQueryName, StoreQueries, TemplateQueryName } from './store.js';

const byName = (left: TemplateRow, right: TemplateRow) =>
  left.name.localeCompare(right.name) || (left.id < right.id ? -1 : left.id > right.id ? 1 : 0);

function mayReceive(event: EventRow, firmId: string, viewer: PartyRef): boolean {
  const { audience } = event;
  if (audience.firmId !== firmId) return false;
  if (viewer.kind === 'client') return audience.contactId === viewer.id;
  return audience.allMembers || audience.memberIds.includes(viewer.id);
}

function addMilliseconds(isoTime: string, milliseconds: number): string {
  return new Date(Date.parse(isoTime) + milliseconds).toISOString();
}

/** The in-memory store's queries on notifications, templates, the mail outbox, the audit log and events. */
export function createRecordQueries(
  state: () => MemoryState,
): Pick<StoreQueries, TemplateQueryName | RecordQueryName> {
  const heldBy = (id: string, workerId: string): MailRow | null => {
    const row = state().mail.get(id);
    return row && row.status === 'pending' && row.lockedBy === workerId ? row : null;
  };
  const notificationPage = (options: ListNotificationsOptions) =>
    [...state().notifications.values()]
      .filter((row) => row.memberId === options.memberId)
      .filter((row) => options.beforeSeq === undefined || row.seq < options.beforeSeq)
      .filter((row) => !options.unreadOnly || row.readAt === null)
      .sort((left, right) => right.seq - left.seq)
      .slice(0, options.limit);
  return {
    async insertNotification(notification) {
      if (state().notifications.has(notification.id)) throw new Error('Notification id already exists');
      const row: NotificationRow = { ...notification, seq: state().sequences.notification + 1 };
      state().sequences.notification = row.seq;
      state().notifications.set(row.id, row);
      return row;
    },
    async listNotifications(options) {
      return notificationPage(options);
    },
    async listNotificationsWithContext(options) {
      return notificationPage(options).flatMap((notification) => {
        const conversation = state().conversations.get(notification.conversationId);
        const contact = conversation && state().contacts.get(conversation.contactId);
        if (!conversation || !contact || conversation.firmId !== options.firmId) return [];
        return [{ notification, conversation, contact }];
      });
    },
    async countUnreadNotifications(memberId) {
      return [...state().notifications.values()].filter(
        (row) => row.memberId === memberId && row.readAt === null,
      ).length;
    },
    async markNotificationsRead(memberId, ids, readAt) {
      const wanted = ids === 'all' ? null : new Set(ids);
      let changed = 0;
      for (const row of state().notifications.values()) {
        if (row.memberId !== memberId || row.readAt !== null || (wanted && !wanted.has(row.id))) continue;
        state().notifications.set(row.id, { ...row, readAt });
        changed += 1;
      }
      return changed;
    },
    async markConversationNotificationsRead(memberId, conversationId, upToSeq, readAt) {
      const answered = [...state().notifications.values()]
        .filter(
          (row) =>
            row.memberId === memberId &&
            row.conversationId === conversationId &&
            row.readAt === null &&
            (state().messages.get(row.messageId)?.seq ?? Number.POSITIVE_INFINITY) <= upToSeq,
        )
        .sort((a, b) => a.seq - b.seq);
      for (const row of answered) state().notifications.set(row.id, { ...row, readAt });
      return answered.map((row) => row.id);
    },
    async listTemplates(firmId, query) {
      return [...state().templates.values()]
        .filter((row) => row.firmId === firmId)
        .filter((row) => !query || searchContains(row.name, query))
        .sort(byName);
    },
    async getTemplate(id) {
      return rowOrNull(state().templates, id);
    },
    async insertTemplate(template) {
      return insertNew(state().templates, template);
    },
    async updateTemplate(id, changes) {
      const row = state().templates.get(id);
      if (!row) return null;
      const defined = Object.entries(changes).filter(([, value]) => value !== undefined);
      const updated: TemplateRow = { ...row, ...Object.fromEntries(defined) };
      state().templates.set(id, updated);
      return updated;
    },
    async deleteTemplate(id) {
      return state().templates.delete(id);
    },
    async enqueueMail(mail) {
      if (state().mail.has(mail.id)) throw new Error('Mail id already exists');
      const row: MailRow = {
        ...mail,
        seq: state().sequences.mail + 1,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: mail.createdAt,
        lockedUntil: null,
        lockedBy: null,
        sentAt: null,
        lastError: null,
      };
      state().sequences.mail = row.seq;
      state().mail.set(row.id, row);
      return row;
    },
    async claimMail(options) {
      const now = Date.parse(options.now);
      const due = [...state().mail.values()]
        .filter((row) => row.status === 'pending' && Date.parse(row.nextAttemptAt) <= now)
        .filter((row) => row.lockedUntil === null || Date.parse(row.lockedUntil) <= now)
        .sort((left, right) => left.seq - right.seq)
        .slice(0, options.limit);
      return due.map((row) => {
        const claimed: MailRow = {
          ...row,
          attempts: row.attempts + 1,
          lockedBy: options.workerId,
          lockedUntil: addMilliseconds(options.now, options.leaseMs),
        };
        state().mail.set(row.id, claimed);
        return claimed;
      });
    },
    async markMailSent(id, options) {
      const row = heldBy(id, options.workerId);
      if (!row) return false;
      state().mail.set(id, {
        ...row,
        status: 'sent',
        sentAt: options.sentAt,
        to: options.to ?? row.to,
        lockedBy: null,
        lockedUntil: null,
      });
      return true;
    },
    async markMailWithheld(id, options) {
      const row = heldBy(id, options.workerId);
      if (!row) return false;
      state().mail.set(id, {
        ...row,
        status: 'withheld',
        lastError: options.reason,
        lockedBy: null,
        lockedUntil: null,
      });
      return true;
    },
    async markMailFailed(id, options) {
      const row = heldBy(id, options.workerId);
      if (!row) return false;
      const next =
        options.nextAttemptAt === null
          ? { status: 'failed' as const }
          : { status: 'pending' as const, nextAttemptAt: options.nextAttemptAt };
      state().mail.set(id, { ...row, ...next, lastError: options.error, lockedBy: null, lockedUntil: null });
      return true;
    },
    async listMail(options) {
      return [...state().mail.values()]
        .filter((row) => options.firmId === undefined || row.firmId === options.firmId)
        .sort((left, right) => right.seq - left.seq)
        .slice(0, options.limit);
    },
    async appendAudit(entry) {
      const row: AuditRow = { ...entry, seq: state().sequences.audit + 1 };
      state().sequences.audit = row.seq;
      state().audit.push(row);
      return row;
    },
    async listAudit(options) {
      return state()
        .audit.filter((row) => row.firmId === options.firmId)
        .filter((row) => options.beforeSeq === undefined || row.seq < options.beforeSeq)
        .reverse()
        .slice(0, options.limit);
    },
    async appendEvents(events) {
      for (const event of events) {
        const row: EventRow = { ...event, seq: state().sequences.event + 1 };
        state().sequences.event = row.seq;
        state().events.push(row);
      }
      return events.length === 0 ? 0 : state().sequences.event;
    },
    async listEventsSince(afterSeq, options) {
      return state()
        .events.filter((row) => row.seq > afterSeq && mayReceive(row, options.firmId, options.viewer))
        .slice(0, options.limit);
    },
    async readEvents(afterSeq, limit) {
      const { events } = state();
      // Seqs ascend along the array: find the first one after `afterSeq` by bisection, not a full scan.
      let low = 0;
      let high = events.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if ((events[middle]?.seq ?? 0) <= afterSeq) low = middle + 1;
        else high = middle;
      }
      return events.slice(low, low + limit);
    },
    async eventBounds() {
      const { events } = state();
      return { oldestSeq: events[0]?.seq ?? 0, latestSeq: events.at(-1)?.seq ?? 0 };
    },
    async pruneEvents(before) {
      const { events } = state();
      const cutoff = Date.parse(before);
      const newest = events.at(-1);
      const kept = events.filter((row) => row === newest || Date.parse(row.createdAt) >= cutoff);
      const removed = events.length - kept.length;
      state().events = kept;
      return removed;
    },
  };
}
