import { describe, expect, it } from 'vitest';
import { createMockServer } from './create-mock-server.js';
import { DEMO_IDS } from './fixtures/people.js';

const mock = createMockServer({ baseUrl: 'https://host.confide.test/services/confide' });

async function get(path: string, person = 'ben', init: RequestInit = {}) {
  const { baseUrl, fetch, getToken } = mock.as(person);
  return fetch(`${baseUrl}${path}`, { ...init, headers: { authorization: `Bearer ${await getToken()}` } });
}

describe('mock.fetch', () => {
  it('answers with the real rules below the base path, without MSW', async () => {
    const response = await get('/v1/me', 'carla');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ role: 'member', id: DEMO_IDS.carla });
  });

  it('signs in by first name or by e-mail address', async () => {
    const byAddress = await get('/v1/me', 'daniel.okafor@client.test');
    expect(await byAddress.json()).toMatchObject({ role: 'client', id: DEMO_IDS.daniel });
  });

  it('rejects like a network failure outside the base URL and while offline', async () => {
    await expect(mock.fetch('https://elsewhere.test/v1/me')).rejects.toBeInstanceOf(TypeError);
    mock.setScenario({ offline: true });
    await expect(get('/v1/me')).rejects.toBeInstanceOf(TypeError);
    mock.setScenario({});
  });

  it('answers a failing route with the protocol envelope and status', async () => {
    mock.setScenario({ failures: { getMe: { code: 'forbidden' } } });
    const response = await get('/v1/me');
    mock.setScenario({});
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: 'forbidden' } });
  });

  it('serves tus uploads from memory with a Location that resolves under the base path', async () => {
    const { baseUrl, fetch, getToken } = mock.as('daniel');
    const created = await fetch(`${baseUrl}/v1/uploads`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await getToken()}`,
        'tus-resumable': '1.0.0',
        'upload-length': '5',
        'upload-metadata': `filename ${btoa('note.txt')}`,
      },
    });
    expect(created.status).toBe(201);
    const location = new URL(created.headers.get('location') ?? '', `${baseUrl}/v1/uploads`);
    expect(location.pathname).toMatch(/^\/services\/confide\/v1\/uploads\/att_/);
    const resumed = await fetch(location, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${await getToken()}`, 'tus-resumable': '1.0.0' },
    });
    expect(resumed.headers.get('upload-offset')).toBe('0');
  });

  it('ends an event stream when the caller aborts', async () => {
    const controller = new AbortController();
    const response = await get('/v1/events', 'ben', { signal: controller.signal });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body!.getReader();
    const pending = reader.read();
    controller.abort();
    await expect(pending).rejects.toBeDefined();
  });
});
