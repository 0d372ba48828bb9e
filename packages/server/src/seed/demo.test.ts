import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../store/memory-store.js';
import type { Store } from '../store/store.js';
import { seedDemo } from './demo.js';
import { DEMO_IDS } from './demo-data.js';

async function snapshot(store: Store) {
  const firms = [DEMO_IDS.riveraCho, DEMO_IDS.northgate];
  const reader = { kind: 'member', id: DEMO_IDS.ana } as const;
  return {
    members: await Promise.all(firms.map((firmId) => store.listMembers(firmId))),
    contacts: await Promise.all(firms.map((firmId) => store.listContacts(firmId))),
    templates: await Promise.all(firms.map((firmId) => store.listTemplates(firmId))),
    conversations: await store.listConversations({
      firmId: DEMO_IDS.riveraCho,
      audience: 'firm',
      reader,
      limit: 100,
    }),
    notifications: await store.listNotifications({ memberId: DEMO_IDS.ana, limit: 100 }),
    settings: await store.getNotificationSettings(DEMO_IDS.riveraCho),
  };
}

describe('seedDemo', () => {
  it('loads the demo firms, people, templates and conversations', async () => {
    const store = createMemoryStore();
    expect(await seedDemo(store)).toBe(true);
    const data = await snapshot(store);
    expect(data.members[0]?.map((member) => member.email).sort()).toEqual([
      'ana.rivera@rivera-cho.test',
      'ben.cho@rivera-cho.test',
      'carla.diaz@rivera-cho.test',
    ]);
    expect(data.contacts[0]?.map((contact) => [contact.email, contact.portalStatus])).toEqual([
      ['farid.haddad@client.test', 'invited'],
      ['daniel.okafor@client.test', 'active'],
      ['elena.petrova@client.test', 'active'],
    ]);
    expect(await store.getContact(DEMO_IDS.elena)).toMatchObject({
      assigneeIds: [DEMO_IDS.carla, DEMO_IDS.ben],
    });
    expect(data.templates[0]?.map((template) => template.name)).toEqual([
      'Appointment reminder',
      'Case status update',
      'Document request',
    ]);
    expect(data.settings?.clientStartedThread).toBe('assignees_and_owner');
    expect(data.conversations.map((item) => item.conversation.id)).toEqual([
      'cnv_elena_residence',
      'cnv_daniel_work_permit',
    ]);
    expect(data.notifications.length).toBeGreaterThan(0);
    const notes = await store.listMessages({
      conversationId: 'cnv_daniel_work_permit',
      audience: 'firm',
      limit: 10,
    });
    expect(notes.some((message) => message.internal)).toBe(true);
  });

  it('changes nothing when run twice', async () => {
    const store = createMemoryStore();
    await seedDemo(store);
    const first = await snapshot(store);
    expect(await seedDemo(store)).toBe(false);
    expect(await snapshot(store)).toEqual(first);
  });
});
