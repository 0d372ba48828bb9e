import { and, asc, desc, eq, lt, type SQL, sql } from 'drizzle-orm';
import type { Audience, ConversationRow, MessageRow, PartyRef, ReadStateRow } from '../../store/rows.js';
import {
  AttachmentsUnavailableError,
  type ConversationQueryName,
  type MessageAttachments,
  type MessageEffects,
  type StoreQueries,
  type UnreadScope,
} from '../../store/store.js';
import { fromRawAttachment, type RawAttachment } from './attachment-queries.js';
import {
  hasSqlState,
  insertReturning,
  partyOf,
  queryRows,
  type SqlContext,
  selectById,
  toDate,
  withIsoTimes,
} from './database.js';
import { ATTACHMENTS_UNAVAILABLE_SQLSTATE } from './migrations.js';
import { assigneeIdsOf, containsIgnoringCase, toContact } from './people-queries.js';
import { appendEventsExpressions, appendedEventsResult } from './record-queries.js';
import { contacts, conversations, messages, readStates } from './schema.js';

export function toConversation(row: typeof conversations.$inferSelect): ConversationRow {
  const { startedByKind, startedById, ...columns } = withIsoTimes(row);
  return { ...columns, startedBy: partyOf(startedByKind, startedById) };
}

function toMessage(row: typeof messages.$inferSelect): MessageRow {
  const { authorKind, authorId, ...columns } = withIsoTimes(row);
  return { ...columns, author: partyOf(authorKind, authorId) };
}

function toReadState(row: typeof readStates.$inferSelect): ReadStateRow {
  const { readerKind, readerId, ...columns } = withIsoTimes(row);
  return { ...columns, reader: partyOf(readerKind, readerId) };
}

/**
 * The unread count of the conversation whose id is `conversationId` (a column or a value) for `scope`, as a
 * correlated subquery: visible messages above the reader's horizon that the reader did not write.
 */
function unreadCount(conversationId: string | typeof conversations.id, scope: UnreadScope): SQL<number> {
  const { reader } = scope;
  const visible = scope.audience === 'client' ? sql`AND NOT unread.internal` : sql``;
  return sql<number>`(SELECT count(*)::int FROM messages AS unread
    WHERE unread.conversation_id = ${conversationId}
      AND unread.seq > COALESCE((SELECT horizon.up_to_seq FROM read_states AS horizon
        WHERE horizon.conversation_id = ${conversationId} AND horizon.reader_kind = ${reader.kind}
          AND horizon.reader_id = ${reader.id}), 0)
      AND NOT (unread.author_kind = ${reader.kind} AND unread.author_id = ${reader.id})
      ${visible})`.mapWith(Number);
}

/** Message columns as `RETURNING *` of a raw statement gives them. */
interface RawMessage {
  id: string;
  seq: number | string;
  conversation_id: string;
  firm_id: string;
  author_kind: string;
  author_id: string;
  body: string;
  internal: boolean;
  idempotency_key: string;
  created_at: Date | string;
  attachment_count: number | string;
}

function fromRawMessage(row: RawMessage): MessageRow {
  return {
    id: row.id,
    seq: Number(row.seq),
    conversationId: row.conversation_id,
    firmId: row.firm_id,
    author: partyOf(row.author_kind, row.author_id),
    body: row.body,
    internal: row.internal,
    idempotencyKey: row.idempotency_key,
    createdAt: new Date(row.created_at).toISOString(),
    attachmentCount: Number(row.attachment_count),
  };
}

/**
 * The statement's part that attaches the files: each upload only while it is the author's own, finished,
 * unexpired and attached to nothing. A racing send that attached one first has its row locked, so this waits
 * for it and then finds `message_id` set; `confide_require_attached` in the select list then fails the whole
 * statement. Nothing is attached for a replay (no row in `inserted`).
 */
function attachFilesExpression(files: MessageAttachments): SQL {
  return sql`, attached AS (
      UPDATE attachments AS file SET conversation_id = new.conversation_id, message_id = new.id,
        position = wanted.position - 1, internal = new.internal, attached_at = ${files.attachedAt}::timestamptz
      FROM inserted AS new,
        jsonb_array_elements_text(${JSON.stringify(files.ids)}::jsonb) WITH ORDINALITY AS wanted(id, position)
      WHERE file.id = wanted.id AND file.message_id IS NULL AND file.firm_id = new.firm_id
        AND file.uploader_kind = new.author_kind AND file.uploader_id = new.author_id
        AND file.state <> 'uploading' AND file.expires_at > ${files.attachedAt}::timestamptz
      RETURNING file.*
    )`;
}

