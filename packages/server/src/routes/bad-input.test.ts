import { REQUEST_BODY_MAX_BYTES } from '@confide/protocol';
import { describe, expect, it } from 'vitest';
import { storeFootprint } from '../testing/footprint.js';
import { type CallOptions, createTestApp, freshKey, type TestApp } from '../testing/test-app.js';

const CONVERSATION = 'cnv_daniel_work_permit';
const MESSAGES = `/v1/conversations/${CONVERSATION}/messages`;

async function expectRefused(
  test: TestApp,
  method: string,
  path: string,
  options: CallOptions,
  status: number,
  code: string,
) {
  const before = await storeFootprint(test.store);
  const response = await test.call(method, path, options);
  expect(response.status).toBe(status);
  expect(await response.json()).toMatchObject({ error: { code, message: expect.any(String) } });
  expect(await storeFootprint(test.store)).toEqual(before);
}

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

describe('bad input', () => {
  it('refuses malformed JSON with invalid_input', async () => {
    const test = await createTestApp();
    await expectRefused(
      test,
      'POST',
      MESSAGES,
      { as: 'owner', rawBody: '{"body": "x",', headers: { 'Content-Type': 'application/json' } },
      400,
      'invalid_input',
    );
  });

  it('refuses wrong types and names the field', async () => {
    const test = await createTestApp();
    const response = await test.call('POST', MESSAGES, {
      as: 'owner',
      body: { body: 42, idempotencyKey: freshKey() },
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: 'invalid_input', details: { issues: [{ path: ['body'] }] } },
    });
  });

  it('refuses unknown keys', async () => {
    const test = await createTestApp();
    await expectRefused(
      test,
      'POST',
      MESSAGES,
      { as: 'owner', body: { body: 'Hi', idempotencyKey: freshKey(), author: 'mem_ana' } },
      400,
      'invalid_input',
    );
    await expectRefused(
      test,
      'POST',
      '/v1/conversations',
      {
        as: 'client',
        body: { subject: 'S', body: 'B', idempotencyKey: freshKey(), firmId: 'firm_northgate' },
      },
      400,
      'invalid_input',
    );
    await expectRefused(
      test,
      'PUT',
      '/v1/settings/notifications',
      { as: 'owner', body: { clientStartedThread: 'none', extra: true } },
      400,
      'invalid_input',
    );
  });

  it('refuses bodies that are not objects, empty or only whitespace', async () => {
    const test = await createTestApp();
    await expectRefused(test, 'POST', MESSAGES, { as: 'owner', body: [] }, 400, 'invalid_input');
    await expectRefused(test, 'POST', MESSAGES, { as: 'owner', rawBody: '' }, 400, 'invalid_input');
    await expectRefused(
      test,
      'POST',
      MESSAGES,
      { as: 'owner', body: { body: '   ', idempotencyKey: freshKey() } },
      400,
      'invalid_input',
    );
    await expectRefused(
      test,
      'POST',
      MESSAGES,
      { as: 'owner', body: { body: 'Hi', idempotencyKey: 'bad key!' } },
      400,
      'invalid_input',
    );
  });

  it.each([
    ['no file list', {}],
    ['an empty file list', { attachmentIds: [] }],
    ['only invisible text and files', { body: '\u200b', attachmentIds: ['att_anything'] }],
    ['21 files', { attachmentIds: Array.from({ length: 21 }, (_, index) => `att_file_${index}`) }],
    ['one file twice', { attachmentIds: ['att_twice', 'att_twice'] }],
  ])('refuses an empty message with %s, on sends and new conversations', async (_name, extra) => {
    const test = await createTestApp();
    const message = { body: '', idempotencyKey: freshKey(), ...extra };
    await expectRefused(test, 'POST', MESSAGES, { as: 'client', body: message }, 400, 'invalid_input');
    const start = { ...message, subject: 'Documents' };
    await expectRefused(
      test,
      'POST',
      '/v1/conversations',
      { as: 'client', body: start },
      400,
      'invalid_input',
    );
  });

  it('refuses an oversize body with a Content-Length', async () => {
    const test = await createTestApp();
    const body = JSON.stringify({ body: 'x'.repeat(REQUEST_BODY_MAX_BYTES), idempotencyKey: freshKey() });
    await expectRefused(
      test,
      'POST',
      MESSAGES,
      { as: 'owner', rawBody: body, headers: { 'Content-Length': String(body.length) } },
      413,
      'payload_too_large',
    );
  });

  it('refuses an oversize body sent without Content-Length', async () => {
    const test = await createTestApp();
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

  it('refuses bad cursors, limits and flags in queries', async () => {
    const test = await createTestApp();
    for (const path of [
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
    ]) {
      await expectRefused(test, 'GET', path, { as: 'owner' }, 400, 'invalid_input');
    }
  });

  it('refuses unknown and repeated query parameters', async () => {
    const test = await createTestApp();
    await expectRefused(test, 'GET', '/v1/conversations?sort=asc', { as: 'owner' }, 400, 'invalid_input');
    await expectRefused(
      test,
      'GET',
      '/v1/conversations?limit=1&limit=2',
      { as: 'owner' },
      400,
      'invalid_input',
    );
    await expectRefused(test, 'GET', '/v1/me?debug=1', { as: 'owner' }, 400, 'invalid_input');
  });

  it('refuses malformed ids in paths and bodies', async () => {
    const test = await createTestApp();
    await expectRefused(
      test,
      'GET',
      '/v1/conversations/..%2F..%2Fetc',
      { as: 'owner' },
      400,
      'invalid_input',
    );
    await expectRefused(
      test,
      'GET',
      `/v1/conversations/${'x'.repeat(65)}`,
      { as: 'owner' },
      400,
      'invalid_input',
    );
    await expectRefused(
      test,
      'POST',
      `/v1/conversations/${CONVERSATION}/read`,
      { as: 'owner', body: { upTo: 'msg daniel' } },
      400,
      'invalid_input',
    );
    await expectRefused(
      test,
      'POST',
      '/v1/notifications/read',
      { as: 'owner', body: { ids: [] } },
      400,
      'invalid_input',
    );
  });

  it('answers not_found for ids that do not exist', async () => {
    const test = await createTestApp();
    await expectRefused(test, 'GET', '/v1/conversations/cnv_missing', { as: 'owner' }, 404, 'not_found');
    await expectRefused(
      test,
      'POST',
      `/v1/conversations/${CONVERSATION}/read`,
      { as: 'owner', body: { upTo: 'msg_missing' } },
      404,
      'not_found',
    );
    await expectRefused(
      test,
      'POST',
      '/v1/conversations',
      {
        as: 'owner',
        body: { contactId: 'con_missing', subject: 'S', body: 'B', idempotencyKey: freshKey() },
      },
      404,
      'not_found',
    );
    await expectRefused(test, 'GET', '/v1/nothing-here', { as: 'owner' }, 404, 'not_found');
  });

  it('refuses messages to a contact whose portal is not active with 409 portal_inactive', async () => {
    const test = await createTestApp();
    await expectRefused(
      test,
      'POST',
      '/v1/conversations',
      { as: 'owner', body: { contactId: 'con_farid', subject: 'S', body: 'B', idempotencyKey: freshKey() } },
      409,
      'portal_inactive',
    );
  });

  it('refuses a client-side internal flag with 403', async () => {
    const test = await createTestApp();
    await expectRefused(
      test,
      'POST',
      MESSAGES,
      { as: 'client', body: { body: 'Hi', idempotencyKey: freshKey(), internal: true } },
      403,
      'forbidden',
    );
  });

  it('refuses a malformed Authorization header with 401', async () => {
    const test = await createTestApp();
    await expectRefused(
      test,
      'GET',
      '/v1/me',
      { headers: { Authorization: 'Basic abc' } },
      401,
      'unauthenticated',
    );
    await expectRefused(
      test,
      'GET',
      '/v1/me',
      { headers: { Authorization: 'Bearer' } },
      401,
      'unauthenticated',
    );
  });
});
