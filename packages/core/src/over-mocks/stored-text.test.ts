import { createMockServer, DEMO_IDS, type MockServer } from '@confide/mocks';
import { CHARACTER_MAX_CODE_POINTS, type ConversationId } from '@confide/protocol';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { httpTransport, type ServerEvent } from '../index.js';
import { deferred } from '../test/deferred.js';

/**
 * Text that today's input rules refuse, as a store may hold it from before a rule tightened (a cap on a character's
 * parts, a newly forbidden character, a lower limit, the empty-text rule), or as a host wrote it to the store.
 */
const STORED_TEXT: ReadonlyArray<readonly [string, string]> = [
  ['a character of 33 code points', `Visa e${'\u0301'.repeat(CHARACTER_MAX_CODE_POINTS)} renewal`],
  ['a forbidden control character', 'Visa\u0007renewal'],
  ['more characters than any limit', 'x'.repeat(20_001)],
  ['nothing visible', ' \u200b '],
  ['nothing', ''],
];

const DAY_MS = 24 * 60 * 60 * 1000;

/** What `write` put in the store for one value: the ids to look for in the answers. */
interface StoredRecords {
  readonly contactId: string;
  readonly contactEmail: string;
  readonly conversationId: ConversationId;
  readonly memberMessageId: string;
  readonly clientMessageId: string;
  readonly attachmentId: string;
  readonly notificationId: string;
  readonly templateId: string;
}

/**
 * Writes `text` straight into the mock's store (no request, so no input rule) as a contact's first name, a
 * conversation's subject, a message body, a file name, a template's name, subject and body, and the subject and
 * client name a notification of Ben's shows.
 */
async function write(mock: MockServer, key: string, text: string): Promise<StoredRecords> {
  const now = Date.now();
  const at = (offsetMs: number) => new Date(now + offsetMs).toISOString();
  const firmId = DEMO_IDS.riveraCho;
  const ben = { kind: 'member', id: DEMO_IDS.ben } as const;
  const records = {
    contactId: `con_stored_${key}`,
    contactEmail: `stored-${key}@client.test`,
    conversationId: `cnv_stored_${key}` as ConversationId,
    memberMessageId: `msg_stored_${key}_member`,
    clientMessageId: `msg_stored_${key}_client`,
    attachmentId: `att_stored_${key}`,
    notificationId: `ntf_stored_${key}`,
    templateId: `tpl_stored_${key}`,
  };
  const client = { kind: 'client', id: records.contactId } as const;
  await mock.ready;
  const store = mock.store;
  await store.insertContact({
    id: records.contactId,
    firmId,
    firstName: text,
    lastName: 'Stored',
    email: records.contactEmail,
    portalStatus: 'active',
    assigneeIds: [DEMO_IDS.ben],
    createdAt: at(0),
  });
  await store.insertConversation({
    id: records.conversationId,
    firmId,
    contactId: records.contactId,
    subject: text,
    matterId: null,
    matterLabel: null,
    startedBy: ben,
    createdAt: at(0),
  });
  await store.insertMessage({
    id: records.clientMessageId,
    conversationId: records.conversationId,
    firmId,
    author: client,
    body: 'A reply',
    internal: false,
    idempotencyKey: `stored_${key}_client`,
    createdAt: at(1),
  });
  await store.insertAttachment({
    id: records.attachmentId,
    firmId,
    uploader: ben,
    name: text,
    size: 4,
    createdAt: at(1),
    expiresAt: at(DAY_MS),
  });
  await store.completeAttachment(records.attachmentId, {
    size: 4,
    mediaType: 'application/pdf',
    sha256: 'a'.repeat(64),
    state: 'not_scanned',
    blobKey: `blob_${key}`,
    completedAt: at(1),
    expiresAt: at(DAY_MS),
  });
  await store.insertMessage(
    {
      id: records.memberMessageId,
      conversationId: records.conversationId,
      firmId,
      author: ben,
      body: text,
      internal: false,
      idempotencyKey: `stored_${key}_member`,
      createdAt: at(2),
    },
    { attachments: { ids: [records.attachmentId], attachedAt: at(2) } },
  );
  await store.insertNotification({
    id: records.notificationId,
    firmId,
    memberId: DEMO_IDS.ben,
    kind: 'client_replied',
    conversationId: records.conversationId,
    messageId: records.clientMessageId,
    createdAt: at(1),
    readAt: null,
  });
  await store.insertTemplate({
    id: records.templateId,
    firmId,
    name: text,
    subject: text,
    body: text,
    createdAt: at(0),
    updatedAt: at(0),
  });
  return records;
}

