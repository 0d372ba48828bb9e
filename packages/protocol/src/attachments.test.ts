import { describe, expect, it } from 'vitest';
import {
  ATTACHMENTS_PER_MESSAGE_MAX,
  AttachmentIdsSchema,
  AttachmentNameSchema,
  AttachmentSchema,
} from './attachments.js';
import { MessageSchema } from './entities.js';
import { ERROR_CODES, ERROR_STATUS } from './errors.js';
import * as fixtures from './test/fixtures.js';

describe('AttachmentNameSchema', () => {
  it.each([
    ['passport.pdf'],
    ['Pay slip "March".pdf'],
    ["O'Brien's form.docx"],
    ['رسالة.pdf'],
    ['\u202Efdp.exe'],
    ['Übersetzung – Zeugnis.jpg'],
    ['a'.repeat(255)],
  ])('accepts %j', (name) => {
    expect(AttachmentNameSchema.safeParse(name).success).toBe(true);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'only whitespace'],
    ['\u200B', 'only invisible characters'],
    ['a\r\nSet-Cookie: x=1', 'a line break'],
    ['a\nb.pdf', 'a line feed'],
    ['nul\u0000.pdf', 'NUL'],
    ['../../etc/passwd', 'a path separator'],
    ['C:\\temp\\x.pdf', 'a backslash'],
    ['a'.repeat(256), 'more than 255 code units'],
  ])('refuses %j (%s)', (name) => {
    expect(AttachmentNameSchema.safeParse(name).success).toBe(false);
  });
});

describe('AttachmentIdsSchema', () => {
  it('accepts up to the per-message limit and refuses one more', () => {
    const ids = Array.from({ length: ATTACHMENTS_PER_MESSAGE_MAX + 1 }, (_, index) => `att_${index}`);
    expect(AttachmentIdsSchema.safeParse(ids.slice(0, ATTACHMENTS_PER_MESSAGE_MAX)).success).toBe(true);
    expect(AttachmentIdsSchema.safeParse(ids).success).toBe(false);
  });

  it('refuses the same file twice', () => {
    expect(AttachmentIdsSchema.safeParse(['att_1', 'att_1']).success).toBe(false);
  });
});

describe('Message attachments', () => {
  const message = {
    id: 'msg_1',
    conversationId: 'cnv_1',
    author: { kind: 'client', id: 'con_1', name: 'Daniel Okafor' },
    body: 'Here it is',
    createdAt: '2026-11-30T09:00:00.000Z',
    internal: false,
    idempotencyKey: 'key-000001',
  };
  const { attachment } = fixtures;

  it('keeps a message without attachments valid, as old servers send it', () => {
    expect(MessageSchema.safeParse(message).success).toBe(true);
  });

  it('carries attachments as the viewer may see them', () => {
    const parsed = MessageSchema.parse({ ...message, attachments: [attachment] });
    expect(parsed.attachments?.[0]?.name).toBe('passport.pdf');
  });

  it('refuses a SHA-256 that is not 64 lowercase hex digits', () => {
    expect(AttachmentSchema.safeParse({ ...attachment, sha256: 'ABC' }).success).toBe(false);
    expect(AttachmentSchema.safeParse({ ...attachment, sha256: 'a'.repeat(64) }).success).toBe(true);
  });
});

describe('ERROR_STATUS', () => {
  it('lists the generic code last among codes that share a status', () => {
    const generic = new Set(['invalid_input', 'unauthenticated', 'forbidden', 'not_found', 'conflict']);
    const lastCodeByStatus = new Map<number, string>();
    for (const [code, status] of Object.entries(ERROR_STATUS)) lastCodeByStatus.set(status, code);
    for (const [status, code] of lastCodeByStatus) {
      const sharing = ERROR_CODES.filter((candidate) => ERROR_STATUS[candidate] === status);
      const genericOnes = sharing.filter((candidate) => generic.has(candidate));
      if (genericOnes.length > 0) expect(code, `status ${status}`).toBe(genericOnes[0]);
    }
  });
});
