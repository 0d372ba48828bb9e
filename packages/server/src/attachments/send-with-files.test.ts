import { describe, expect, it } from 'vitest';
import { viewerRef } from '../domain/viewer.js';
import { eventsFor, seedAttachment } from '../testing/attachment-fixtures.js';
import { createTestApp, freshKey, type PersonName, type TestApp } from '../testing/test-app.js';
import { recordScanResult } from './record-scan-result.js';

const CONVERSATION = 'cnv_daniel_work_permit';
const FIRM = 'firm_rivera_cho';

interface WireFile {
  id: string;
  state: string;
  internal: boolean;
  sha256?: string;
  clientDownloadedAt?: string | null;
}
interface WireMessage {
  id: string;
  body: string;
  attachments?: WireFile[];
}

async function send(
  test: TestApp,
  as: PersonName,
  attachmentIds: string[],
  extra: Record<string, unknown> = {},
) {
  return test.call('POST', `/v1/conversations/${CONVERSATION}/messages`, {
    as,
    body: { body: '', idempotencyKey: freshKey(), attachmentIds, ...extra },
  });
}

async function threadPage(test: TestApp, as: PersonName): Promise<WireMessage[]> {
  const response = await test.call('GET', `/v1/conversations/${CONVERSATION}/messages?limit=100`, { as });
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: WireMessage[] }).items;
}

async function messageCount(test: TestApp): Promise<number> {
  return (await test.store.listMessages({ conversationId: CONVERSATION, audience: 'firm', limit: 100 }))
    .length;
}

async function notificationsOf(test: TestApp, person: PersonName) {
  return test.store.listNotifications({ memberId: viewerRef(await test.viewer(person)).id, limit: 50 });
}

