import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RouteName, routeList } from '@confide/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveAttachmentSettings } from '../attachments/attachment-settings.js';
import { issueDownloadTicket, redeemDownloadTicket } from '../attachments/download-tickets.js';
import type { UploadHandler } from '../attachments/upload-handler.js';
import { signToken } from '../auth/sign-token.js';
import { createTusUploads } from '../node/uploads/tus-uploads.js';
import { seedAttachment } from '../testing/attachment-fixtures.js';
import { createTestApp, freshKey, type PersonName, TEST_SECRET, type TestApp } from '../testing/test-app.js';

type Caller = PersonName | 'noToken' | 'expiredToken' | 'wrongSignature';
const CALLERS: readonly Caller[] = [
  'owner',
  'admin',
  'member',
  'client',
  'otherClient',
  'otherFirmMember',
  'noToken',
  'expiredToken',
  'wrongSignature',
];

const CONVERSATION = 'cnv_daniel_work_permit';
const TEMPLATE = 'tpl_document_request';
const ATTACHMENT = 'att_daniel_passport';

interface Cell {
  readonly method: string;
  readonly path: string;
  readonly body?: (caller: Caller) => unknown;
  readonly headers?: Record<string, string>;
  /** Sets up what the call needs; may answer the path to call instead of `path`. */
  readonly prepare?: (test: TestApp) => Promise<string | undefined>;
  /** Expected status for signed-in callers; the three bad tokens always get 401 unless the route is public. */
  readonly status: Partial<Record<PersonName, number>>;
}

const isClient = (caller: Caller) => caller === 'client' || caller === 'otherClient';
const all = (status: number) => ({
  owner: status,
  admin: status,
  member: status,
  client: status,
  otherClient: status,
  otherFirmMember: status,
});
const ownClientOnly = (ok: number) => ({
  owner: ok,
  admin: ok,
  member: ok,
  client: ok,
  otherClient: 404,
  otherFirmMember: 404,
});
const membersOnly = (ok: number) => ({
  owner: ok,
  admin: ok,
  member: ok,
  client: 403,
  otherClient: 403,
  otherFirmMember: ok,
});
const adminsOnly = (ok: number, otherFirm = ok) => ({
  owner: ok,
  admin: ok,
  member: 403,
  client: 403,
  otherClient: 403,
  otherFirmMember: otherFirm,
});