describe('answers with text stored before a rule tightened', () => {
  const mock = createMockServer();
  const ben = httpTransport(mock.as('ben'));
  const stored = new Map<string, StoredRecords>();

  beforeAll(async () => {
    for (const [index, [, text]] of STORED_TEXT.entries())
      stored.set(text, await write(mock, `${index}`, text));
  });

  const recordsOf = (text: string) => {
    const records = stored.get(text);
    if (!records) throw new Error('The records of this value were not written');
    return records;
  };

  it.each(STORED_TEXT)('the thread reads a message body and a file name with %s', async (_case, text) => {
    const { conversationId, memberMessageId, contactId } = recordsOf(text);
    const page = await ben.listMessages(conversationId, {});
    const message = page.items.find(({ id }) => id === memberMessageId);
    expect(message?.body).toBe(text);
    expect(message?.attachments?.map(({ name }) => name)).toEqual([text]);
    const reply = page.items.find(({ author }) => author.id === contactId);
    expect(reply?.author.name.startsWith(text)).toBe(true);
  });

  it.each(STORED_TEXT)(
    'the index and the conversation read a subject and a client name with %s',
    async (_case, text) => {
      const { conversationId } = recordsOf(text);
      const index = await ben.listConversations({ limit: 100 });
      const summary = index.items.find(({ id }) => id === conversationId);
      expect(summary?.subject).toBe(text);
      expect(summary?.contact.name.startsWith(text)).toBe(true);
      expect(summary?.lastMessage?.attachmentCount).toBe(1);
      const conversation = await ben.getConversation(conversationId);
      expect(conversation.subject).toBe(text);
    },
  );

  it.each(STORED_TEXT)(
    'the contact list and the client themselves read a first name with %s',
    async (_case, text) => {
      const { contactId, contactEmail } = recordsOf(text);
      const contacts = await ben.listContacts({});
      expect(contacts.items.find(({ id }) => id === contactId)?.firstName).toBe(text);
      const viewer = await httpTransport(mock.as(contactEmail)).getViewer();
      expect(viewer.role === 'client' && viewer.firstName).toBe(text);
    },
  );

  it.each(STORED_TEXT)(
    "the templates read a template's name, subject and body with %s",
    async (_case, text) => {
      const { templateId } = recordsOf(text);
      const templates = await ben.listTemplates({});
      const template = templates.items.find(({ id }) => id === templateId);
      expect([template?.name, template?.subject, template?.body]).toEqual([text, text, text]);
    },
  );

  it.each(STORED_TEXT)('the notifications read a subject and a client name with %s', async (_case, text) => {
    const { notificationId } = recordsOf(text);
    const notifications = await ben.listNotifications({ limit: 100 });
    const notification = notifications.items.find(({ id }) => id === notificationId);
    expect(notification?.subject).toBe(text);
    expect(notification?.contact.name.startsWith(text)).toBe(true);
  });

  it.each(STORED_TEXT)(
    'a reply in a conversation whose subject and client name hold %s reaches Ben live, with its notification',
    async (_case, text) => {
      const { conversationId, contactEmail } = recordsOf(text);
      const opened = deferred<void>();
      const created = deferred<ServerEvent & { type: 'message.created' }>();
      const notified = deferred<ServerEvent & { type: 'notification.created' }>();
      const unsubscribe = ben.subscribe(
        (event) => {
          if (event.type === 'message.created' && event.data.message.conversationId === conversationId)
            created.resolve(event);
          if (
            event.type === 'notification.created' &&
            event.data.notification.conversationId === conversationId
          )
            notified.resolve(event);
        },
        { onStatusChange: (status) => status === 'open' && opened.resolve() },
      );
      onTestFinished(unsubscribe);
      await opened.promise;
      await httpTransport(mock.as(contactEmail)).sendMessage(conversationId, {
        body: 'A live reply',
        idempotencyKey: `stored_live_${recordsOf(text).contactId}`,
      });
      const [message, notification] = await Promise.all([created.promise, notified.promise]);
      expect(message.data.message.author.name.startsWith(text)).toBe(true);
      expect(notification.data.notification.subject).toBe(text);
    },
  );
});
