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

describe('shapeEventForViewer for files', () => {
  const file = {
    id: 'att_passport',
    name: 'passport.pdf',
    size: 10,
    mediaType: 'application/pdf',
    state: 'available',
    internal: false,
    messageId: 'msg_daniel_4',
    createdAt: '2026-03-02T10:00:00.000Z',
    sha256: 'a'.repeat(64),
    clientDownloadedAt: '2026-03-02T11:00:00.000Z',
  };
  const updated = (internal: boolean): EventRow => ({
    seq: 9,
    type: 'attachment.updated',
    payload: { conversationId: 'cnv_daniel_work_permit', attachment: { ...file, internal } },
    audience: everyone,
    createdAt: '2026-03-02T10:00:00.000Z',
  });
  const created = (internalFile: boolean): EventRow => ({
    seq: 10,
    type: 'message.created',
    payload: {
      message: {
        id: 'msg_daniel_4',
        conversationId: 'cnv_daniel_work_permit',
        author: { kind: 'member', id: 'mem_ana', name: 'Ana Rivera' },
        body: '',
        createdAt: '2026-03-02T10:00:00.000Z',
        internal: false,
        idempotencyKey: 'key_00000001',
        attachments: [file, { ...file, id: 'att_memo', internal: internalFile }],
      },
    },
    audience: everyone,
    createdAt: '2026-03-02T10:00:00.000Z',
  });

  it('gives members the firm-only details of a file', async () => {
    const test = await createTestApp();
    const owner = await test.viewer('owner');
    expect(shapeEventForViewer(updated(true), owner)).toMatchObject({
      data: { attachment: { sha256: file.sha256, clientDownloadedAt: file.clientDownloadedAt } },
    });
    expect(shapeEventForViewer(created(false), owner)).toMatchObject({
      data: { message: { attachments: [{ sha256: file.sha256 }, { sha256: file.sha256 }] } },
    });
  });

  it('gives the client a file without its SHA-256 or download record, and never an internal note’s file', async () => {
    const test = await createTestApp();
    const client = await test.viewer('client');
    const shaped = shapeEventForViewer(updated(false), client);
    expect(shaped).toMatchObject({ data: { attachment: { id: file.id } } });
    expect(JSON.stringify(shaped)).not.toMatch(/sha256|clientDownloadedAt/);
    expect(shapeEventForViewer(updated(true), client)).toBeNull();
    const message = shapeEventForViewer(created(true), client);
    expect(JSON.stringify(message)).not.toMatch(/sha256|clientDownloadedAt|att_memo/);
    expect(message).toMatchObject({ data: { message: { attachments: [{ id: file.id }] } } });
  });
});
