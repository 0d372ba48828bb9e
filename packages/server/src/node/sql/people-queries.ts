import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type {
  ClientStartedThreadValue,
  ContactRow,
  FirmRow,
  MemberRoleValue,
  MemberRow,
  PortalStatusValue,
  TemplateRow,
} from '../../store/rows.js';
import type { PeopleQueryName, StoreQueries, TemplateQueryName } from '../../store/store.js';
import {
  atomically,
  insertIfAbsent,
  queryRows,
  type SqlContext,
  selectById,
  toDate,
  withIsoTimes,
} from './database.js';
import { contactAssignees, contacts, firms, members, notificationSettings, templates } from './schema.js';

/**
 * `text` contains `query` once both are folded as the protocol's `searchFold` does (NFKC, then lower case); no LIKE pattern, so
 * `%` and `_` in a query match themselves.
 */
export function containsIgnoringCase(
  text: SQL | SQL.Aliased | ReturnType<typeof sql.raw> | unknown,
  query: string,
): SQL {
  return sql`strpos(lower(normalize(${text}, NFKC)), lower(normalize(${query}::text, NFKC))) > 0`;
}

const toFirm = (row: typeof firms.$inferSelect): FirmRow => withIsoTimes(row);

const toMember = (row: typeof members.$inferSelect): MemberRow => ({
  ...withIsoTimes(row),
  role: row.role as MemberRoleValue,
});

const toTemplate = (row: typeof templates.$inferSelect): TemplateRow => withIsoTimes(row);

/** A contact's assignee ids in their order, as an array column of the contact's row (no second statement). */
export const assigneeIdsOf = (contactId: unknown) =>
  sql<string[]>`ARRAY(SELECT assignee.member_id FROM contact_assignees AS assignee
    WHERE assignee.contact_id = ${contactId} ORDER BY assignee.position)`;

/** A contact row selected together with `assigneeIdsOf` as a `ContactRow`. */
export function toContact(row: typeof contacts.$inferSelect, assigneeIds: readonly string[]): ContactRow {
  return {
    ...withIsoTimes(row),
    portalStatus: row.portalStatus as PortalStatusValue,
    assigneeIds: [...assigneeIds],
  };
}

/** A time inside a JSON value built by PostgreSQL (`2026-01-31T09:30:00+00:00`) as the ISO string rows use. */
const jsonTime = (value: unknown) => new Date(String(value)).toISOString();

interface ViewerJson {
  readonly firm: { id: string; name: string; createdAt: string } | null;
  readonly members: {
    id: string;
    firmId: string;
    name: string;
    email: string;
    role: string;
    createdAt: string;
  }[];
  readonly contact:
    | (Omit<ContactRow, 'portalStatus' | 'assigneeIds'> & { portalStatus: string; assigneeIds: string[] })
    | null;
}

