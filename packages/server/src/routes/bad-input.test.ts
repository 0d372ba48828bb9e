import { REQUEST_BODY_MAX_BYTES } from '@confide/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { storeFootprint } from '../testing/footprint.js';
import { type CallOptions, createTestApp, freshKey, type TestApp } from '../testing/test-app.js';

const CONVERSATION = 'cnv_daniel_work_permit';
const MESSAGES = `/v1/conversations/${CONVERSATION}/messages`;

function chunkedBody(size: number): ReadableStream<Uint8Array> {
  const chunk = new TextEncoder().encode('x'.repeat(1024));
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= size) {
        controller.close();
        return;
      }
      controller.enqueue(chunk);
      sent += chunk.byteLength;
    },
  });
}

/** A request the server must refuse with `status` and `code`, writing nothing. */
interface Refusal {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly options: CallOptions;
  readonly status: number;
  readonly code: string;
}

const owner = (options: Omit<CallOptions, 'as'> = {}): CallOptions => ({ as: 'owner', ...options });
const invalid = (name: string, method: string, path: string, options: CallOptions): Refusal => ({
  name,
  method,
  path,
  options,
  status: 400,
  code: 'invalid_input',
});
const oversize = JSON.stringify({ body: 'x'.repeat(REQUEST_BODY_MAX_BYTES), idempotencyKey: freshKey() });

