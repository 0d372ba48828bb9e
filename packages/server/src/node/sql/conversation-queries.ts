import { and, asc, desc, eq, lt, type SQL, sql } from 'drizzle-orm';
import type { Audience, ConversationRow, MessageRow, PartyRef, ReadStateRow } from '../../store/rows.js';
import type { StoreQueries, UnreadScope } from '../../store/store.js';
import { atomically, queryRows, type SqlContext, toDate, toIso } from './database.js';
import { containsIgnoringCase } from './people-queries.js';
import { conversations, messages, readStates } from './schema.js';

type ConversationQueryNames =
  | 'insertConversation'
  | 'getConversation'
  | 'listConversations'
  | 'insertMessage'
  | 'getMessage'
  | 'findMessageByIdempotencyKey'
  | 'listMessages'
  | 'getReadState'
  | 'advanceReadState'
  | 'listReadStates'
  | 'countUnread'
  | 'countUnreadTotal';

const party = (kind: string, id: string): PartyRef => ({ kind: kind as PartyRef['kind'], id });

function toConversation(row: typeof conversations.$inferSelect): ConversationRow {
  return {
    id: row.id,
    firmId: row.firmId,
    contactId: row.contactId,
    subject: row.subject,
    matterId: row.matterId,
    matterLabel: row.matterLabel,
    startedBy: party(row.startedByKind, row.startedById),
    createdAt: toIso(row.createdAt),
    lastActivityAt: toIso(row.lastActivityAt),
    lastActivitySeq: row.lastActivitySeq,
    lastMessageId: row.lastMessageId,
    clientLastActivityAt: toIso(row.clientLastActivityAt),
    clientLastActivitySeq: row.clientLastActivitySeq,
    clientLastMessageId: row.clientLastMessageId,
  };
}

function toMessage(row: typeof messages.$inferSelect): MessageRow {
  return {
    id: row.id,
    seq: row.seq,
    conversationId: row.conversationId,
    firmId: row.firmId,
    author: party(row.authorKind, row.authorId),
    body: row.body,
    internal: row.internal,
    idempotencyKey: row.idempotencyKey,
    createdAt: toIso(row.createdAt),
  };
}

function toReadState(row: typeof readStates.$inferSelect): ReadStateRow {
  return {
    conversationId: row.conversationId,
    reader: party(row.readerKind, row.readerId),
    upToMessageId: row.upToMessageId,
    upToSeq: row.upToSeq,
    readAt: toIso(row.readAt),
  };
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
export function createConversationQueries(context: SqlContext): Pick<StoreQueries, ConversationQueryNames> {
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
      const [row] = await db
        .insert(conversations)
        .values({
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
        })
        .returning();
      if (!row) throw new Error('The conversation was not inserted');
      return toConversation(row);
    },
    async getConversation(id) {
      const [row] = await db.select().from(conversations).where(eq(conversations.id, id));
      return row ? toConversation(row) : null;
    },
    async listConversations(options) {
      const activitySeq = activitySeqOf(options.audience);
      const lastMessageId =
        options.audience === 'firm' ? conversations.lastMessageId : conversations.clientLastMessageId;
      const unread = unreadCount(conversations.id, options);
      const rows = await db
        .select({ conversation: conversations, lastMessage: messages, unreadCount: unread })
        .from(conversations)
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
        lastMessage: row.lastMessage ? toMessage(row.lastMessage) : null,
        unreadCount: row.unreadCount,
      }));
    },
    insertMessage(message) {
      return atomically(context, async (tx) => {
        // Locking the conversation first serialises its sends: activity moves in seq order, and a racing
        // identical send waits here, then meets the committed idempotency key below.
        const [locked] = await tx
          .select({ id: conversations.id })
          .from(conversations)
          .where(eq(conversations.id, message.conversationId))
          .for('update');
        if (!locked) throw new Error('Conversation does not exist');
        const [inserted] = await tx
          .insert(messages)
          .values({
            id: message.id,
            conversationId: message.conversationId,
            firmId: message.firmId,
            authorKind: message.author.kind,
            authorId: message.author.id,
            body: message.body,
            internal: message.internal,
            idempotencyKey: message.idempotencyKey,
            createdAt: toDate(message.createdAt),
          })
          .onConflictDoNothing({ target: [messages.authorKind, messages.authorId, messages.idempotencyKey] })
          .returning();
        if (!inserted) {
          const [existing] = await tx
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
          return { created: false, message: toMessage(existing) };
        }
        const firmActivity = {
          lastActivityAt: inserted.createdAt,
          lastActivitySeq: inserted.seq,
          lastMessageId: inserted.id,
        };
        const clientActivity = inserted.internal
          ? {}
          : {
              clientLastActivityAt: inserted.createdAt,
              clientLastActivitySeq: inserted.seq,
              clientLastMessageId: inserted.id,
            };
        await tx
          .update(conversations)
          .set({ ...firmActivity, ...clientActivity })
          .where(eq(conversations.id, inserted.conversationId));
        return { created: true, message: toMessage(inserted) };
      });
    },
    async getMessage(id) {
      const [row] = await db.select().from(messages).where(eq(messages.id, id));
      return row ? toMessage(row) : null;
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
      const [row] = await db
        .select({
          total: sql<number>`COALESCE(sum(${unreadCount(conversations.id, options)}), 0)::int`.mapWith(
            Number,
          ),
        })
        .from(conversations)
        .where(
          and(
            eq(conversations.firmId, options.firmId),
            options.contactId === undefined ? undefined : eq(conversations.contactId, options.contactId),
          ),
        );
      return row?.total ?? 0;
    },
  };
}