/** The SQL store's queries on firms, members, contacts, settings and templates. */
export function createPeopleQueries(
  context: SqlContext,
): Pick<StoreQueries, PeopleQueryName | TemplateQueryName> {
  const { db } = context;

  const withAssignees = async (rows: (typeof contacts.$inferSelect)[]): Promise<ContactRow[]> => {
    if (rows.length === 0) return [];
    const assignees = await db
      .select()
      .from(contactAssignees)
      .where(
        inArray(
          contactAssignees.contactId,
          rows.map((row) => row.id),
        ),
      )
      .orderBy(asc(contactAssignees.contactId), asc(contactAssignees.position));
    return rows.map((row) =>
      toContact(
        row,
        assignees.filter((assignee) => assignee.contactId === row.id).map((assignee) => assignee.memberId),
      ),
    );
  };

  const getContact = async (id: string): Promise<ContactRow | null> => {
    const [row] = await db
      .select({ contact: contacts, assigneeIds: assigneeIdsOf(contacts.id) })
      .from(contacts)
      .where(eq(contacts.id, id));
    return row ? toContact(row.contact, row.assigneeIds) : null;
  };

  return {
    insertFirm(firm) {
      return insertIfAbsent(db, firms, { ...firm, createdAt: toDate(firm.createdAt) });
    },
    getFirm(id) {
      return selectById(db, firms, id, toFirm);
    },
    insertMember(member) {
      return insertIfAbsent(db, members, { ...member, createdAt: toDate(member.createdAt) });
    },
    getMember(id) {
      return selectById(db, members, id, toMember);
    },
    async findMemberByEmail(email) {
      const [row] = await db
        .select()
        .from(members)
        .where(sql`lower(${members.email}) = lower(${email})`)
        .orderBy(asc(members.id))
        .limit(1);
      return row ? toMember(row) : null;
    },
    async listMembers(firmId) {
      const rows = await db
        .select()
        .from(members)
        .where(eq(members.firmId, firmId))
        .orderBy(asc(members.name), asc(members.id));
      return rows.map(toMember);
    },
    async updateMember(id, changes) {
      if (changes.email === undefined) return selectById(db, members, id, toMember);
      const [row] = await db
        .update(members)
        .set({ email: changes.email })
        .where(eq(members.id, id))
        .returning();
      return row ? toMember(row) : null;
    },
    async updateContact(id, changes) {
      const set = {
        ...(changes.email === undefined ? {} : { email: changes.email }),
        ...(changes.portalStatus === undefined ? {} : { portalStatus: changes.portalStatus }),
      };
      if (Object.keys(set).length > 0) await db.update(contacts).set(set).where(eq(contacts.id, id));
      return getContact(id);
    },
    insertContact(contact) {
      return atomically(context, async (tx) => {
        const { assigneeIds, ...row } = contact;
        if (!(await insertIfAbsent(tx, contacts, { ...row, createdAt: toDate(row.createdAt) }))) return false;
        if (assigneeIds.length > 0) {
          const unique = [...new Set(assigneeIds)];
          await tx
            .insert(contactAssignees)
            .values(unique.map((memberId, position) => ({ contactId: contact.id, memberId, position })));
        }
        return true;
      });
    },
    getContact,
    async loadViewer(firmId, party) {
      // One statement for every authenticated request: the firm, its members (names of authors) and, for a
      // client, the contact with its assignees, as one JSON value.
      const [row] = await queryRows<{ viewer: ViewerJson }>(
        db,
        sql`SELECT json_build_object(
          'firm', json_build_object('id', firm.id, 'name', firm.name, 'createdAt', firm.created_at),
          'members', COALESCE((SELECT json_agg(json_build_object('id', member.id, 'firmId', member.firm_id,
              'name', member.name, 'email', member.email, 'role', member.role, 'createdAt', member.created_at)
              ORDER BY member.name, member.id)
            FROM members AS member WHERE member.firm_id = firm.id), '[]'::json),
          'contact', (SELECT json_build_object('id', contact.id, 'firmId', contact.firm_id,
              'firstName', contact.first_name, 'lastName', contact.last_name, 'email', contact.email,
              'portalStatus', contact.portal_status, 'createdAt', contact.created_at,
              'assigneeIds', ${assigneeIdsOf(sql`contact.id`)})
            FROM contacts AS contact
            WHERE ${party.kind === 'client'} AND contact.id = ${party.id} AND contact.firm_id = firm.id)
        ) AS viewer
        FROM firms AS firm WHERE firm.id = ${firmId}`,
      );
      if (!row) return null;
      const viewer = typeof row.viewer === 'string' ? (JSON.parse(row.viewer) as ViewerJson) : row.viewer;
      if (!viewer.firm) return null;
      const firm: FirmRow = { ...viewer.firm, createdAt: jsonTime(viewer.firm.createdAt) };
      const firmMembers = viewer.members.map(
        (member): MemberRow => ({
          ...member,
          role: member.role as MemberRoleValue,
          createdAt: jsonTime(member.createdAt),
        }),
      );
      if (party.kind === 'member') {
        const member = firmMembers.find((candidate) => candidate.id === party.id);
        return member ? { kind: 'member', firm, member, members: firmMembers } : null;
      }
      if (!viewer.contact) return null;
      const contact: ContactRow = {
        ...viewer.contact,
        portalStatus: viewer.contact.portalStatus as PortalStatusValue,
        createdAt: jsonTime(viewer.contact.createdAt),
      };
      return { kind: 'client', firm, contact, members: firmMembers };
    },
    async findContactByEmail(email) {
      const rows = await db
        .select()
        .from(contacts)
        .where(sql`lower(${contacts.email}) = lower(${email})`)
        .orderBy(asc(contacts.id))
        .limit(1);
      const [contact] = await withAssignees(rows);
      return contact ?? null;
    },
    async listContacts(firmId, query) {
      const matches = query
        ? sql`(${containsIgnoringCase(contacts.firstName, query)} OR ${containsIgnoringCase(contacts.lastName, query)}
            OR ${containsIgnoringCase(sql`${contacts.firstName} || ' ' || ${contacts.lastName}`, query)}
            OR ${containsIgnoringCase(contacts.email, query)})`
        : undefined;
      const rows = await db
        .select()
        .from(contacts)
        .where(and(eq(contacts.firmId, firmId), matches))
        .orderBy(asc(contacts.lastName), asc(contacts.firstName), asc(contacts.id));
      return withAssignees(rows);
    },
    async getNotificationSettings(firmId) {
      const [row] = await db
        .select()
        .from(notificationSettings)
        .where(eq(notificationSettings.firmId, firmId));
      return row
        ? { ...withIsoTimes(row), clientStartedThread: row.clientStartedThread as ClientStartedThreadValue }
        : null;
    },
    async putNotificationSettings(settings) {
      const values = {
        firmId: settings.firmId,
        clientStartedThread: settings.clientStartedThread,
        allowedMediaTypes: settings.allowedMediaTypes ? [...settings.allowedMediaTypes] : null,
        updatedAt: toDate(settings.updatedAt),
      };
      await db
        .insert(notificationSettings)
        .values(values)
        .onConflictDoUpdate({
          target: notificationSettings.firmId,
          set: {
            clientStartedThread: values.clientStartedThread,
            allowedMediaTypes: values.allowedMediaTypes,
            updatedAt: values.updatedAt,
          },
        });
    },
    async listTemplates(firmId, query) {
      const rows = await db
        .select()
        .from(templates)
        .where(
          and(eq(templates.firmId, firmId), query ? containsIgnoringCase(templates.name, query) : undefined),
        )
        .orderBy(asc(templates.name), asc(templates.id));
      return rows.map(toTemplate);
    },
    getTemplate(id) {
      return selectById(db, templates, id, toTemplate);
    },
    insertTemplate(template) {
      const times = { createdAt: toDate(template.createdAt), updatedAt: toDate(template.updatedAt) };
      return insertIfAbsent(db, templates, { ...template, ...times });
    },
    async updateTemplate(id, changes) {
      const [row] = await db
        .update(templates)
        .set({ ...changes, updatedAt: toDate(changes.updatedAt) })
        .where(eq(templates.id, id))
        .returning();
      return row ? toTemplate(row) : null;
    },
    async deleteTemplate(id) {
      const deleted = await db.delete(templates).where(eq(templates.id, id)).returning({ id: templates.id });
      return deleted.length > 0;
    },
  };
}