const CELLS: Record<RouteName, Cell> = {
  health: { method: 'GET', path: '/healthz', status: all(200) },
  getMe: { method: 'GET', path: '/v1/me', status: all(200) },
  listContacts: { method: 'GET', path: '/v1/contacts', status: membersOnly(200) },
  listMembers: { method: 'GET', path: '/v1/members', status: membersOnly(200) },
  listConversations: { method: 'GET', path: '/v1/conversations', status: all(200) },
  startConversation: {
    method: 'POST',
    path: '/v1/conversations',
    body: (caller) => ({
      subject: 'Matrix',
      body: 'Matrix body',
      idempotencyKey: freshKey(),
      ...(isClient(caller) ? {} : { contactId: 'con_daniel' }),
    }),
    status: { ...all(201), otherFirmMember: 404 },
  },
  getConversation: { method: 'GET', path: `/v1/conversations/${CONVERSATION}`, status: ownClientOnly(200) },
  listMessages: {
    method: 'GET',
    path: `/v1/conversations/${CONVERSATION}/messages`,
    status: ownClientOnly(200),
  },
  sendMessage: {
    method: 'POST',
    path: `/v1/conversations/${CONVERSATION}/messages`,
    body: () => ({ body: 'Matrix reply', idempotencyKey: freshKey() }),
    status: ownClientOnly(201),
  },
  markRead: {
    method: 'POST',
    path: `/v1/conversations/${CONVERSATION}/read`,
    body: () => ({ upTo: 'msg_daniel_4' }),
    status: ownClientOnly(200),
  },
  listTemplates: { method: 'GET', path: '/v1/templates', status: membersOnly(200) },
  getTemplate: {
    method: 'GET',
    path: `/v1/templates/${TEMPLATE}`,
    status: { ...membersOnly(200), otherFirmMember: 404 },
  },
  createTemplate: {
    method: 'POST',
    path: '/v1/templates',
    body: () => ({ name: 'Matrix', subject: 'Matrix', body: 'Hello {{client.firstName}}' }),
    status: adminsOnly(201),
  },
  updateTemplate: {
    method: 'PUT',
    path: `/v1/templates/${TEMPLATE}`,
    body: () => ({ name: 'Renamed' }),
    status: adminsOnly(200, 404),
  },
  deleteTemplate: { method: 'DELETE', path: `/v1/templates/${TEMPLATE}`, status: adminsOnly(200, 404) },
  listNotifications: { method: 'GET', path: '/v1/notifications', status: membersOnly(200) },
  markNotificationsRead: {
    method: 'POST',
    path: '/v1/notifications/read',
    body: () => ({ all: true }),
    status: membersOnly(200),
  },
  getNotificationSettings: { method: 'GET', path: '/v1/settings/notifications', status: membersOnly(200) },
  updateNotificationSettings: {
    method: 'PUT',
    path: '/v1/settings/notifications',
    body: () => ({ clientStartedThread: 'none' }),
    status: adminsOnly(200),
  },
  events: { method: 'GET', path: '/v1/events', status: all(200) },
  listAudit: { method: 'GET', path: '/v1/audit', status: adminsOnly(200) },
  issueDevToken: {
    method: 'POST',
    path: '/v1/dev/token',
    body: () => ({ email: 'daniel.okafor@client.test' }),
    status: all(200),
  },
  devMail: { method: 'GET', path: '/dev/mail', status: all(200) },
  createUpload: {
    method: 'POST',
    path: '/v1/uploads',
    headers: {
      'Tus-Resumable': '1.0.0',
      'Upload-Length': '5',
      'Upload-Metadata': `filename ${btoa('a.txt')}`,
    },
    status: all(201),
  },
  getAttachment: {
    method: 'GET',
    path: `/v1/attachments/${ATTACHMENT}`,
    prepare: seedDanielsFile,
    status: ownClientOnly(200),
  },
  createDownloadTicket: {
    method: 'POST',
    path: `/v1/attachments/${ATTACHMENT}/tickets`,
    prepare: seedDanielsFile,
    status: ownClientOnly(201),
  },
  // Typing in a download URL someone else already used gets nothing, whoever you are.
  downloadAttachment: {
    method: 'GET',
    path: '/v1/downloads/:ticket',
    prepare: async (test) => {
      await seedDanielsFile(test);
      const issued = await issueDownloadTicket(test.context(), await test.viewer('client'), ATTACHMENT, {
        ttlMs: 60_000,
        purpose: 'download',
      });
      await redeemDownloadTicket(test.context(), issued.ticket);
      return issued.url;
    },
    status: all(410),
  },
};

async function seedDanielsFile(test: TestApp): Promise<undefined> {
  await seedAttachment(test, {
    id: ATTACHMENT,
    uploader: 'client',
    sentIn: CONVERSATION,
  });
  return undefined;
}

let uploads: UploadHandler | undefined;
beforeAll(async () => {
  const directory = await mkdtemp(join(tmpdir(), 'confide-matrix-'));
  uploads = (
    await createTusUploads({
      stagingDirectory: directory,
      blobStore: (await createTestApp()).blobStore,
      settings: resolveAttachmentSettings(),
    })
  ).handler;
});

/** Text that must never reach a caller outside Daniel's conversation or outside Rivera & Cho. */
const FOREIGN_MARKERS: Partial<Record<Caller, RegExp>> = {
  client: /msg_daniel_3|Internal:|con_elena|Petrova/,
  otherClient: /cnv_daniel|con_daniel|Okafor|msg_daniel/,
  otherFirmMember: /firm_rivera_cho|rivera-cho|cnv_daniel|Okafor|Rivera/,
};

async function tokenFor(test: TestApp, caller: Caller): Promise<string | undefined> {
  if (caller === 'noToken') return undefined;
  if (caller === 'expiredToken') return test.tokenFor('owner', -3600);
  if (caller === 'wrongSignature') {
    return signToken(
      { sub: 'mem_ana', role: 'member', firm: 'firm_rivera_cho' },
      { secret: `${TEST_SECRET}-forged`, now: test.clock.now() },
    );
  }
  return test.tokenFor(caller);
}

