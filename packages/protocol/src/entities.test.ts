import { describe, expect, it } from 'vitest';
import {
  ContactSchema,
  ConversationSchema,
  ConversationSummarySchema,
  FirmSchema,
  MemberSchema,
  MessageSchema,
  NotificationSchema,
  NotificationSettingsSchema,
  TemplateSchema,
  ViewerSchema,
} from './entities.js';
import { BODY_MAX_LENGTH, SUBJECT_MAX_LENGTH } from './limits.js';
import * as fixtures from './test/fixtures.js';

function issuePaths(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) {
  return result.error?.issues.map((issue) => issue.path.join('.')) ?? [];
}

describe('entity schemas', () => {
  it('accept realistic payloads', () => {
    expect(FirmSchema.parse(fixtures.firm)).toEqual(fixtures.firm);
    expect(MemberSchema.parse(fixtures.member)).toEqual(fixtures.member);
    expect(ContactSchema.parse(fixtures.contact)).toEqual(fixtures.contact);
    expect(ConversationSchema.parse(fixtures.conversation)).toEqual(fixtures.conversation);
    expect(MessageSchema.parse(fixtures.message)).toEqual(fixtures.message);
    expect(ConversationSummarySchema.parse(fixtures.summary)).toEqual(fixtures.summary);
    expect(TemplateSchema.parse(fixtures.template)).toEqual(fixtures.template);
    expect(NotificationSchema.parse(fixtures.notification)).toEqual(fixtures.notification);
  });

  it('accepts both kinds of viewer', () => {
    const memberViewer = {
      role: 'member',
      id: 'mem_ben',
      name: 'Ben Cho',
      email: 'ben.cho@rivera-cho.test',
      memberRole: 'admin',
      firm: fixtures.firm,
    };
    const clientViewer = {
      role: 'client',
      id: 'con_daniel',
      name: 'Daniel Okafor',
      firstName: 'Daniel',
      email: 'daniel.okafor@client.test',
      firm: fixtures.firm,
    };
    expect(ViewerSchema.parse(memberViewer).role).toBe('member');
    expect(ViewerSchema.parse(clientViewer).role).toBe('client');
  });

  it('accepts a conversation without a matter and without the client read receipt', () => {
    const { clientRead: _clientRead, ...withoutReceipt } = fixtures.conversation;
    expect(ConversationSchema.parse({ ...withoutReceipt, matter: null }).matter).toBeNull();
  });

  it('rejects an unknown portal status at its path', () => {
    const result = ContactSchema.safeParse({ ...fixtures.contact, portalStatus: 'pending' });
    expect(result.success).toBe(false);
    expect(issuePaths(result)).toEqual(['portalStatus']);
  });

  it('rejects ids with characters outside the id alphabet', () => {
    const result = MessageSchema.safeParse({ ...fixtures.message, conversationId: '../admin' });
    expect(issuePaths(result)).toEqual(['conversationId']);
  });

  it('rejects a message author of an unknown kind', () => {
    const result = MessageSchema.safeParse({
      ...fixtures.message,
      author: { kind: 'bot', id: 'x', name: 'X' },
    });
    expect(result.success).toBe(false);
    expect(issuePaths(result)[0]).toMatch(/^author/);
  });

  it('rejects a blank or oversize body and subject', () => {
    expect(issuePaths(MessageSchema.safeParse({ ...fixtures.message, body: '  \n ' }))).toEqual(['body']);
    expect(
      issuePaths(MessageSchema.safeParse({ ...fixtures.message, body: 'x'.repeat(BODY_MAX_LENGTH + 1) })),
    ).toEqual(['body']);
    expect(issuePaths(ConversationSchema.safeParse({ ...fixtures.conversation, subject: '   ' }))).toEqual([
      'subject',
    ]);
    expect(
      issuePaths(
        ConversationSchema.safeParse({
          ...fixtures.conversation,
          subject: 's'.repeat(SUBJECT_MAX_LENGTH + 1),
        }),
      ),
    ).toEqual(['subject']);
  });

  it('accepts a body of exactly the maximum length', () => {
    expect(MessageSchema.safeParse({ ...fixtures.message, body: 'x'.repeat(BODY_MAX_LENGTH) }).success).toBe(
      true,
    );
  });

  it('rejects a timestamp that is not ISO-8601', () => {
    const result = NotificationSchema.safeParse({ ...fixtures.notification, createdAt: 'yesterday' });
    expect(issuePaths(result)).toEqual(['createdAt']);
  });

  it('rejects an unknown client-started-thread setting and unknown keys in settings', () => {
    expect(issuePaths(NotificationSettingsSchema.safeParse({ clientStartedThread: 'owner' }))).toEqual([
      'clientStartedThread',
    ]);
    expect(NotificationSettingsSchema.safeParse({ clientStartedThread: 'none', extra: 1 }).success).toBe(
      false,
    );
  });

  it('rejects a negative unread count', () => {
    expect(issuePaths(ConversationSummarySchema.safeParse({ ...fixtures.summary, unreadCount: -1 }))).toEqual(
      ['unreadCount'],
    );
  });
});
