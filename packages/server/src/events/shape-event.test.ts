import { describe, expect, it } from 'vitest';
import type { EventRow } from '../store/rows.js';
import { createTestApp, type PersonName } from '../testing/test-app.js';
import { shapeEventForViewer } from './shape-event.js';

// The store filters events by audience first; these rows pretend it did not, to test the second line of defence.
const readEvent: EventRow = {
  seq: 7,
  type: 'notification.read',
  payload: { ids: 'all', readAt: '2026-03-02T10:00:00.000Z', unreadCount: 0 },
  audience: { firmId: 'firm_rivera_cho', allMembers: false, memberIds: ['mem_ana'], contactId: null },
  createdAt: '2026-03-02T10:00:00.000Z',
};
const createdEvent: EventRow = {
  ...readEvent,
  seq: 8,
  type: 'notification.created',
  payload: {
    notification: {
      id: 'ntf_1',
      kind: 'client_replied',
      conversationId: 'cnv_daniel_work_permit',
      messageId: 'msg_daniel_4',
      contact: { id: 'con_daniel', name: 'Daniel Okafor' },
      subject: 'Work permit renewal',
      createdAt: '2026-03-02T10:00:00.000Z',
      readAt: null,
    },
    unreadCount: 3,
  },
};
const everyone = { firmId: 'firm_rivera_cho', allMembers: true, memberIds: [], contactId: 'con_daniel' };

describe('shapeEventForViewer for notification events', () => {
  it.each([readEvent, createdEvent])('gives the member their own $type', async (event) => {
    const test = await createTestApp();
    expect(shapeEventForViewer(event, await test.viewer('owner'))).toMatchObject({
      id: String(event.seq),
      type: event.type,
    });
  });

  it.each<[PersonName, EventRow]>([
    ['admin', readEvent],
    ['member', readEvent],
    ['client', readEvent],
    ['admin', { ...readEvent, audience: everyone }],
    ['client', { ...readEvent, audience: everyone }],
    ['admin', createdEvent],
    ['client', createdEvent],
    ['admin', { ...createdEvent, audience: everyone }],
    ['client', { ...createdEvent, audience: everyone }],
  ])('drops it for %s, even when the audience is wrong (%#)', async (person, event) => {
    const test = await createTestApp();
    expect(shapeEventForViewer(event, await test.viewer(person))).toBeNull();
  });
});