/**
 * The single statement of a send: the message (`ON CONFLICT DO NOTHING` is the idempotency check: a racing
 * twin waits for the winner and then writes nothing), the conversation's activity, and every effect, each gated
 * on the message being new; events last, under their ordering lock. Concurrent sends to one conversation may
 * update its activity in either order, so each column only ever moves to a higher seq.
 */
function insertMessageStatement(
  message: Parameters<StoreQueries['insertMessage']>[0],
  effects: MessageEffects,
  eventChannel: string | undefined,
): SQL {
  const json = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;
  const audit = effects.audit
    ? sql`, audited AS (
        INSERT INTO audit_entries (id, firm_id, actor_kind, actor_id, action, target_id, request_id, at)
        SELECT ${effects.audit.id}, ${effects.audit.firmId}, ${effects.audit.actor.kind}, ${effects.audit.actor.id},
          ${effects.audit.action}, ${effects.audit.targetId}, ${effects.audit.requestId}, ${effects.audit.at}::timestamptz
        FROM inserted RETURNING 1)`
    : sql``;
  const notified =
    effects.notifications && effects.notifications.length > 0
      ? sql`, notified AS (
        INSERT INTO notifications (id, firm_id, member_id, kind, conversation_id, message_id, created_at, read_at)
        SELECT row.value->>'id', row.value->>'firmId', row.value->>'memberId', row.value->>'kind',
          row.value->>'conversationId', row.value->>'messageId', (row.value->>'createdAt')::timestamptz,
          (row.value->>'readAt')::timestamptz
        FROM inserted, jsonb_array_elements(${json(effects.notifications)}) WITH ORDINALITY AS row(value, position)
        ORDER BY row.position RETURNING 1)`
      : sql``;
  const mailed =
    effects.mails && effects.mails.length > 0
      ? sql`, mailed AS (
        INSERT INTO mail_outbox (id, firm_id, kind, recipient, recipient_kind, recipient_id, subject, text_body,
          html_body, created_at, status, attempts, next_attempt_at)
        SELECT row.value->>'id', row.value->>'firmId', row.value->>'kind', row.value->>'to',
          row.value->'recipient'->>'kind', row.value->'recipient'->>'id', row.value->>'subject',
          row.value->>'text', row.value->>'html', (row.value->>'createdAt')::timestamptz, 'pending', 0,
          (row.value->>'createdAt')::timestamptz
        FROM inserted, jsonb_array_elements(${json(effects.mails)}) WITH ORDINALITY AS row(value, position)
        ORDER BY row.position RETURNING 1)`
      : sql``;
  const files = effects.attachments && effects.attachments.ids.length > 0 ? effects.attachments : undefined;
  const attached = files ? attachFilesExpression(files) : sql``;
  const attachedResult = files
    ? sql`, confide_require_attached((SELECT count(*) FROM attached), ${files.ids.length}) AS attached_all,
      (SELECT json_agg(attached ORDER BY attached.position) FROM attached) AS attached_files`
    : sql``;
  const events = effects.events ?? [];
  const appended =
    events.length > 0
      ? sql`, ${appendEventsExpressions(events, sql`inserted`)}`
      : sql`, appended AS (SELECT NULL::bigint AS seq WHERE false)`;
  return sql`WITH inserted AS (
      INSERT INTO messages (id, conversation_id, firm_id, author_kind, author_id, body, internal, idempotency_key,
        created_at, attachment_count)
      VALUES (${message.id}, ${message.conversationId}, ${message.firmId}, ${message.author.kind},
        ${message.author.id}, ${message.body}, ${message.internal}, ${message.idempotencyKey},
        ${message.createdAt}::timestamptz, ${files?.ids.length ?? 0})
      ON CONFLICT (author_kind, author_id, idempotency_key) DO NOTHING
      RETURNING *
    ),
    activity AS (
      UPDATE conversations AS conversation SET
        last_activity_at = CASE WHEN conversation.last_activity_seq < new.seq
          THEN new.created_at ELSE conversation.last_activity_at END,
        last_message_id = CASE WHEN conversation.last_activity_seq < new.seq
          THEN new.id ELSE conversation.last_message_id END,
        last_activity_seq = GREATEST(conversation.last_activity_seq, new.seq),
        client_last_activity_at = CASE WHEN NOT new.internal AND conversation.client_last_activity_seq < new.seq
          THEN new.created_at ELSE conversation.client_last_activity_at END,
        client_last_message_id = CASE WHEN NOT new.internal AND conversation.client_last_activity_seq < new.seq
          THEN new.id ELSE conversation.client_last_message_id END,
        client_last_activity_seq = CASE WHEN new.internal THEN conversation.client_last_activity_seq
          ELSE GREATEST(conversation.client_last_activity_seq, new.seq) END
      FROM inserted AS new WHERE conversation.id = new.conversation_id
      RETURNING conversation.id
    )${attached}${audit}${notified}${mailed}${appended},
    events_result AS (${appendedEventsResult(eventChannel)})
    SELECT inserted.*, events_result.last_event_seq, (SELECT count(*) FROM activity) AS activity_rows${attachedResult}
    FROM inserted, events_result`;
}

