import { expect, it } from 'vitest';
import type { Store } from './store.js';
import { at, storeWithWorld, uniqueId } from './store-contract-fixtures.js';

/** Contract cases for firms, members, contacts, settings and templates. */
export function peopleContractCases(getStore: () => Store): void {
  it('inserts firms, members and contacts once and reads them back', async () => {
    const { store, world } = await storeWithWorld(getStore);
    expect(await store.insertFirm({ id: world.firmId, name: 'Other', createdAt: at(0) })).toBe(false);
    expect((await store.getFirm(world.firmId))?.name).toBe('Contract & Co');
    expect(await store.insertMember({ ...world.owner, name: 'Changed' })).toBe(false);
    expect(await store.getMember(world.owner.id)).toEqual(world.owner);
    expect(await store.insertContact({ ...world.contact, firstName: 'Changed' })).toBe(false);
    expect(await store.getContact(world.contact.id)).toEqual(world.contact);
    expect(await store.getFirm(uniqueId('firm'))).toBeNull();
    expect(await store.getMember(uniqueId('mem'))).toBeNull();
    expect(await store.getContact(uniqueId('con'))).toBeNull();
  });

  it('changes a contact’s address and portal status and a member’s address, and nothing else', async () => {
    const { store, world } = await storeWithWorld(getStore);
    const email = `${uniqueId('moved')}@client.test`;
    const closed = await store.updateContact(world.contact.id, { portalStatus: 'inactive' });
    expect(closed).toEqual({ ...world.contact, portalStatus: 'inactive' });
    const moved = await store.updateContact(world.contact.id, { email });
    expect(moved).toEqual({ ...world.contact, portalStatus: 'inactive', email });
    expect(await store.getContact(world.contact.id)).toEqual(moved);
    expect(await store.findContactByEmail(email)).toEqual(moved);
    expect(await store.updateContact(world.contact.id, {})).toEqual(moved);
    const memberEmail = `${uniqueId('moved')}@contract.test`;
    expect(await store.updateMember(world.member.id, { email: memberEmail })).toEqual({
      ...world.member,
      email: memberEmail,
    });
    expect(await store.getMember(world.owner.id)).toEqual(world.owner);
    expect(await store.updateContact(uniqueId('con'), { portalStatus: 'active' })).toBeNull();
    expect(await store.updateMember(uniqueId('mem'), { email: memberEmail })).toBeNull();
  });

  it('finds members and contacts by e-mail case-insensitively', async () => {
    const { store, world } = await storeWithWorld(getStore);
    expect(await store.findMemberByEmail(world.owner.email.toUpperCase())).toEqual(world.owner);
    expect(await store.findContactByEmail(world.contact.email.toUpperCase())).toEqual(world.contact);
    expect(await store.findMemberByEmail(world.contact.email)).toBeNull();
    expect(await store.findContactByEmail('nobody@nowhere.test')).toBeNull();
  });

  it('lists members by name and contacts by last name, with a search query', async () => {
    const { store, world } = await storeWithWorld(getStore);
    const members = await store.listMembers(world.firmId);
    expect(members.map((member) => member.name)).toEqual(['Marco Member', 'Olivia Owner']);
    const second = {
      ...world.contact,
      id: uniqueId('con'),
      firstName: 'Abel',
      lastName: 'Adams',
      email: `${uniqueId('a')}@client.test`,
      assigneeIds: [],
    };
    await store.insertContact(second);
    const contacts = await store.listContacts(world.firmId);
    expect(contacts.map((contact) => contact.id)).toEqual([second.id, world.contact.id]);
    expect((await store.listContacts(world.firmId, 'cleo cli')).map((contact) => contact.id)).toEqual([
      world.contact.id,
    ]);
    expect(await store.listContacts(world.firmId, 'zzz')).toEqual([]);
    expect(await store.listMembers(uniqueId('firm'))).toEqual([]);
  });

  it('keeps contact assignees in order', async () => {
    const { store, world } = await storeWithWorld(getStore);
    expect((await store.getContact(world.contact.id))?.assigneeIds).toEqual([
      world.member.id,
      world.owner.id,
    ]);
  });

  it('stores and replaces notification settings', async () => {
    const { store, world } = await storeWithWorld(getStore);
    expect(await store.getNotificationSettings(world.firmId)).toBeNull();
    await store.putNotificationSettings({
      firmId: world.firmId,
      clientStartedThread: 'all_members',
      updatedAt: at(1),
    });
    expect((await store.getNotificationSettings(world.firmId))?.allowedMediaTypes).toBeNull();
    await store.putNotificationSettings({
      firmId: world.firmId,
      clientStartedThread: 'none',
      allowedMediaTypes: ['application/pdf', 'image/png'],
      updatedAt: at(2),
    });
    expect(await store.getNotificationSettings(world.firmId)).toEqual({
      firmId: world.firmId,
      clientStartedThread: 'none',
      allowedMediaTypes: ['application/pdf', 'image/png'],
      updatedAt: at(2),
    });
    await store.putNotificationSettings({
      firmId: world.firmId,
      clientStartedThread: 'none',
      allowedMediaTypes: null,
      updatedAt: at(3),
    });
    expect((await store.getNotificationSettings(world.firmId))?.allowedMediaTypes).toBeNull();
  });

  it('creates, lists, updates and deletes templates', async () => {
    const { store, world } = await storeWithWorld(getStore);
    const base = {
      firmId: world.firmId,
      subject: 'Subject',
      body: 'Body',
      createdAt: at(1),
      updatedAt: at(1),
    };
    const reminder = { ...base, id: uniqueId('tpl'), name: 'Reminder' };
    const documents = { ...base, id: uniqueId('tpl'), name: 'Documents' };
    expect(await store.insertTemplate(reminder)).toBe(true);
    expect(await store.insertTemplate(documents)).toBe(true);
    expect(await store.insertTemplate(documents)).toBe(false);
    expect((await store.listTemplates(world.firmId)).map((template) => template.name)).toEqual([
      'Documents',
      'Reminder',
    ]);
    expect((await store.listTemplates(world.firmId, 'remi')).map((template) => template.id)).toEqual([
      reminder.id,
    ]);
    const updated = await store.updateTemplate(reminder.id, { body: 'New body', updatedAt: at(3) });
    expect(updated).toEqual({ ...reminder, body: 'New body', updatedAt: at(3) });
    expect(await store.getTemplate(reminder.id)).toEqual(updated);
    expect(await store.updateTemplate(uniqueId('tpl'), { name: 'x', updatedAt: at(3) })).toBeNull();
    expect(await store.deleteTemplate(reminder.id)).toBe(true);
    expect(await store.deleteTemplate(reminder.id)).toBe(false);
    expect(await store.getTemplate(reminder.id)).toBeNull();
  });
}