describe('sending files with a message', () => {
  it('attaches the sender’s files in order; each side sees them as it may', async () => {
    const test = await createTestApp();
    const first = await seedAttachment(test, { uploader: 'client', name: 'passport.pdf' });
    const second = await seedAttachment(test, { uploader: 'client', name: 'payslip.pdf' });
    const response = await send(test, 'client', [second.id, first.id]);
    expect(response.status).toBe(201);
    const sent = (await response.json()) as WireMessage;
    expect(sent.body).toBe('');
    expect(sent.attachments?.map((file) => file.id)).toEqual([second.id, first.id]);
    expect(sent.attachments?.[0]).not.toHaveProperty('sha256');
    const forFirm = (await threadPage(test, 'owner')).find((message) => message.id === sent.id);
    expect(forFirm?.attachments?.map((file) => [file.id, file.sha256, file.clientDownloadedAt])).toEqual([
      [second.id, second.sha256, null],
      [first.id, first.sha256, null],
    ]);
    const forClient = (await threadPage(test, 'client')).find((message) => message.id === sent.id);
    expect(forClient?.attachments?.map((file) => file.id)).toEqual([second.id, first.id]);
    expect(JSON.stringify(forClient)).not.toMatch(/sha256|clientDownloadedAt/);
    const plain = (await threadPage(test, 'owner')).filter((message) => message.id !== sent.id);
    expect(plain.every((message) => message.attachments === undefined)).toBe(true);
  });

  it('tells the firm when the client downloaded a file, on the thread page', async () => {
    const test = await createTestApp();
    const file = await seedAttachment(test, { uploader: 'owner' });
    const sent = (await (await send(test, 'owner', [file.id])).json()) as WireMessage;
    await test.store.insertAttachmentDownload({
      attachmentId: file.id,
      downloader: { kind: 'client', id: 'con_daniel' },
      at: test.clock.now().toISOString(),
    });
    const forFirm = (await threadPage(test, 'admin')).find((message) => message.id === sent.id);
    expect(forFirm?.attachments?.[0]?.clientDownloadedAt).toBe(test.clock.now().toISOString());
    const forClient = (await threadPage(test, 'client')).find((message) => message.id === sent.id);
    expect(forClient?.attachments?.[0]).not.toHaveProperty('clientDownloadedAt');
  });

  it.each<[string, PersonName]>([
    ['the owner', 'owner'],
    ['an admin', 'admin'],
    ['a member', 'member'],
  ])(
    'answers %s sending the client’s upload exactly like an unknown id, writing nothing',
    async (_name, person) => {
      const test = await createTestApp();
      const upload = await seedAttachment(test, { uploader: 'client' });
      const before = await messageCount(test);
      for (const ids of [[upload.id], ['att_does_not_exist']]) {
        const response = await send(test, person, ids);
        expect(response.status).toBe(404);
        expect(await response.json()).toEqual({ error: { code: 'not_found', message: 'Upload not found' } });
      }
      expect(await messageCount(test)).toBe(before);
      expect((await test.store.getAttachment(upload.id))?.messageId).toBeNull();
    },
  );

  const unavailable: ReadonlyArray<[string, (test: TestApp) => Promise<string>]> = [
    [
      'incomplete',
      async (test) => {
        const now = test.clock.now();
        await test.store.insertAttachment({
          id: 'att_half_uploaded',
          firmId: FIRM,
          uploader: { kind: 'client', id: 'con_daniel' },
          name: 'half.pdf',
          size: 100,
          createdAt: now.toISOString(),
          expiresAt: new Date(now.getTime() + 60_000).toISOString(),
        });
        return 'att_half_uploaded';
      },
    ],
    [
      'expired',
      async (test) => {
        const upload = await seedAttachment(test, { uploader: 'client' });
        test.clock.advance(25 * 3_600_000);
        return upload.id;
      },
    ],
    [
      'already_attached',
      async (test) => {
        const upload = await seedAttachment(test, { uploader: 'client' });
        expect((await send(test, 'client', [upload.id])).status).toBe(201);
        return upload.id;
      },
    ],
  ];

  it.each(unavailable)(
    'refuses a file that is %s with attachment_unavailable and sends nothing',
    async (reason, make) => {
      const test = await createTestApp();
      const good = await seedAttachment(test, { uploader: 'client' });
      const bad = await make(test);
      const before = await messageCount(test);
      const response = await send(test, 'client', [good.id, bad]);
      expect(response.status).toBe(409);
      expect(await response.json()).toMatchObject({
        error: { code: 'attachment_unavailable', details: { reason } },
      });
      expect(await messageCount(test)).toBe(before);
      expect((await test.store.getAttachment(good.id))?.messageId).toBeNull();
    },
  );

  it('refuses the same upload in a new conversation once it was sent', async () => {
    const test = await createTestApp();
    const upload = await seedAttachment(test, { uploader: 'client' });
    const start = () =>
      test.call('POST', '/v1/conversations', {
        as: 'client',
        body: { subject: 'Documents', body: '', idempotencyKey: freshKey(), attachmentIds: [upload.id] },
      });
    const started = await start();
    expect(started.status).toBe(201);
    const { conversation, message } = (await started.json()) as {
      conversation: { id: string };
      message: WireMessage;
    };
    expect(message.attachments?.map((file) => file.id)).toEqual([upload.id]);
    expect((await test.store.getAttachment(upload.id))?.conversationId).toBe(conversation.id);
    const again = await start();
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { details: { reason: 'already_attached' } } });
  });

  it('replays a send with its files and attaches nothing more', async () => {
    const test = await createTestApp();
    const first = await seedAttachment(test, { uploader: 'client' });
    const second = await seedAttachment(test, { uploader: 'client' });
    const idempotencyKey = freshKey();
    const path = `/v1/conversations/${CONVERSATION}/messages`;
    const original = (await (
      await test.call('POST', path, {
        as: 'client',
        body: { body: 'Files', idempotencyKey, attachmentIds: [first.id] },
      })
    ).json()) as WireMessage;
    const before = await messageCount(test);
    for (const attachmentIds of [[first.id], [first.id, second.id]]) {
      const replay = await test.call('POST', path, {
        as: 'client',
        body: { body: 'Files', idempotencyKey, attachmentIds },
      });
      expect(replay.status).toBe(201);
      expect(await replay.json()).toEqual(original);
    }
    expect(await messageCount(test)).toBe(before);
    expect((await test.store.getAttachment(second.id))?.messageId).toBeNull();
    const started = { subject: 'New', body: '', idempotencyKey: freshKey(), attachmentIds: [second.id] };
    const firstStart = await (
      await test.call('POST', '/v1/conversations', { as: 'client', body: started })
    ).json();
    const replayedStart = await test.call('POST', '/v1/conversations', { as: 'client', body: started });
    expect(await replayedStart.json()).toEqual(firstStart);
  });
});

describe('files of an internal note', () => {
  it('reach members only: thread pages, events, previews and the file itself', async () => {
    const test = await createTestApp();
    const after = (await test.store.eventBounds()).latestSeq;
    const upload = await seedAttachment(test, {
      uploader: 'member',
      name: 'strategy-memo.pdf',
      state: 'scanning',
    });
    const response = await send(test, 'member', [upload.id], { body: 'For us', internal: true });
    expect(response.status).toBe(201);
    const note = (await response.json()) as WireMessage;
    expect(note.attachments?.[0]).toMatchObject({ id: upload.id, internal: true });
    for (const person of ['owner', 'admin', 'member'] as const) {
      const seen = (await threadPage(test, person)).find((message) => message.id === note.id);
      expect(seen?.attachments?.map((file) => file.id)).toEqual([upload.id]);
      const events = await eventsFor(test, person, after);
      expect(events.some((event) => event.type === 'message.created')).toBe(true);
    }
    expect(JSON.stringify(await threadPage(test, 'client'))).not.toContain(upload.id);
    expect(JSON.stringify(await eventsFor(test, 'client', after))).not.toContain(upload.id);
    const index = await (await test.call('GET', '/v1/conversations', { as: 'client' })).text();
    expect(index).not.toContain(note.id);
    expect((await test.call('GET', `/v1/attachments/${upload.id}`, { as: 'client' })).status).toBe(404);
    await recordScanResult(test.context(), upload.id, { clean: true });
    const update = (await eventsFor(test, 'member', after)).filter(
      (event) => event.type === 'attachment.updated',
    );
    expect(update).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({
          attachment: expect.objectContaining({ id: upload.id, state: 'available' }),
        }),
      }),
    ]);
    expect(JSON.stringify(await eventsFor(test, 'client', after))).not.toContain(upload.id);
  });
});

