import type { RouteName } from '@confide/protocol';
import { freshKey } from './test-app.js';

/** The file the hostile-text contract puts in Daniel's conversation (an upload of his, sent in a message of his). */
export const EXAMPLE_ATTACHMENT_ID = 'att_hostile_text_example';

/**
 * Finished uploads of the owner's that the examples send (a message with files only, an empty body): the
 * hostile-text contract seeds them, and each is sent once, by the example that accepts the bodies.
 */
export const EXAMPLE_UPLOAD_IDS = {
  sendMessage: 'att_example_send_upload',
  startConversation: 'att_example_start_upload',
} as const;

/**
 * Valid path parameters and bodies of the demo dataset, for the owner; bodies are made fresh for each use.
 * `status` is what the example answers when it passes the schemas only (a download ticket works once and is made
 * at run time, so the example is well-formed but unknown).
 */
export const ROUTE_EXAMPLES: Partial<
  Record<
    RouteName,
    {
      readonly params?: Record<string, string>;
      readonly bodies?: () => unknown[];
      readonly status?: number;
    }
  >
> = {
  startConversation: {
    bodies: () => [
      {
        contactId: 'con_daniel',
        subject: 'Passport copy',
        body: 'Please upload a copy of your passport.',
        idempotencyKey: freshKey(),
        matter: { id: 'M-2026-001', label: 'Work permit' },
        senderId: 'mem_ana',
      },
      {
        contactId: 'con_daniel',
        subject: 'Your documents',
        body: '',
        idempotencyKey: freshKey(),
        attachmentIds: [EXAMPLE_UPLOAD_IDS.startConversation],
      },
    ],
  },
  getConversation: { params: { id: 'cnv_daniel_work_permit' } },
  listMessages: { params: { id: 'cnv_daniel_work_permit' } },
  sendMessage: {
    params: { id: 'cnv_daniel_work_permit' },
    bodies: () => [
      { body: 'Thank you, received.', idempotencyKey: freshKey(), internal: false, senderId: 'mem_ana' },
      { body: '', idempotencyKey: freshKey(), attachmentIds: [EXAMPLE_UPLOAD_IDS.sendMessage] },
    ],
  },
  markRead: { params: { id: 'cnv_daniel_work_permit' }, bodies: () => [{ upTo: 'msg_daniel_4' }] },
  getTemplate: { params: { id: 'tpl_appointment_reminder' } },
  createTemplate: {
    bodies: () => [{ name: 'Welcome', subject: 'Welcome', body: 'Hello {{client.firstName}},' }],
  },
  updateTemplate: {
    params: { id: 'tpl_document_request' },
    bodies: () => [{ name: 'Documents', subject: 'Documents we need', body: 'Please send them.' }],
  },
  deleteTemplate: { params: { id: 'tpl_case_status_update' } },
  markNotificationsRead: { bodies: () => [{ ids: ['ntf_missing_one'] }, { all: true }] },
  updateNotificationSettings: {
    bodies: () => [
      { clientStartedThread: 'all_members' },
      { clientStartedThread: 'all_members', allowedMediaTypes: ['application/pdf', 'image/png'] },
      { clientStartedThread: 'all_members', allowedMediaTypes: null },
    ],
  },
  getAttachment: { params: { id: EXAMPLE_ATTACHMENT_ID } },
  createDownloadTicket: { params: { id: EXAMPLE_ATTACHMENT_ID } },
  downloadAttachment: { params: { ticket: 'unknownticket_0123456789abcdef0123' }, status: 410 },
  issueDevToken: { bodies: () => [{ email: 'ana.rivera@rivera-cho.test' }] },
};

/** A valid value for each query parameter of the table; cursors are opaque, so theirs only pass the schema. */
export const QUERY_EXAMPLES: Record<string, string> = {
  query: 'permit',
  matterId: 'M-2026-001',
  limit: '5',
  unread: 'true',
  cursor: 'abc',
  before: 'abc',
  // The example file is text, which has no preview.
  purpose: 'download',
};
/** Query parameters whose example is not a real cursor: it passes the schema only. */
export const OPAQUE_CURSOR_KEYS = new Set(['cursor', 'before']);

/**
 * The percent-encoding of text for a URL. A URL cannot carry a lone surrogate as text, so one goes as the three
 * bytes it would have in UTF-8 if surrogates were allowed (what a careless client's encoder writes).
 */
export function percentEncode(text: string): string {
  let encoded = '';
  for (const character of text) {
    const code = character.charCodeAt(0);
    encoded +=
      character.length === 1 && code >= 0xd800 && code <= 0xdfff
        ? [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
            .map((byte) => `%${byte.toString(16).toUpperCase()}`)
            .join('')
        : encodeURIComponent(character);
  }
  return encoded;
}
