import { createConfideClient } from '@confide/core';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../test/until.js';
import { caseDeskTransport } from './custom-transport.js';

const API = 'https://casedesk.test/api';
const staff = { type: 'staff', id: 'u_7', name: 'Ada Grant' } as const;
const thread = {
  id: 't_1',
  firmId: 'f_1',
  clientId: 'c_9',
  clientName: 'Sam Lee',
  title: 'Lease review',
  openedBy: staff,
  openedAt: '2026-11-20T09:00:00.000Z',
  updatedAt: '2026-11-20T09:00:00.000Z',
  unread: 0,
  lastPost: null,
};
const posts: unknown[] = [];

const server = setupServer(
  http.get(`${API}/session`, () =>
    HttpResponse.json({
      user: { id: 'u_7', name: 'Ada Grant', email: 'ada@casedesk.test', partner: true },
      firm: { id: 'f_1', name: 'Grant LLP' },
    }),
  ),
  http.get(`${API}/threads`, () => HttpResponse.json({ threads: [thread], more: null, totalUnread: 0 })),
  http.get(`${API}/threads/t_1`, () => HttpResponse.json(thread)),
  http.get(`${API}/threads/t_1/posts`, () => HttpResponse.json({ posts, more: null })),
  http.post(`${API}/threads/t_1/posts`, async ({ request }) => {
    const { text, key } = (await request.json()) as { text: string; key: string };
    const post = {
      id: `p_${posts.length + 1}`,
      threadId: 't_1',
      text,
      key,
      at: '2026-11-21T10:00:00.000Z',
      author: staff,
    };
    posts.push(post);
    return HttpResponse.json(post);
  }),
);

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('custom transport example', () => {
  it('lets the SDK list and send through a host backend with its own API', async () => {
    const client = createConfideClient({
      transport: caseDeskTransport({ apiUrl: API, getSessionToken: async () => 'session-1' }),
    });
    client.mount();
    await client.ready;
    const index = await until(client.conversations, (state) => state.status === 'success');
    expect(index.conversations.map((conversation) => conversation.subject)).toEqual(['Lease review']);
    const sent = await client.thread(thread.id as never).send('Draft attached.');
    expect(sent).toMatchObject({
      id: 'p_1',
      body: 'Draft attached.',
      author: { kind: 'member', name: 'Ada Grant' },
    });
    await expect(client.templates.list()).rejects.toMatchObject({ code: 'forbidden' });
    client.dispose();
  });

  it('surfaces a mapping that breaks the protocol as invalid_response', async () => {
    server.use(http.get(`${API}/threads/t_1`, () => HttpResponse.json({ ...thread, openedAt: 'yesterday' })));
    // Nothing to mount: the client's transport checks every answer from the start.
    const client = createConfideClient({
      transport: caseDeskTransport({ apiUrl: API, getSessionToken: async () => 's' }),
    });
    await expect(client.transport.getConversation(thread.id as never)).rejects.toMatchObject({
      code: 'invalid_response',
    });
  });
});
