import type { ContactId, TemplateId } from '@confide/protocol';
import { describe, expect, it } from 'vitest';
import { clientFor, createMockServer, seedConversation } from '../test/mock-clients.js';
import { stateOf, until } from '../test/until.js';

const daniel = 'con_daniel' as ContactId;
const statusUpdate = 'tpl_case_status_update' as TemplateId;

describe('composer', () => {
  const invited = { reason: 'portal_invited', contact: expect.objectContaining({ name: 'Farid Haddad' }) };
  it.each([
    ['', ['Daniel Okafor', 'Elena Petrova'], [invited]],
    ['elena', ['Elena Petrova'], []],
    ['ＥＬＥＮＡ', ['Elena Petrova'], []],
    ['FARID.HADDAD@', [], [invited]],
  ])(
    'offers the contacts with an active portal matching "%s" and lists the others with the reason',
    async (query, selectable, unavailable) => {
      const client = await clientFor(createMockServer(), 'ben');
      const composer = client.composer();
      composer.searchRecipients(query);
      const state = await until(composer, (snapshot) => snapshot.recipients !== null);
      expect(state.recipients?.selectable.map((contact) => contact.name)).toEqual(selectable);
      expect(state.recipients?.unavailable).toEqual(
        unavailable.map((entry) => expect.objectContaining(entry)),
      );
    },
  );

  it('reports what is missing field by field', async () => {
    const client = await clientFor(createMockServer(), 'ben');
    const composer = client.composer();
    const empty = await until(composer, (snapshot) => snapshot.recipients !== null);
    expect(empty.validation.errors).toEqual({
      contactId: expect.objectContaining({ code: 'required' }),
      subject: expect.objectContaining({ code: 'required' }),
      body: expect.objectContaining({ code: 'required' }),
    });
    composer.setContact('con_farid' as ContactId);
    composer.setSubject('x'.repeat(201));
    composer.setBody('Hello');
    const state = stateOf(composer);
    expect(state.validation.errors.contactId?.code).toBe('portal_inactive');
    expect(state.validation.errors.subject?.code).toBe('too_long');
    expect(state.validation.errors.body).toBeUndefined();
    await expect(composer.send()).rejects.toMatchObject({ code: 'invalid_input', issues: expect.any(Array) });
  });

  it('fills merge fields from the chosen contact and the viewer when importing a template', async () => {
    const client = await clientFor(createMockServer(), 'ben', {
      clock: { now: () => Date.parse('2026-11-25T12:00:00Z'), setTimeout, clearTimeout },
    });
    const composer = client.composer({ dateFormat: { locale: 'en-US', timeZone: 'UTC' } });
    composer.setContact(daniel);
    await composer.importTemplate(statusUpdate);
    const state = stateOf(composer);
    expect(state.draft.subject).toBe('Update on your case (November 25, 2026)');
    expect(state.draft.body).toBe(
      'Dear Daniel Okafor,\n\nHere is an update on your case as of November 25, 2026.\n\nBest,\nBen Cho',
    );
    expect(state.mergeFields).toEqual({ unknown: [], unfilled: [] });
  });

  it('lists unknown and unfilled merge fields and refuses to send them', async () => {
    const client = await clientFor(createMockServer(), 'ben');
    const composer = client.composer();
    const template = await client.queryClient.fetchQuery(client.queries.templates.detail(statusUpdate));
    await composer.importTemplate({
      ...template,
      subject: 'For {{client.name}}',
      body: 'Dear {{client.frstName}}',
    });
    const state = stateOf(composer);
    expect(state.mergeFields).toEqual({ unknown: ['client.frstName'], unfilled: ['client.name'] });
    expect(state.validation.errors.body?.code).toBe('merge_fields_left');
    composer.setContact(daniel);
    const filled = await until(composer, (snapshot) => snapshot.draft.subject === 'For Daniel Okafor');
    expect(filled.mergeFields).toEqual({ unknown: ['client.frstName'], unfilled: [] });
  });

  it.each([
    ['a member, to the client they pick', 'ben', daniel],
    ['a client, with only a subject and a body', 'daniel', null],
  ] as const)(
    'starts a conversation as %s and resets the draft once the server confirms it',
    async (_label, person, contactId) => {
      const client = await clientFor(createMockServer(), person);
      const composer = client.composer();
      if (contactId) composer.setContact(contactId);
      composer.setSubject('Your visa');
      composer.setBody('We have news.');
      const before = await until(composer, (snapshot) => (snapshot.recipients === null) === !contactId);
      expect(before.validation.valid).toBe(true);
      await expect(composer.send()).resolves.toMatchObject({
        conversation: { subject: 'Your visa', contact: { id: 'con_daniel' } },
        message: { idempotencyKey: before.draft.idempotencyKey },
      });
      const state = stateOf(composer);
      expect(state).toMatchObject({ status: 'sent', draft: { subject: '', body: '' } });
      expect(state.draft.idempotencyKey).not.toBe(before.draft.idempotencyKey);
    },
  );

  it('sends a reply optimistically and is empty again at once', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock);
    const client = await clientFor(mock, 'ben');
    const composer = client.composer({ conversationId: id });
    composer.setBody('Thanks!');
    const sending = composer.send();
    expect(stateOf(composer).draft.body).toBe('');
    expect(stateOf(client.thread(id)).messages.at(-1)).toMatchObject({
      body: 'Thanks!',
      state: 'sending',
    });
    await sending;
    expect(stateOf(composer).status).toBe('sent');
  });

  it('keeps the draft when sending a new conversation fails', async () => {
    const mock = createMockServer();
    const client = await clientFor(mock, 'ben');
    const composer = client.composer();
    await until(composer, (snapshot) => snapshot.recipients !== null);
    composer.setContact(daniel);
    composer.setSubject('Kept');
    composer.setBody('x'.repeat(10));
    // The contact list said active; the server disagrees (the portal was just deactivated).
    mock.setScenario({ failures: { startConversation: { code: 'portal_inactive' } } });
    await expect(composer.send()).rejects.toMatchObject({ code: 'portal_inactive' });
    expect(stateOf(composer)).toMatchObject({ status: 'failed', draft: { subject: 'Kept' } });
    expect(client.stores.outbox.getState().entries).toEqual([]);
  });
});