const REFUSALS: readonly Refusal[] = [
  invalid(
    'malformed JSON',
    'POST',
    MESSAGES,
    owner({ rawBody: '{"body": "x",', headers: { 'Content-Type': 'application/json' } }),
  ),
  invalid(
    'an unknown key in a send',
    'POST',
    MESSAGES,
    owner({ body: { body: 'Hi', idempotencyKey: freshKey(), author: 'mem_ana' } }),
  ),
  invalid('an unknown key in a new conversation', 'POST', '/v1/conversations', {
    as: 'client',
    body: { subject: 'S', body: 'B', idempotencyKey: freshKey(), firmId: 'firm_northgate' },
  }),
  invalid(
    'an unknown key in settings',
    'PUT',
    '/v1/settings/notifications',
    owner({ body: { clientStartedThread: 'none', extra: true } }),
  ),
  invalid('a body that is not an object', 'POST', MESSAGES, owner({ body: [] })),
  invalid('an empty body', 'POST', MESSAGES, owner({ rawBody: '' })),
  invalid(
    'a message of only whitespace',
    'POST',
    MESSAGES,
    owner({ body: { body: '   ', idempotencyKey: freshKey() } }),
  ),
  invalid(
    'a malformed idempotency key',
    'POST',
    MESSAGES,
    owner({ body: { body: 'Hi', idempotencyKey: 'bad key!' } }),
  ),
  ...(
    [
      ['no file list', {}],
      ['an empty file list', { attachmentIds: [] }],
      ['only invisible text and files', { body: '\u200b', attachmentIds: ['att_anything'] }],
      ['21 files', { attachmentIds: Array.from({ length: 21 }, (_, index) => `att_file_${index}`) }],
      ['one file twice', { attachmentIds: ['att_twice', 'att_twice'] }],
    ] as const
  ).flatMap(([name, extra]) => {
    const message = { body: '', idempotencyKey: freshKey(), ...extra };
    return [
      invalid(`an empty send with ${name}`, 'POST', MESSAGES, { as: 'client', body: message }),
      invalid(`an empty new conversation with ${name}`, 'POST', '/v1/conversations', {
        as: 'client',
        body: { ...message, subject: 'Documents' },
      }),
    ];
  }),
  ...[
    '/v1/conversations?cursor=garbage',
    '/v1/conversations?cursor=m_1',
    '/v1/conversations?limit=0',
    '/v1/conversations?limit=101',
    '/v1/conversations?limit=abc',
    '/v1/conversations?unread=yes',
    `${MESSAGES}?before=c_1`,
    `${MESSAGES}?before=m_99999999999999999999`,
    '/v1/audit?cursor=a_-1',
    '/v1/notifications?cursor=%00',
    '/v1/conversations?sort=asc',
    '/v1/conversations?limit=1&limit=2',
    '/v1/me?debug=1',
    '/v1/conversations/..%2F..%2Fetc',
    `/v1/conversations/${'x'.repeat(65)}`,
  ].map((path) => invalid(`the query or path of GET ${path}`, 'GET', path, owner())),
  invalid(
    'a malformed message id in a body',
    'POST',
    `/v1/conversations/${CONVERSATION}/read`,
    owner({ body: { upTo: 'msg daniel' } }),
  ),
  invalid(
    'an empty list of notification ids',
    'POST',
    '/v1/notifications/read',
    owner({ body: { ids: [] } }),
  ),
  {
    name: 'an oversize body with a Content-Length',
    method: 'POST',
    path: MESSAGES,
    options: owner({ rawBody: oversize, headers: { 'Content-Length': String(oversize.length) } }),
    status: 413,
    code: 'payload_too_large',
  },
  {
    name: 'a conversation that does not exist',
    method: 'GET',
    path: '/v1/conversations/cnv_missing',
    options: owner(),
    status: 404,
    code: 'not_found',
  },
  {
    name: 'reading up to a message that does not exist',
    method: 'POST',
    path: `/v1/conversations/${CONVERSATION}/read`,
    options: owner({ body: { upTo: 'msg_missing' } }),
    status: 404,
    code: 'not_found',
  },
  {
    name: 'a conversation with a contact that does not exist',
    method: 'POST',
    path: '/v1/conversations',
    options: owner({
      body: { contactId: 'con_missing', subject: 'S', body: 'B', idempotencyKey: freshKey() },
    }),
    status: 404,
    code: 'not_found',
  },
  {
    name: 'a route that does not exist',
    method: 'GET',
    path: '/v1/nothing-here',
    options: owner(),
    status: 404,
    code: 'not_found',
  },
  {
    name: 'a message to a contact whose portal is not active',
    method: 'POST',
    path: '/v1/conversations',
    options: owner({ body: { contactId: 'con_farid', subject: 'S', body: 'B', idempotencyKey: freshKey() } }),
    status: 409,
    code: 'portal_inactive',
  },
  {
    name: 'a client-side internal flag',
    method: 'POST',
    path: MESSAGES,
    options: { as: 'client', body: { body: 'Hi', idempotencyKey: freshKey(), internal: true } },
    status: 403,
    code: 'forbidden',
  },
  ...['Basic abc', 'Bearer'].map(
    (authorization): Refusal => ({
      name: `the Authorization header ${authorization}`,
      method: 'GET',
      path: '/v1/me',
      options: { headers: { Authorization: authorization } },
      status: 401,
      code: 'unauthenticated',
    }),
  ),
];

describe('bad input', () => {
  let test: TestApp;
  // One app for the table: every refusal is checked to leave the store as it was.
  beforeAll(async () => {
    test = await createTestApp();
  });

  it.each(REFUSALS)('refuses $name with $status $code', async ({ method, path, options, status, code }) => {
    const before = await storeFootprint(test.store);
    const response = await test.call(method, path, options);
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ error: { code, message: expect.any(String) } });
    expect(await storeFootprint(test.store)).toEqual(before);
  });

  it('refuses wrong types and names the field', async () => {
    const response = await test.call('POST', MESSAGES, {
      as: 'owner',
      body: { body: 42, idempotencyKey: freshKey() },
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: 'invalid_input', details: { issues: [{ path: ['body'] }] } },
    });
  });

  it('refuses an oversize body sent without Content-Length', async () => {
    const token = await test.tokenFor('owner');
    const before = await storeFootprint(test.store);
    const request = new Request(`https://api.test${MESSAGES}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: chunkedBody(REQUEST_BODY_MAX_BYTES + 4096),
      duplex: 'half',
    } as RequestInit);
    expect(request.headers.get('content-length')).toBeNull();
    const response = await test.app.fetch(request);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    expect(await storeFootprint(test.store)).toEqual(before);
  });
});
