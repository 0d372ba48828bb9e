import { describe, expect, it } from 'vitest';
import type { ContactRow, MemberRow } from '../store/rows.js';
import { chooseClientReplyRecipients, chooseClientStartedRecipients } from './notification-recipients.js';

const member = (id: string, role: MemberRow['role']): MemberRow => ({
  id,
  firmId: 'firm_a',
  name: id,
  email: `${id}@firm.test`,
  role,
  createdAt: '2026-01-01T00:00:00.000Z',
});
const members = [
  member('owner', 'owner'),
  member('admin', 'admin'),
  member('carla', 'member'),
  member('dev', 'member'),
];
const contact: ContactRow = {
  id: 'con_a',
  firmId: 'firm_a',
  firstName: 'A',
  lastName: 'B',
  email: 'a@client.test',
  portalStatus: 'active',
  assigneeIds: ['carla', 'stranger'],
  createdAt: '2026-01-01T00:00:00.000Z',
};
const ids = (rows: MemberRow[]) => rows.map((row) => row.id);

describe('chooseClientStartedRecipients', () => {
  it("chooses the client's assignees who are members", () => {
    expect(ids(chooseClientStartedRecipients('assignees', members, contact))).toEqual(['carla']);
  });

  it('adds the owner for assignees_and_owner, once each', () => {
    expect(ids(chooseClientStartedRecipients('assignees_and_owner', members, contact))).toEqual([
      'owner',
      'carla',
    ]);
    const ownerAssigned = { ...contact, assigneeIds: ['owner'] };
    expect(ids(chooseClientStartedRecipients('assignees_and_owner', members, ownerAssigned))).toEqual([
      'owner',
    ]);
  });

  it('chooses every member for all_members and no one for none', () => {
    expect(ids(chooseClientStartedRecipients('all_members', members, contact))).toEqual([
      'owner',
      'admin',
      'carla',
      'dev',
    ]);
    expect(chooseClientStartedRecipients('none', members, contact)).toEqual([]);
  });
});

describe('chooseClientReplyRecipients', () => {
  it('chooses every member of the firm', () => {
    expect(ids(chooseClientReplyRecipients(members))).toEqual(['owner', 'admin', 'carla', 'dev']);
  });
});