describe('authorisation matrix', () => {
  it('covers every route of the protocol', () => {
    expect(Object.keys(CELLS).sort()).toEqual(routeList.map((route) => route.name).sort());
  });

  for (const route of routeList) {
    const cell = CELLS[route.name];
    for (const caller of CALLERS) {
      const signedIn = caller in cell.status;
      const publicRoute = route.access === 'public' || route.access === 'dev';
      const expected = signedIn ? cell.status[caller as PersonName] : publicRoute ? cell.status.owner : 401;
      it(`answers ${route.method} ${route.path} for ${caller} with ${expected}`, async () => {
        const test = await createTestApp({ attachments: { uploads } });
        const path = (await cell.prepare?.(test)) ?? cell.path;
        const token = await tokenFor(test, caller);
        const body = cell.body?.(caller);
        const response = await test.call(cell.method, path, {
          ...(token ? { token } : {}),
          ...(body === undefined ? {} : { body }),
          ...(cell.headers ? { headers: cell.headers } : {}),
        });
        expect(response.status).toBe(expected);
        if (route.kind === 'sse' && response.ok) {
          expect(response.headers.get('content-type')).toContain('text/event-stream');
          await response.body?.cancel();
          return;
        }
        const text = await response.text();
        if (!response.ok) expect(JSON.parse(text)).toMatchObject({ error: { code: expect.any(String) } });
        if (expected === 401) expect(JSON.parse(text).error.code).toBe('unauthenticated');
        const marker = FOREIGN_MARKERS[caller];
        if (marker && !publicRoute) expect(text).not.toMatch(marker);
      });
    }
  }
});

/** Attaching a file, and seeing the file of an internal note: the rows every caller adds to the matrix. */
describe('authorisation matrix for files sent with messages', () => {
  const sendDanielsUpload: Partial<Record<PersonName, number>> = {
    owner: 404,
    admin: 404,
    member: 404,
    client: 201,
    otherClient: 404,
    otherFirmMember: 404,
  };
  for (const caller of CALLERS) {
    const expected = sendDanielsUpload[caller as PersonName] ?? 401;
    it(`answers sending Daniel's upload in his conversation for ${caller} with ${expected}`, async () => {
      const test = await createTestApp();
      const upload = await seedAttachment(test, { uploader: 'client' });
      const token = await tokenFor(test, caller);
      const response = await test.call('POST', `/v1/conversations/${CONVERSATION}/messages`, {
        ...(token ? { token } : {}),
        body: { body: '', idempotencyKey: freshKey(), attachmentIds: [upload.id] },
      });
      expect(response.status).toBe(expected);
      const attachedTo = (await test.store.getAttachment(upload.id))?.messageId ?? null;
      expect(attachedTo === null).toBe(expected !== 201);
    });
  }

  const seesNoteFile: Partial<Record<PersonName, 'file' | 'no file' | 404>> = {
    owner: 'file',
    admin: 'file',
    member: 'file',
    client: 'no file',
    otherClient: 404,
    otherFirmMember: 404,
  };
  for (const caller of CALLERS) {
    const expected = seesNoteFile[caller as PersonName] ?? 401;
    it(`shows the file of an internal note on the thread page to ${caller}: ${expected}`, async () => {
      const test = await createTestApp();
      const upload = await seedAttachment(test, { uploader: 'member', name: 'privileged-memo.pdf' });
      const sent = await test.call('POST', `/v1/conversations/${CONVERSATION}/messages`, {
        as: 'member',
        body: {
          body: 'For the team',
          idempotencyKey: freshKey(),
          internal: true,
          attachmentIds: [upload.id],
        },
      });
      expect(sent.status).toBe(201);
      const token = await tokenFor(test, caller);
      const page = await test.call(
        'GET',
        `/v1/conversations/${CONVERSATION}/messages`,
        token ? { token } : {},
      );
      const text = await page.text();
      expect(page.status).toBe(typeof expected === 'number' ? expected : 200);
      expect(text.includes(upload.id)).toBe(expected === 'file');
      expect(text.includes('privileged-memo')).toBe(expected === 'file');
      const file = await test.call('GET', `/v1/attachments/${upload.id}`, token ? { token } : {});
      expect(file.status).toBe(expected === 'file' ? 200 : typeof expected === 'number' ? expected : 404);
    });
  }
});
