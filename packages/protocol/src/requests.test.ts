import { describe, expect, it } from 'vitest';
import { ErrorEnvelopeSchema, toFieldIssues } from './errors.js';
import { ServerEventSchema } from './events.js';
import {
  LimitSchema,
  ListConversationsQuerySchema,
  ListMessagesQuerySchema,
  MarkNotificationsReadRequestSchema,
  SendMessageRequestSchema,
  StartConversationRequestSchema,
  UpdateTemplateRequestSchema,
} from './requests.js';
import * as fixtures from './test/fixtures.js';
import { issuePaths } from './test/issue-paths.js';

describe('request schemas', () => {
  const key = 'draft_7f3a9c21';
  const files = ['att_passport01'];
  it.each([
    ['text only', { body: 'Here you are', idempotencyKey: key }, []],
    ['text and files', { body: 'Here you are', idempotencyKey: key, attachmentIds: files }, []],
    ['files only, empty body', { body: '', idempotencyKey: key, attachmentIds: files }, []],
    ['empty body, no files', { body: '', idempotencyKey: key }, ['body']],
    ['empty body, empty file list', { body: '', idempotencyKey: key, attachmentIds: [] }, ['body']],
    ['blank body, files', { body: ' \u200b ', idempotencyKey: key, attachmentIds: files }, ['body']],
    [
      'a file twice',
      { body: 'x', idempotencyKey: key, attachmentIds: [...files, ...files] },
      ['attachmentIds'],
    ],
  ])('a send: %s', (_name, request, paths) => {
    expect(issuePaths(SendMessageRequestSchema, request)).toEqual(paths);
    const start = { ...request, contactId: 'con_daniel', subject: 'Documents' };
    expect(issuePaths(StartConversationRequestSchema, start)).toEqual(paths);
  });

  it('accept a member starting a conversation and trim the subject', () => {
    const request = StartConversationRequestSchema.parse({
      contactId: 'con_daniel',
      subject: '  Documents we need  ',
      body: 'Dear Daniel,\nplease upload your passport.',
      idempotencyKey: key,
      matter: { id: 'M-1', label: 'H-1B petition' },
    });
    expect(request.subject).toBe('Documents we need');
  });

  it('reject unknown keys with the key in the message', () => {
    const result = SendMessageRequestSchema.safeParse({
      body: 'Hello',
      idempotencyKey: key,
      authorId: 'mem_ana',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.code).toBe('unrecognized_keys');
  });

  it('coerce query-string limits and flags', () => {
    expect(ListConversationsQuerySchema.parse({ limit: '25', unread: 'true' })).toEqual({
      limit: 25,
      unread: true,
    });
  });

  it.each([
    [
      'unknown keys inside the matter',
      StartConversationRequestSchema,
      {
        subject: 'S',
        body: 'B',
        idempotencyKey: key,
        matter: { id: 'M-1', label: 'L', firmId: 'firm_northgate' },
      },
      ['matter'],
    ],
    [
      'a short idempotency key',
      SendMessageRequestSchema,
      { body: 'Hi', idempotencyKey: 'abc' },
      ['idempotencyKey'],
    ],
    [
      'a malformed idempotency key',
      SendMessageRequestSchema,
      { body: 'Hi', idempotencyKey: 'has spaces in it' },
      ['idempotencyKey'],
    ],
    [
      'an internal flag that is not a boolean',
      SendMessageRequestSchema,
      { body: 'Hi', idempotencyKey: key, internal: 'yes' },
      ['internal'],
    ],
    ['a page size of 0', ListConversationsQuerySchema, { limit: '0' }, ['limit']],
    ['a page size over the maximum', ListConversationsQuerySchema, { limit: '101' }, ['limit']],
    ['a flag that is not true or false', ListConversationsQuerySchema, { unread: 'yes' }, ['unread']],
    [
      'a cursor that was not made by the server',
      ListMessagesQuerySchema,
      { before: 'drop table;' },
      ['before'],
    ],
    ['marking notifications read with all: false', MarkNotificationsReadRequestSchema, { all: false }, ['']],
    ['marking no notification ids read', MarkNotificationsReadRequestSchema, { ids: [] }, ['ids']],
    ['an empty template update', UpdateTemplateRequestSchema, {}, ['']],
  ])('reject %s at its path', (_case, schema, payload, paths) => {
    expect(issuePaths(schema, payload)).toEqual(paths);
  });

  it.each([
    ['marking notifications read by ids', MarkNotificationsReadRequestSchema, { ids: ['ntf_01'] }],
    ['marking all notifications read', MarkNotificationsReadRequestSchema, { all: true }],
    ['a template update of one field', UpdateTemplateRequestSchema, { name: 'Renamed' }],
  ])('accept %s', (_case, schema, payload) => {
    expect(issuePaths(schema, payload)).toEqual([]);
  });
});

describe('ServerEventSchema', () => {
  it('accepts each event type', () => {
    const events = [
      { id: '41', type: 'message.created', data: { message: fixtures.message } },
      {
        id: '42',
        type: 'conversation.created',
        data: { conversation: fixtures.conversation, message: fixtures.message },
      },
      {
        id: '43',
        type: 'conversation.read',
        data: {
          conversationId: 'cnv_01',
          reader: { kind: 'client', id: 'con_daniel' },
          upToMessageId: 'msg_02',
          readAt: '2026-11-21T16:05:00.000Z',
        },
      },
      { id: '44', type: 'notification.created', data: { notification: fixtures.notification } },
      {
        id: '45',
        type: 'notification.created',
        data: { notification: fixtures.notification, unreadCount: 3 },
      },
      {
        id: '46',
        type: 'notification.read',
        data: { ids: ['ntf_01'], readAt: '2026-11-21T16:06:00.000Z', unreadCount: 2 },
      },
      {
        id: '47',
        type: 'notification.read',
        data: { ids: 'all', readAt: '2026-11-21T16:07:00.000Z', unreadCount: 0 },
      },
    ];
    expect(events.map((event) => ServerEventSchema.parse(event).type)).toEqual([
      'message.created',
      'conversation.created',
      'conversation.read',
      'notification.created',
      'notification.created',
      'notification.read',
      'notification.read',
    ]);
  });

  it.each([
    ['a negative count', { ids: 'all', readAt: '2026-11-21T16:07:00.000Z', unreadCount: -1 }],
    ['no count', { ids: 'all', readAt: '2026-11-21T16:07:00.000Z' }],
    [
      'ids that are neither a list nor "all"',
      { ids: 'some', readAt: '2026-11-21T16:07:00.000Z', unreadCount: 0 },
    ],
    ['a malformed id', { ids: ['ntf 1'], readAt: '2026-11-21T16:07:00.000Z', unreadCount: 0 }],
  ])('rejects a notification.read event with %s', (_case, data) => {
    expect(ServerEventSchema.safeParse({ id: '48', type: 'notification.read', data }).success).toBe(false);
  });

  it('rejects an unknown event type and a non-numeric id', () => {
    expect(ServerEventSchema.safeParse({ id: '1', type: 'message.deleted', data: {} }).success).toBe(false);
    expect(
      issuePaths(ServerEventSchema, {
        id: 'abc',
        type: 'message.created',
        data: { message: fixtures.message },
      }),
    ).toEqual(['id']);
  });
});

describe('ErrorEnvelopeSchema', () => {
  it('accepts a typed error with field issues', () => {
    const result = SendMessageRequestSchema.safeParse({ body: '', idempotencyKey: 'draft_7f3a9c21' });
    const envelope = {
      error: {
        code: 'invalid_input',
        message: 'Invalid request body',
        details: { issues: toFieldIssues(result.error?.issues ?? []) },
      },
    };
    expect(ErrorEnvelopeSchema.parse(envelope).error.details?.issues?.[0]?.path).toEqual(['body']);
  });

  it('rejects an error code outside the closed set', () => {
    expect(ErrorEnvelopeSchema.safeParse({ error: { code: 'teapot', message: 'no' } }).success).toBe(false);
  });
});

describe('LimitSchema', () => {
  it.each(['5\u000b', '5\u000c', ' 5', '5 ', '0x10', '1e1', '5.0', '+5', '', '\u00005'])(
    'refuses %j',
    (limit) => {
      expect(LimitSchema.safeParse(limit).success).toBe(false);
    },
  );

  it.each([
    ['5', 5],
    ['100', 100],
    [7, 7],
  ])('reads %j as %i', (limit, expected) => {
    expect(LimitSchema.parse(limit)).toBe(expected);
  });
});
