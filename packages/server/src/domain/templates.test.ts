import { describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../seed/demo-data.js';
import { createTestApp } from '../testing/test-app.js';
import { createTemplate, deleteTemplate, getTemplate, listTemplates, updateTemplate } from './templates.js';

const fields = { name: 'Welcome', subject: 'Welcome to {{firm.name}}', body: 'Hello {{client.firstName}}' };

describe('templates', () => {
  it('lets owners and admins create, change and delete templates, with audit entries', async () => {
    const { store, context, viewer } = await createTestApp();
    const created = await createTemplate(context(), await viewer('admin'), fields);
    const updated = await updateTemplate(context(), await viewer('owner'), created.id, {
      body: 'Hi {{client.name}}',
    });
    expect(updated).toMatchObject({ name: 'Welcome', body: 'Hi {{client.name}}' });
    expect(await deleteTemplate(context(), await viewer('owner'), created.id)).toEqual({ deleted: true });
    const actions = (await store.listAudit({ firmId: DEMO_IDS.riveraCho, limit: 3 })).map(
      (entry) => entry.action,
    );
    expect(actions).toEqual(['template.deleted', 'template.updated', 'template.created']);
  });

  it('forbids plain members and clients to write templates', async () => {
    const { context, viewer } = await createTestApp();
    await expect(createTemplate(context(), await viewer('member'), fields)).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(createTemplate(context(), await viewer('client'), fields)).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  it('refuses unknown merge fields', async () => {
    const { context, viewer } = await createTestApp();
    const attempt = createTemplate(context(), await viewer('owner'), {
      ...fields,
      body: 'Hello {{client.nickname}}',
    });
    await expect(attempt).rejects.toMatchObject({
      code: 'invalid_input',
      details: { issues: [{ path: ['body'], message: 'Unknown merge field {{client.nickname}}' }] },
    });
  });

  it("lists only the viewer's firm templates and hides others as not found", async () => {
    const { store, viewer } = await createTestApp();
    const names = (await listTemplates(store, await viewer('member'))).map((template) => template.name);
    expect(names).toEqual(['Appointment reminder', 'Case status update', 'Document request']);
    expect(await listTemplates(store, await viewer('otherFirmMember'))).toEqual([]);
    const foreign = getTemplate(store, await viewer('otherFirmMember'), 'tpl_document_request');
    await expect(foreign).rejects.toMatchObject({ code: 'not_found' });
  });
});