describe('message and conversation events with files', () => {
  it('carry the files per audience: members with SHA-256 and downloads, the client without', async () => {
    const test = await createTestApp();
    const after = (await test.store.eventBounds()).latestSeq;
    const reply = await seedAttachment(test, { uploader: 'admin' });
    expect((await send(test, 'admin', [reply.id])).status).toBe(201);
    const opening = await seedAttachment(test, { uploader: 'client' });
    const started = await test.call('POST', '/v1/conversations', {
      as: 'client',
      body: {
        subject: 'Passport',
        body: 'Attached',
        idempotencyKey: freshKey(),
        attachmentIds: [opening.id],
      },
    });
    expect(started.status).toBe(201);
    const files = (events: Awaited<ReturnType<typeof eventsFor>>, type: string) =>
      events.flatMap((event) =>
        event.type === type && 'message' in event.data ? (event.data.message.attachments ?? []) : [],
      );
    const forOwner = await eventsFor(test, 'owner', after);
    expect(files(forOwner, 'message.created')).toEqual([
      expect.objectContaining({ id: reply.id, sha256: reply.sha256, clientDownloadedAt: null }),
    ]);
    expect(files(forOwner, 'conversation.created')).toEqual([
      expect.objectContaining({ id: opening.id, sha256: opening.sha256 }),
    ]);
    const forClient = await eventsFor(test, 'client', after);
    expect(files(forClient, 'message.created').map((file) => file.id)).toEqual([reply.id]);
    expect(files(forClient, 'conversation.created').map((file) => file.id)).toEqual([opening.id]);
    expect(JSON.stringify(forClient)).not.toMatch(/sha256|clientDownloadedAt/);
  });

  it('count the files in the index’s previews', async () => {
    const test = await createTestApp();
    const ids = [
      (await seedAttachment(test, { uploader: 'client' })).id,
      (await seedAttachment(test, { uploader: 'client' })).id,
    ];
    expect((await send(test, 'client', ids)).status).toBe(201);
    for (const person of ['owner', 'client'] as const) {
      const index = (await (await test.call('GET', '/v1/conversations', { as: person })).json()) as {
        items: { id: string; lastMessage: { attachmentCount?: number } | null }[];
      };
      expect(index.items.find((item) => item.id === CONVERSATION)?.lastMessage?.attachmentCount).toBe(2);
      const one = (await (
        await test.call('GET', `/v1/conversations/${CONVERSATION}`, { as: person })
      ).json()) as {
        lastMessage: { attachmentCount?: number };
      };
      expect(one.lastMessage.attachmentCount).toBe(2);
    }
    expect((await send(test, 'client', [], { body: 'No files' })).status).toBe(201);
    const index = await (await test.call('GET', '/v1/conversations', { as: 'owner' })).json();
    expect(JSON.stringify(index.items[0].lastMessage)).not.toContain('attachmentCount');
  });
});