const activitySeqOf = (audience: Audience) =>
  audience === 'firm' ? conversations.lastActivitySeq : conversations.clientLastActivitySeq;

/** The conversation matches a search: subject, matter label, or the contact's names (never the e-mail). */
function conversationMatches(query: string): SQL {
  return sql`(${containsIgnoringCase(conversations.subject, query)}
    OR ${containsIgnoringCase(sql`COALESCE(${conversations.matterLabel}, '')`, query)}
    OR EXISTS (SELECT 1 FROM contacts AS searched WHERE searched.id = ${conversations.contactId}
      AND (${containsIgnoringCase(sql`searched.first_name`, query)}
        OR ${containsIgnoringCase(sql`searched.last_name`, query)}
        OR ${containsIgnoringCase(sql`searched.first_name || ' ' || searched.last_name`, query)})))`;
}

/** The SQL store's queries on conversations, messages and read state. */
export function createConversationQueries(context: SqlContext): Pick<StoreQueries, ConversationQueryName> {
  const { db } = context;
  const getReadState = async (conversationId: string, reader: PartyRef) => {
    const [row] = await db
      .select()
      .from(readStates)
      .where(
        and(
          eq(readStates.conversationId, conversationId),
          eq(readStates.readerKind, reader.kind),
          eq(readStates.readerId, reader.id),
        ),
      );
    return row ? toReadState(row) : null;
  };
  return {
    async insertConversation(conversation) {
      const createdAt = toDate(conversation.createdAt);
      return insertReturning(
        db,
        conversations,
        {
          id: conversation.id,
          firmId: conversation.firmId,
          contactId: conversation.contactId,
          subject: conversation.subject,
          matterId: conversation.matterId,
          matterLabel: conversation.matterLabel,
          startedByKind: conversation.startedBy.kind,
          startedById: conversation.startedBy.id,
          createdAt,
          lastActivityAt: createdAt,
          lastActivitySeq: 0,
          lastMessageId: null,
          clientLastActivityAt: createdAt,
          clientLastActivitySeq: 0,
          clientLastMessageId: null,
        },
        toConversation,
      );
    },
    getConversation(id) {
      return selectById(db, conversations, id, toConversation);
    },
    async getConversationWithContact(id) {
      const [row] = await db
        .select({ conversation: conversations, contact: contacts, assigneeIds: assigneeIdsOf(contacts.id) })
        .from(conversations)
        .innerJoin(contacts, eq(contacts.id, conversations.contactId))
        .where(eq(conversations.id, id));
      return row
        ? { conversation: toConversation(row.conversation), contact: toContact(row.contact, row.assigneeIds) }
        : null;
    },
    async listConversations(options) {
      const activitySeq = activitySeqOf(options.audience);
      const lastMessageId =
        options.audience === 'firm' ? conversations.lastMessageId : conversations.clientLastMessageId;
      const unread = unreadCount(conversations.id, options);
      // One statement: the contact, its assignees and the client's read horizon come by join, not per row.
      const rows = await db
        .select({
          conversation: conversations,
          contact: contacts,
          assigneeIds: assigneeIdsOf(contacts.id),
          clientRead: readStates,
          lastMessage: messages,
          unreadCount: unread,
        })
        .from(conversations)
        .innerJoin(contacts, eq(contacts.id, conversations.contactId))
        .leftJoin(
          readStates,
          and(
            eq(readStates.conversationId, conversations.id),
            eq(readStates.readerKind, 'client'),
            eq(readStates.readerId, conversations.contactId),
          ),
        )
        .leftJoin(messages, eq(messages.id, lastMessageId))
        .where(
          and(
            eq(conversations.firmId, options.firmId),
            options.contactId === undefined ? undefined : eq(conversations.contactId, options.contactId),
            options.matterId === undefined ? undefined : eq(conversations.matterId, options.matterId),
            options.beforeActivitySeq === undefined ? undefined : lt(activitySeq, options.beforeActivitySeq),
            options.query ? conversationMatches(options.query) : undefined,
            options.unreadOnly ? sql`${unread} > 0` : undefined,
          ),
        )
        .orderBy(desc(activitySeq), desc(conversations.id))
        .limit(options.limit);
      return rows.map((row) => ({
        conversation: toConversation(row.conversation),
        contact: toContact(row.contact, row.assigneeIds),
        clientRead: row.clientRead ? toReadState(row.clientRead) : null,
        lastMessage: row.lastMessage ? toMessage(row.lastMessage) : null,
        unreadCount: row.unreadCount,
      }));
    },
    async insertMessage(message, effects = {}) {
      const [row] = await queryRows<
        RawMessage & {
          last_event_seq: number | string | null;
          activity_rows: number | string;
          attached_files?: RawAttachment[] | string | null;
        }
      >(db, insertMessageStatement(message, effects, context.eventChannel)).catch((error: unknown) => {
        throw hasSqlState(error, ATTACHMENTS_UNAVAILABLE_SQLSTATE)
          ? new AttachmentsUnavailableError()
          : error;
      });
      if (row) {
        if (Number(row.activity_rows) !== 1) throw new Error('Conversation does not exist');
        const files =
          typeof row.attached_files === 'string' ? JSON.parse(row.attached_files) : row.attached_files;
        return {
          created: true,
          message: fromRawMessage(row),
          lastEventSeq: row.last_event_seq === null ? 0 : Number(row.last_event_seq),
          attachments: ((files ?? []) as RawAttachment[]).map(fromRawAttachment),
        };
      }
      const [existing] = await db
        .select()
        .from(messages)
        .where(
          and(
            eq(messages.authorKind, message.author.kind),
            eq(messages.authorId, message.author.id),
            eq(messages.idempotencyKey, message.idempotencyKey),
          ),
        );
      if (!existing) throw new Error('The idempotency key conflicted but its message is gone');
      return { created: false, message: toMessage(existing), lastEventSeq: 0, attachments: [] };
    },
    getMessage(id) {
      return selectById(db, messages, id, toMessage);
    },
    async findMessageByIdempotencyKey(author, idempotencyKey) {
      const [row] = await db
        .select()
        .from(messages)
        .where(
          and(
            eq(messages.authorKind, author.kind),
            eq(messages.authorId, author.id),
            eq(messages.idempotencyKey, idempotencyKey),
          ),
        );
      return row ? toMessage(row) : null;
    },
    async listMessages(options) {
      const rows = await db
        .select()
        .from(messages)
        .where(
          and(
            eq(messages.conversationId, options.conversationId),
            options.audience === 'client' ? eq(messages.internal, false) : undefined,
            options.beforeSeq === undefined ? undefined : lt(messages.seq, options.beforeSeq),
          ),
        )
        .orderBy(desc(messages.seq))
        .limit(options.limit);
      return rows.map(toMessage);
    },
    getReadState,
    async advanceReadState(state) {
      const values = {
        conversationId: state.conversationId,
        readerKind: state.reader.kind,
        readerId: state.reader.id,
        upToMessageId: state.upToMessageId,
        upToSeq: state.upToSeq,
        readAt: toDate(state.readAt),
      };
      // Only a horizon further ahead replaces the stored one; otherwise nothing comes back and we read it.
      const [written] = await db
        .insert(readStates)
        .values(values)
        .onConflictDoUpdate({
          target: [readStates.conversationId, readStates.readerKind, readStates.readerId],
          set: { upToMessageId: values.upToMessageId, upToSeq: values.upToSeq, readAt: values.readAt },
          setWhere: sql`${readStates.upToSeq} < excluded.up_to_seq`,
        })
        .returning();
      if (written) return toReadState(written);
      const stored = await getReadState(state.conversationId, state.reader);
      if (!stored) throw new Error('The read state vanished');
      return stored;
    },
    async listReadStates(conversationId) {
      const rows = await db
        .select()
        .from(readStates)
        .where(eq(readStates.conversationId, conversationId))
        .orderBy(asc(readStates.readerKind), asc(readStates.readerId));
      return rows.map(toReadState);
    },
    async countUnread(conversationId, scope) {
      const [row] = await queryRows<{ count: number }>(
        db,
        sql`SELECT ${unreadCount(conversationId, scope)} AS count`,
      );
      return Number(row?.count ?? 0);
    },
    async countUnreadTotal(options) {
      // One grouped query over the firm's (or the client's) messages above each conversation's horizon.
      const { reader } = options;
      const [row] = await queryRows<{ total: number | string }>(
        db,
        sql`SELECT count(*) AS total FROM messages AS unread
          JOIN conversations AS conversation ON conversation.id = unread.conversation_id
          LEFT JOIN read_states AS horizon ON horizon.conversation_id = conversation.id
            AND horizon.reader_kind = ${reader.kind} AND horizon.reader_id = ${reader.id}
          WHERE conversation.firm_id = ${options.firmId}
            ${options.contactId === undefined ? sql`` : sql`AND conversation.contact_id = ${options.contactId}`}
            AND unread.seq > COALESCE(horizon.up_to_seq, 0)
            AND NOT (unread.author_kind = ${reader.kind} AND unread.author_id = ${reader.id})
            ${options.audience === 'client' ? sql`AND NOT unread.internal` : sql``}`,
      );
      return Number(row?.total ?? 0);
    },
  };
}
