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
import { issuePaths } from './test/issue-paths.js';

const { clientRead: _clientRead, ...conversationWithoutReceipt } = fixtures.conversation;

describe('entity schemas', () => {
  it.each([
    ['a firm', FirmSchema, fixtures.firm],
    ['a member', MemberSchema, fixtures.member],
    ['a contact', ContactSchema, fixtures.contact],
    ['a conversation', ConversationSchema, fixtures.conversation],
    [
      'a conversation without a matter and the client read receipt',
      ConversationSchema,
      { ...conversationWithoutReceipt, matter: null },
    ],
    ['a message', MessageSchema, fixtures.message],
    [
      'a message body of exactly the maximum length',
      MessageSchema,
      { ...fixtures.message, body: 'x'.repeat(BODY_MAX_LENGTH) },
    ],
    ['a conversation summary', ConversationSummarySchema, fixtures.summary],
    ['a template', TemplateSchema, fixtures.template],
    ['a notification', NotificationSchema, fixtures.notification],
    [
      'a member viewer',
      ViewerSchema,
      {
        role: 'member',
        id: 'mem_ben',
        name: 'Ben Cho',
        email: 'ben.cho@rivera-cho.test',
        memberRole: 'admin',
        firm: fixtures.firm,
      },
    ],
    [
      'a client viewer',
      ViewerSchema,
      {
        role: 'client',
        id: 'con_daniel',
        name: 'Daniel Okafor',
        firstName: 'Daniel',
        email: 'daniel.okafor@client.test',
        firm: fixtures.firm,
      },
    ],
  ])('accept %s as it is', (_case, schema, payload) => {
    expect(schema.parse(payload)).toEqual(payload);
  });

  it.each([
    [
      'an unknown portal status',
      ContactSchema,
      { ...fixtures.contact, portalStatus: 'pending' },
      ['portalStatus'],
    ],
    [
      'an id outside the id alphabet',
      MessageSchema,
      { ...fixtures.message, conversationId: '../admin' },
      ['conversationId'],
    ],
    [
      'a message author of an unknown kind',
      MessageSchema,
      { ...fixtures.message, author: { kind: 'bot', id: 'x', name: 'X' } },
      ['author.kind'],
    ],
    ['a blank body', MessageSchema, { ...fixtures.message, body: '  \n ' }, ['body']],
    [
      'an oversize body',
      MessageSchema,
      { ...fixtures.message, body: 'x'.repeat(BODY_MAX_LENGTH + 1) },
      ['body'],
    ],
    ['a blank subject', ConversationSchema, { ...fixtures.conversation, subject: '   ' }, ['subject']],
    [
      'an oversize subject',
      ConversationSchema,
      { ...fixtures.conversation, subject: 's'.repeat(SUBJECT_MAX_LENGTH + 1) },
      ['subject'],
    ],
    [
      'a timestamp that is not ISO-8601',
      NotificationSchema,
      { ...fixtures.notification, createdAt: 'yesterday' },
      ['createdAt'],
    ],
    [
      'an unknown client-started-thread setting',
      NotificationSettingsSchema,
      { clientStartedThread: 'owner' },
      ['clientStartedThread'],
    ],
    ['unknown keys in settings', NotificationSettingsSchema, { clientStartedThread: 'none', extra: 1 }, ['']],
    [
      'a negative unread count',
      ConversationSummarySchema,
      { ...fixtures.summary, unreadCount: -1 },
      ['unreadCount'],
    ],
  ])('reject %s at its path', (_case, schema, payload, paths) => {
    expect(issuePaths(schema, payload)).toEqual(paths);
  });
});
