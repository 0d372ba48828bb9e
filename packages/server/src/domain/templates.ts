import { findMergeFields, isKnownMergeField } from '@confide/protocol';
import { ApiError, notFound } from '../errors/api-error.js';
import type { AuditActionValue, TemplateRow } from '../store/rows.js';
import type { StoreQueries, StoreTransaction } from '../store/store.js';
import { requireFirmAdmin, requireMember } from './access.js';
import type { DomainContext } from './context.js';
import { presentTemplate } from './present.js';
import type { ViewerIdentity } from './viewer.js';
import type { WireTemplate } from './wire.js';

/** The editable fields of a template. */
export interface TemplateFields {
  readonly name: string;
  readonly subject: string;
  readonly body: string;
}

/** Refuses merge fields Confide cannot fill, so a template never sends `{{typo}}` to a client. */
function checkMergeFields(fields: Partial<TemplateFields>): void {
  const issues = (['subject', 'body'] as const).flatMap((field) =>
    findMergeFields(fields[field] ?? '')
      .filter((name) => !isKnownMergeField(name))
      .map((name) => ({ path: [field], message: `Unknown merge field {{${name}}}` })),
  );
  if (issues.length > 0)
    throw new ApiError('invalid_input', 'The template uses unknown merge fields', { issues });
}

async function loadFirmTemplate(
  store: StoreQueries,
  viewer: ViewerIdentity,
  id: string,
): Promise<TemplateRow> {
  const template = await store.getTemplate(id);
  if (!template || template.firmId !== viewer.firm.id) throw notFound('Template');
  return template;
}

async function audit(
  tx: StoreTransaction,
  context: DomainContext,
  viewer: ViewerIdentity,
  action: AuditActionValue,
  targetId: string,
) {
  requireMember(viewer);
  await tx.appendAudit({
    id: context.createId('aud'),
    firmId: viewer.firm.id,
    actor: { kind: 'member', id: viewer.member.id },
    action,
    targetId,
    requestId: context.requestId,
    at: context.clock.now().toISOString(),
  });
}

/** The firm's templates ordered by name (members only), optionally filtered by name. */
export async function listTemplates(
  store: StoreQueries,
  viewer: ViewerIdentity,
  query?: string,
): Promise<WireTemplate[]> {
  requireMember(viewer);
  return (await store.listTemplates(viewer.firm.id, query === '' ? undefined : query)).map(presentTemplate);
}

/** One template of the viewer's firm; `not_found` for any other. */
export async function getTemplate(
  store: StoreQueries,
  viewer: ViewerIdentity,
  id: string,
): Promise<WireTemplate> {
  requireMember(viewer);
  return presentTemplate(await loadFirmTemplate(store, viewer, id));
}

/** Creates a template (owners and admins). */
export async function createTemplate(
  context: DomainContext,
  viewer: ViewerIdentity,
  fields: TemplateFields,
): Promise<WireTemplate> {
  requireFirmAdmin(viewer);
  checkMergeFields(fields);
  return context.store.transaction(async (tx) => {
    const now = context.clock.now().toISOString();
    const row: TemplateRow = {
      id: context.createId('tpl'),
      firmId: viewer.firm.id,
      ...fields,
      createdAt: now,
      updatedAt: now,
    };
    await tx.insertTemplate(row);
    await audit(tx, context, viewer, 'template.created', row.id);
    return presentTemplate(row);
  });
}

/** Changes a template of the viewer's firm (owners and admins). */
export async function updateTemplate(
  context: DomainContext,
  viewer: ViewerIdentity,
  id: string,
  input: { readonly [Field in keyof TemplateFields]?: string | undefined },
): Promise<WireTemplate> {
  requireFirmAdmin(viewer);
  const changes: Partial<TemplateFields> = {
    ...(input.name === undefined ? {} : { name: input.name }),
    ...(input.subject === undefined ? {} : { subject: input.subject }),
    ...(input.body === undefined ? {} : { body: input.body }),
  };
  checkMergeFields(changes);
  return context.store.transaction(async (tx) => {
    await loadFirmTemplate(tx, viewer, id);
    const updated = await tx.updateTemplate(id, { ...changes, updatedAt: context.clock.now().toISOString() });
    if (!updated) throw notFound('Template');
    await audit(tx, context, viewer, 'template.updated', id);
    return presentTemplate(updated);
  });
}

/** Deletes a template of the viewer's firm (owners and admins). */
export async function deleteTemplate(
  context: DomainContext,
  viewer: ViewerIdentity,
  id: string,
): Promise<{ deleted: true }> {
  requireFirmAdmin(viewer);
  return context.store.transaction(async (tx) => {
    await loadFirmTemplate(tx, viewer, id);
    await tx.deleteTemplate(id);
    await audit(tx, context, viewer, 'template.deleted', id);
    return { deleted: true as const };
  });
}
