import { describe, expect, it } from 'vitest';
import { ATTACHMENT_NAME_MAX_LENGTH, AttachmentNameSchema } from './attachments.js';
import {
  BodySchema,
  ContactSchema,
  ConversationSchema,
  ConversationSummarySchema,
  FirmSchema,
  MemberSchema,
  MessageSchema,
  NotificationSchema,
  NotificationSettingsSchema,
  SubjectSchema,
  TemplateSchema,
  ViewerSchema,
} from './entities.js';
import { BODY_MAX_LENGTH, CHARACTER_MAX_CODE_POINTS, SUBJECT_MAX_LENGTH } from './limits.js';
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

/** Text that today's input rules refuse, as it may have been stored before a rule tightened. */
const STORED_BEFORE_A_RULE: ReadonlyArray<readonly [string, string]> = [
  ['a character of 33 code points', `Visa e${'\u0301'.repeat(CHARACTER_MAX_CODE_POINTS)} renewal`],
  ['a control character', 'Visa\u0007renewal'],
  ['a lone surrogate', 'Visa \ud800 renewal'],
  ['more characters than the limit', 'x'.repeat(BODY_MAX_LENGTH + 1)],
  ['nothing visible', ' \u200b '],
  ['nothing', ''],
];

describe('answers read stored text that the input rules now refuse', () => {
  it.each(STORED_BEFORE_A_RULE)('a request refuses %s', (_case, text) => {
    expect(BodySchema.safeParse(text).success).toBe(false);
    expect(SubjectSchema.safeParse(text.slice(0, SUBJECT_MAX_LENGTH + 1)).success).toBe(false);
    expect(AttachmentNameSchema.safeParse(text.slice(0, ATTACHMENT_NAME_MAX_LENGTH + 1)).success).toBe(false);
  });

  describe.each([
    ['a message body', MessageSchema, (text: string) => ({ ...fixtures.message, body: text })],
    ['a subject', ConversationSchema, (text: string) => ({ ...fixtures.conversation, subject: text })],
    [
      'a contact name',
      ContactSchema,
      (text: string) => ({ ...fixtures.contact, firstName: text, name: text }),
    ],
    [
      'an author name',
      MessageSchema,
      (text: string) => ({ ...fixtures.message, author: { kind: 'client', id: 'con_daniel', name: text } }),
    ],
    [
      'a preview',
      ConversationSummarySchema,
      (text: string) => ({ ...fixtures.summary, lastMessage: { ...fixtures.summary.lastMessage, text } }),
    ],
    [
      'a template',
      TemplateSchema,
      (text: string) => ({ ...fixtures.template, name: text, subject: text, body: text }),
    ],
    [
      'a notification',
      NotificationSchema,
      (text: string) => ({
        ...fixtures.notification,
        subject: text,
        contact: { ...fixtures.notification.contact, name: text },
      }),
    ],
    [
      'a file name',
      MessageSchema,
      (text: string) => ({ ...fixtures.message, attachments: [{ ...fixtures.attachment, name: text }] }),
    ],
    ['a firm name', FirmSchema, (text: string) => ({ ...fixtures.firm, name: text })],
  ] as const)('%s', (_field, schema, answer) => {
    it.each(STORED_BEFORE_A_RULE)('with %s reads as stored', (_case, text) => {
      const parsed = (
        schema as { safeParse(value: unknown): { success: boolean; data?: unknown } }
      ).safeParse(answer(text));
      expect(parsed.success).toBe(true);
      expect(parsed.data).toEqual(answer(text));
    });
  });
});