describe('a blocked file', () => {
  it('notifies the owner and admins once when it was blocked before it was sent, naming no file', async () => {
    const test = await createTestApp();
    const upload = await seedAttachment(test, {
      uploader: 'client',
      state: 'blocked',
      name: 'secret-plan.pdf',
    });
    const sent = (await (await send(test, 'client', [upload.id])).json()) as WireMessage;
    expect(sent.attachments?.[0]?.state).toBe('blocked');
    for (const person of ['owner', 'admin'] as const) {
      const blocked = (await notificationsOf(test, person)).filter(
        (row) => row.kind === 'attachment_blocked',
      );
      expect(blocked.map((row) => row.messageId)).toEqual([sent.id]);
    }
    expect((await notificationsOf(test, 'member')).some((row) => row.kind === 'attachment_blocked')).toBe(
      false,
    );
    expect(
      await recordScanResult(test.context(), upload.id, { clean: false, signature: 'Again' }),
    ).toBeNull();
    expect(
      (await notificationsOf(test, 'owner')).filter((row) => row.kind === 'attachment_blocked'),
    ).toHaveLength(1);
    const notified = (await eventsFor(test, 'owner', 0)).filter(
      (event) => event.type === 'notification.created',
    );
    expect(notified.length).toBeGreaterThan(0);
    expect(JSON.stringify(notified)).not.toContain('secret-plan');
  });

  it('tells everyone who may see it when its scan finishes after it was sent, and notifies once', async () => {
    const test = await createTestApp();
    const upload = await seedAttachment(test, { uploader: 'client', state: 'scanning' });
    const sent = (await (await send(test, 'client', [upload.id])).json()) as WireMessage;
    expect(sent.attachments?.[0]?.state).toBe('scanning');
    const after = (await test.store.eventBounds()).latestSeq;
    await recordScanResult(test.context(), upload.id, { clean: false, signature: 'Eicar-Test' });
    for (const person of ['owner', 'member', 'client'] as const) {
      const updates = (await eventsFor(test, person, after)).filter(
        (event) => event.type === 'attachment.updated',
      );
      expect(updates).toEqual([
        expect.objectContaining({
          data: {
            conversationId: CONVERSATION,
            attachment: expect.objectContaining({ id: upload.id, state: 'blocked' }),
          },
        }),
      ]);
    }
    expect(JSON.stringify(await eventsFor(test, 'client', after))).not.toContain('sha256');
    expect(
      (await notificationsOf(test, 'admin')).filter((row) => row.kind === 'attachment_blocked'),
    ).toHaveLength(1);
    const forClient = (await threadPage(test, 'client')).find((message) => message.id === sent.id);
    expect(forClient?.attachments?.[0]?.state).toBe('blocked');
  });

  it('is announced and notified once when its scan finishes between the send’s read and its write', async () => {
    const test = await createTestApp();
    const upload = await seedAttachment(test, { uploader: 'client', state: 'scanning' });
    const getAttachments = test.store.getAttachments.bind(test.store);
    // The scan's verdict lands right after the send checked the file, before it writes.
    test.store.getAttachments = async (ids) => {
      const rows = await getAttachments(ids);
      await recordScanResult(test.context(), upload.id, { clean: false, signature: 'Eicar-Test' });
      return rows;
    };
    const after = (await test.store.eventBounds()).latestSeq;
    const sent = (await (await send(test, 'client', [upload.id])).json()) as WireMessage;
    expect(sent.attachments?.[0]?.state).toBe('blocked');
    // The uploader heard of the verdict while the file was still only theirs (no conversation yet); the
    // conversation's audience hears of it once, after the send.
    const updates = async (person: PersonName) =>
      (await eventsFor(test, person, after)).flatMap((event) =>
        event.type === 'attachment.updated'
          ? [[event.data.conversationId, event.data.attachment.state] as const]
          : [],
      );
    expect(await updates('client')).toEqual([
      [null, 'blocked'],
      [CONVERSATION, 'blocked'],
    ]);
    expect(await updates('owner')).toEqual([[CONVERSATION, 'blocked']]);
    for (const person of ['owner', 'admin'] as const) {
      const blocked = (await notificationsOf(test, person)).filter(
        (row) => row.kind === 'attachment_blocked',
      );
      expect(blocked.map((row) => row.messageId)).toEqual([sent.id]);
    }
  });
});

describe('e-mails about messages with files', () => {
  const secretName = 'Plea-deal draft – Okafor v. State (CONFIDENTIAL).pdf';

  it.each<[string, PersonName, Record<string, unknown>]>([
    ['a firm reply to the client', 'owner', {}],
    ['a conversation the firm starts', 'owner', { subject: 'Draft', contactId: 'con_daniel' }],
    ['a conversation the client starts (mails to members)', 'client', { subject: 'Draft' }],
  ])('name no file in any field: %s', async (_name, person, start) => {
    const test = await createTestApp();
    await test.call('PUT', '/v1/settings/notifications', {
      as: 'owner',
      body: { clientStartedThread: 'all_members' },
    });
    const upload = await seedAttachment(test, { uploader: person, name: secretName });
    const before = (await test.store.listMail({ limit: 100 })).length;
    const body = { body: '', idempotencyKey: freshKey(), attachmentIds: [upload.id], ...start };
    const path = 'subject' in start ? '/v1/conversations' : `/v1/conversations/${CONVERSATION}/messages`;
    expect((await test.call('POST', path, { as: person, body })).status).toBe(201);
    const all = await test.store.listMail({ limit: 100 });
    const mails = all.slice(0, all.length - before);
    expect(mails.length).toBeGreaterThan(0);
    for (const mail of mails) {
      const fields = JSON.stringify(mail);
      for (const part of [secretName, 'Plea-deal', 'CONFIDENTIAL', upload.id, upload.sha256 ?? '', '.pdf']) {
        expect(fields).not.toContain(part);
      }
    }
  });
});
