import { describe, expect, it } from 'vitest';
import { seedDemo } from '../seed/demo.js';
import { DEMO_IDS } from '../seed/demo-data.js';
import { createMemoryStore } from '../store/memory-store.js';
import type { MailKind, MailRow, PartyRef } from '../store/rows.js';
import { checkMailRecipient } from './mail-recipient.js';

const store = createMemoryStore();
await seedDemo(store);

/** A due mail of Rivera & Cho (unless `firmId` says otherwise). */
const dueMail = (
  kind: MailKind,
  recipient: PartyRef | null,
  firmId: string = DEMO_IDS.riveraCho,
): MailRow => ({
  id: 'mail_1',
  seq: 1,
  firmId,
  kind,
  recipient,
  to: 'queued@client.test',
  subject: 'S',
  text: 'T',
  html: 'H',
  createdAt: '2026-03-02T10:00:00.000Z',
  status: 'pending',
  attempts: 1,
  nextAttemptAt: '2026-03-02T10:00:00.000Z',
  lockedUntil: null,
  lockedBy: 'worker',
  sentAt: null,
  lastError: null,
});

describe('checkMailRecipient', () => {
  it.each([
    ['a client mail to an active client', 'client_message_waiting', { kind: 'client', id: DEMO_IDS.daniel }],
    ['a member mail to a member', 'member_client_started', { kind: 'member', id: DEMO_IDS.ben }],
  ] as const)('delivers %s to their address now', async (_case, kind, recipient) => {
    const delivery = await checkMailRecipient(store, dueMail(kind, recipient));
    const person =
      recipient.kind === 'client'
        ? await store.getContact(recipient.id)
        : await store.getMember(recipient.id);
    expect(delivery).toEqual({ deliver: true, to: person?.email });
  });

  it.each([
    [
      'a client whose portal is only invited',
      'client_message_waiting',
      { kind: 'client', id: DEMO_IDS.farid },
      undefined,
      'portal_not_active',
    ],
    [
      'a client who is gone',
      'client_message_waiting',
      { kind: 'client', id: 'con_gone' },
      undefined,
      'recipient_unknown',
    ],
    [
      'a member who is gone',
      'member_client_started',
      { kind: 'member', id: 'mem_gone' },
      undefined,
      'recipient_unknown',
    ],
    [
      'a client of another firm',
      'client_message_waiting',
      { kind: 'client', id: DEMO_IDS.hiro },
      undefined,
      'recipient_unknown',
    ],
    [
      'a member of another firm',
      'member_client_started',
      { kind: 'member', id: DEMO_IDS.grace },
      undefined,
      'recipient_unknown',
    ],
    [
      'a member named by a client mail',
      'client_message_waiting',
      { kind: 'member', id: DEMO_IDS.ben },
      undefined,
      'recipient_unknown',
    ],
    [
      'a client named by a member mail',
      'member_client_started',
      { kind: 'client', id: DEMO_IDS.daniel },
      undefined,
      'recipient_unknown',
    ],
    [
      'a client mail queued before recipients were recorded',
      'client_message_waiting',
      null,
      undefined,
      'recipient_unknown',
    ],
    [
      'a member mail queued before recipients were recorded',
      'member_client_started',
      null,
      undefined,
      'recipient_unknown',
    ],
    [
      'a client mail of a firm the client is not in',
      'client_message_waiting',
      { kind: 'client', id: DEMO_IDS.daniel },
      DEMO_IDS.northgate,
      'recipient_unknown',
    ],
  ] as const)('withholds a mail to %s', async (_case, kind, recipient, firmId, reason) => {
    expect(await checkMailRecipient(store, dueMail(kind, recipient, firmId))).toEqual({
      deliver: false,
      reason,
    });
  });
});
