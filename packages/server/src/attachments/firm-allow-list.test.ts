import { describe, expect, it } from 'vitest';
import { createTestApp } from '../testing/test-app.js';
import { DEFAULT_ALLOWED_MEDIA_TYPES, resolveAttachmentSettings } from './attachment-settings.js';
import { allowedTypesFor, narrowAllowList } from './firm-allow-list.js';

const SETTINGS = '/v1/settings/notifications';

describe("a firm's allow-list of file types", () => {
  it('narrows the server’s list, keeps it when left out, and goes back to the server’s with null', async () => {
    const test = await createTestApp();
    const put = (allowedMediaTypes?: unknown) =>
      test.call('PUT', SETTINGS, {
        as: 'admin',
        body: {
          clientStartedThread: 'all_members',
          ...(allowedMediaTypes === undefined ? {} : { allowedMediaTypes }),
        },
      });
    const read = async () =>
      (await (await test.call('GET', SETTINGS, { as: 'member' })).json()).allowedMediaTypes;
    expect(await read()).toBeUndefined();
    const narrowed = await put(['image/png', 'application/pdf']);
    expect(narrowed.status).toBe(200);
    expect((await narrowed.json()).allowedMediaTypes).toEqual(['application/pdf', 'image/png']);
    expect(await read()).toEqual(['application/pdf', 'image/png']);
    expect((await put()).status).toBe(200);
    expect(await read()).toEqual(['application/pdf', 'image/png']);
    expect((await put(null)).status).toBe(200);
    expect(await read()).toBeUndefined();
    expect((await put([])).status).toBe(200);
    expect(await read()).toEqual([]);
  });

  it.each([
    ['a type no server may allow', ['application/pdf', 'text/html'], ['allowedMediaTypes', 1]],
    ['SVG', ['image/svg+xml'], ['allowedMediaTypes', 0]],
    ['an executable', ['application/x-msdownload'], ['allowedMediaTypes', 0]],
    ['a type this server does not take', ['application/zip'], ['allowedMediaTypes', 0]],
    ['a malformed type', ['PDF'], ['allowedMediaTypes', 0]],
    ['a type named twice', ['image/png', 'image/png'], ['allowedMediaTypes']],
  ])('refuses %s with invalid_input and changes nothing', async (_name, types, path) => {
    const test = await createTestApp();
    const response = await test.call('PUT', SETTINGS, {
      as: 'owner',
      body: { clientStartedThread: 'none', allowedMediaTypes: types },
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: 'invalid_input', details: { issues: [{ path }] } },
    });
    const settings = await (await test.call('GET', SETTINGS, { as: 'owner' })).json();
    expect(settings).toEqual({ clientStartedThread: 'assignees_and_owner' });
  });

  it('lets only owners and admins change it', async () => {
    const test = await createTestApp();
    const body = { clientStartedThread: 'none', allowedMediaTypes: ['application/pdf'] };
    for (const person of ['member', 'client'] as const) {
      expect((await test.call('PUT', SETTINGS, { as: person, body })).status).toBe(403);
    }
    expect(await allowedTypesFor(test.store, resolveAttachmentSettings(), 'firm_rivera_cho')).toEqual(
      new Set(DEFAULT_ALLOWED_MEDIA_TYPES),
    );
  });

  it('never widens the server’s list, also when the server’s list shrank after the firm chose', () => {
    const server = resolveAttachmentSettings({ allowedMediaTypes: ['application/pdf', 'text/plain'] });
    expect(narrowAllowList(server, ['application/pdf', 'image/png', 'text/html'])).toEqual(
      new Set(['application/pdf']),
    );
    expect(narrowAllowList(server, null)).toEqual(new Set(['application/pdf', 'text/plain']));
    expect(narrowAllowList(server, undefined)).toBe(server.allowedMediaTypes);
  });
});
