import {
  type AuditEntry,
  CreateTemplateRequestSchema,
  ListAuditQuerySchema,
  ListContactsQuerySchema,
  ListTemplatesQuerySchema,
  PAGE_SIZE_DEFAULT,
  type Template,
  TemplateSchema,
  UpdateNotificationSettingsRequestSchema,
  UpdateTemplateRequestSchema,
  type Viewer,
} from '@confide/protocol';
import {
  audit,
  decodeCursor,
  encodeCursor,
  fail,
  type MemoryIdentity,
  type MemoryState,
  nextId,
  parseInput,
  requireAdmin,
  requireMember,
  timestamp,
} from './memory-state.js';

/** `GET /v1/me`. */
export function getViewer(state: MemoryState, identity: MemoryIdentity): Viewer {
  const firm = state.seed.firm;
  if (identity.kind === 'member') {
    const member = requireMember(state, identity);
    return {
      role: 'member',
      id: member.id,
      name: member.name,
      email: member.email,
      memberRole: member.role,
      firm,
    };
  }
  const contact = state.seed.contacts.find((candidate) => candidate.id === identity.id);
  if (contact?.portalStatus !== 'active') fail('forbidden', 'This portal is not active');
  return {
    role: 'client',
    id: contact.id,
    name: contact.name,
    firstName: contact.firstName,
    email: contact.email,
    firm,
  };
}

/** `GET /v1/contacts`. */
export function listContacts(state: MemoryState, identity: MemoryIdentity, input: unknown) {
  requireMember(state, identity);
  const search = parseInput(ListContactsQuerySchema, input).query?.toLowerCase() ?? '';
  const items = state.seed.contacts.filter(
    (contact) => !search || contact.name.toLowerCase().includes(search) || contact.email.includes(search),
  );
  return { items: structuredClone(items) };
}

/** `GET /v1/members`. */
export function listMembers(state: MemoryState, identity: MemoryIdentity) {
  requireMember(state, identity);
  return { items: structuredClone([...state.seed.members]) };
}

/** `GET /v1/templates`. */
export function listTemplates(state: MemoryState, identity: MemoryIdentity, input: unknown) {
  requireMember(state, identity);
  const search = parseInput(ListTemplatesQuerySchema, input).query?.toLowerCase() ?? '';
  const items = [...state.templates.values()]
    .filter((template) => !search || `${template.name} ${template.subject}`.toLowerCase().includes(search))
    .sort((left, right) => left.name.localeCompare(right.name));
  return { items };
}

function findTemplate(state: MemoryState, id: string): Template {
  const template = state.templates.get(id);
  if (!template) fail('not_found', 'No such template');
  return template;
}

/** `GET /v1/templates/:id`. */
export function getTemplate(state: MemoryState, identity: MemoryIdentity, id: string): Template {
  requireMember(state, identity);
  return findTemplate(state, id);
}

/** `POST /v1/templates`. */
export function createTemplate(state: MemoryState, identity: MemoryIdentity, input: unknown): Template {
  requireAdmin(state, identity);
  const request = parseInput(CreateTemplateRequestSchema, input);
  const template = TemplateSchema.parse({
    id: nextId(state, 'tpl'),
    firmId: state.seed.firm.id,
    ...request,
    createdAt: timestamp(state),
    updatedAt: timestamp(state),
  });
  state.templates.set(template.id, template);
  audit(state, identity, 'template.created', template.id);
  return template;
}

/** `PUT /v1/templates/:id`. */
export function updateTemplate(
  state: MemoryState,
  identity: MemoryIdentity,
  id: string,
  input: unknown,
): Template {
  requireAdmin(state, identity);
  const request = parseInput(UpdateTemplateRequestSchema, input);
  const template = TemplateSchema.parse({
    ...findTemplate(state, id),
    ...request,
    updatedAt: timestamp(state),
  });
  state.templates.set(template.id, template);
  audit(state, identity, 'template.updated', template.id);
  return template;
}

/** `DELETE /v1/templates/:id`. */
export function deleteTemplate(state: MemoryState, identity: MemoryIdentity, id: string) {
  requireAdmin(state, identity);
  findTemplate(state, id);
  state.templates.delete(id);
  audit(state, identity, 'template.deleted', id);
  return { deleted: true as const };
}

/** `GET /v1/settings/notifications`. */
export function getNotificationSettings(state: MemoryState, identity: MemoryIdentity) {
  requireMember(state, identity);
  return { ...state.settings };
}

/** `PUT /v1/settings/notifications`. */
export function updateNotificationSettings(state: MemoryState, identity: MemoryIdentity, input: unknown) {
  requireAdmin(state, identity);
  state.settings = parseInput(UpdateNotificationSettingsRequestSchema, input);
  audit(state, identity, 'settings.updated', state.seed.firm.id);
  return { ...state.settings };
}

/** `GET /v1/audit`. */
export function listAudit(state: MemoryState, identity: MemoryIdentity, input: unknown) {
  requireAdmin(state, identity);
  const query = parseInput(ListAuditQuerySchema, input);
  const offset = decodeCursor(query.cursor);
  const limit = query.limit ?? PAGE_SIZE_DEFAULT;
  const items: AuditEntry[] = state.audit.slice(offset, offset + limit);
  return { items, nextCursor: offset + limit < state.audit.length ? encodeCursor(offset + limit) : null };
}
