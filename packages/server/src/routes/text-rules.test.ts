import { BODY_MAX_LENGTH, SUBJECT_MAX_LENGTH, TEMPLATE_NAME_MAX_LENGTH } from '@confide/protocol';
import { describe, expect, it } from 'vitest';
import { storeFootprint } from '../testing/footprint.js';
import { createTestApp, freshKey, type PersonName, type TestApp } from '../testing/test-app.js';

const CONVERSATION = 'cnv_daniel_work_permit';
const MESSAGES = `/v1/conversations/${CONVERSATION}/messages`;

interface Attempt {
  readonly as: PersonName;
  readonly method: string;
  readonly path: string;
  readonly body: Record<string, unknown>;
}

const startConversation = (fields: Record<string, unknown>): Attempt => ({
  as: 'owner',
  method: 'POST',
  path: '/v1/conversations',
  body: {
    contactId: 'con_daniel',
    subject: 'Passport',
    body: 'Please send it.',
    idempotencyKey: freshKey(),
    ...fields,
  },
});
const clientReply = (body: string): Attempt => ({
  as: 'client',
  method: 'POST',
  path: MESSAGES,
  body: { body, idempotencyKey: freshKey() },
});
const createTemplate = (fields: Record<string, unknown>): Attempt => ({
  as: 'owner',
  method: 'POST',
  path: '/v1/templates',
  body: { name: 'Welcome', subject: 'Welcome', body: 'Hello', ...fields },
});

async function attempt(test: TestApp, { as, method, path, body }: Attempt) {
  return test.call(method, path, { as, body });
}

describe('what a character is, over HTTP', () => {
  it.each([
    ['a subject of 101 × 👍 (202 UTF-16 units)', () => startConversation({ subject: '👍'.repeat(101) })],
    ['a subject of 200 flags', () => startConversation({ subject: '🇫🇷'.repeat(SUBJECT_MAX_LENGTH) })],
    [
      'a subject of 200 Hangul jamo syllables',
      () => startConversation({ subject: '\u1100\u1161\u11a8'.repeat(200) }),
    ],
    ['a body of 20,000 ZWJ families', () => clientReply('👨‍👩‍👧‍👦'.repeat(BODY_MAX_LENGTH))],
    ['a body of 20,000 × 👍🏽', () => clientReply('👍🏽'.repeat(BODY_MAX_LENGTH))],
    ['a body of 20,000 Devanagari clusters', () => clientReply('क्षि'.repeat(BODY_MAX_LENGTH))],
    [
      'a body of 20,000 CRLF-separated letters',
      () => clientReply(`a${'\r\na'.repeat(BODY_MAX_LENGTH / 2 - 1)}`),
    ],
    [
      'a template name of 100 × e + combining marks',
      () => createTemplate({ name: 'e\u0301\u0323'.repeat(100) }),
    ],
    [
      'a matter label of 200 × 👍',
      () => startConversation({ matter: { id: 'M-1', label: '👍'.repeat(200) } }),
    ],
  ])('accepts %s', async (_case, build) => {
    const test = await createTestApp();
    const response = await attempt(test, build());
    expect(response.status).toBe(201);
  });

  it.each([
    [
      'a subject of 201 × 👍',
      () => startConversation({ subject: '👍'.repeat(SUBJECT_MAX_LENGTH + 1) }),
      'subject',
    ],
    ['a body of 20,001 × "a"', () => clientReply('a'.repeat(BODY_MAX_LENGTH + 1)), 'body'],
    ['a body of 20,001 × 👍', () => clientReply('👍'.repeat(BODY_MAX_LENGTH + 1)), 'body'],
    [
      'a body of 10,001 × 👍 and 10,000 × "a"',
      () => clientReply('👍'.repeat(10_001) + 'a'.repeat(10_000)),
      'body',
    ],
    [
      'a template name of 101 flags',
      () => createTemplate({ name: '🇯🇵'.repeat(TEMPLATE_NAME_MAX_LENGTH + 1) }),
      'name',
    ],
    [
      'a matter label of 201 Hebrew letters',
      () => startConversation({ matter: { id: 'M-1', label: 'ש'.repeat(201) } }),
      'matter.label',
    ],
  ])('refuses %s with invalid_input at the field, storing nothing', async (_case, build, field) => {
    const test = await createTestApp();
    const before = await storeFootprint(test.store);
    const response = await attempt(test, build());
    expect(response.status).toBe(400);
    const envelope = (await response.json()) as {
      error: { code: string; details: { issues: { path: unknown[] }[] } };
    };
    expect(envelope.error.code).toBe('invalid_input');
    expect(envelope.error.details.issues.map((issue) => issue.path.join('.'))).toContain(field);
    expect(await storeFootprint(test.store)).toEqual(before);
  });
});

const INVISIBLE = [
  '\u200b',
  '\u200b\u200c\u200d\u2060\ufeff',
  '\u2800\u2800',
  '\u3164',
  '\u115f\u1160',
  '\u00ad',
  '\u202e\u2066\u2069',
  '\ufe0f',
  '\u{e0041}\u{e007f}',
  '\u00a0\u3000',
  '\u0085',
  ' \u200b \n\t',
];

describe('text with nothing visible, over HTTP', () => {
  it.each(INVISIBLE)(
    'refuses a client reply of %j: nothing is stored, no one is notified or mailed',
    async (text) => {
      const test = await createTestApp();
      const before = await storeFootprint(test.store);
      const response = await attempt(test, clientReply(text));
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'invalid_input' } });
      expect(await storeFootprint(test.store)).toEqual(before);
    },
  );

  it.each([
    ['subject', (text: string) => startConversation({ subject: text })],
    ['body', (text: string) => startConversation({ body: text })],
    ['matter.id', (text: string) => startConversation({ matter: { id: text, label: 'Work permit' } })],
    ['matter.label', (text: string) => startConversation({ matter: { id: 'M-1', label: text } })],
    ['name', (text: string) => createTemplate({ name: text })],
  ])('refuses a %s with nothing visible', async (field, build) => {
    const test = await createTestApp();
    const before = await storeFootprint(test.store);
    for (const text of INVISIBLE) {
      const response = await attempt(test, build(text));
      expect(response.status, JSON.stringify(text)).toBe(400);
      const envelope = (await response.json()) as { error: { details: { issues: { path: unknown[] }[] } } };
      expect(envelope.error.details.issues.map((issue) => issue.path.join('.'))).toContain(field);
    }
    expect(await storeFootprint(test.store)).toEqual(before);
  });
});
