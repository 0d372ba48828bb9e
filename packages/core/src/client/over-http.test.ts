import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until, untilState } from '../test/until.js';
import { messageJson, viewerJson } from '../test/wire-fixtures.js';
import { httpTransport } from '../transport/http-transport.js';
import { createConfideClient } from './create-confide-client.js';

const BASE = 'https://confide.test';
const summaryJson = {
  id: 'cnv_01',
  firmId: 'firm_rivera_cho',
  contact: { id: 'con_daniel', name: 'Daniel Okafor' },
  subject: 'Documents for your visa application',
  matter: null,
  startedBy: { kind: 'member', id: 'mem_ben', name: 'Ben Cho' },
  createdAt: '2026-11-20T09:15:00.000Z',
  lastActivityAt: '2026-11-20T09:15:00.000Z',
  clientRead: null,
  lastMessage: null,
  unreadCount: 0,
};
const encoder = new TextEncoder();
let pushEvent: (frame: string) => void = () => {};

const server = setupServer(
  http.get(`${BASE}/v1/me`, () => HttpResponse.json(viewerJson)),
  http.get(`${BASE}/v1/conversations`, () =>
    HttpResponse.json({ items: [summaryJson], nextCursor: null, unreadTotal: 0 }),
  ),
  http.get(`${BASE}/v1/events`, () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(': connected\n\n'));
        pushEvent = (frame) => controller.enqueue(encoder.encode(frame));
      },
    });
    return new HttpResponse(body, { headers: { 'content-type': 'text/event-stream' } });
  }),
);

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterAll(() => server.close());

describe('a client over HTTP', () => {
  it('loads the index from the server and applies a live reply from the event stream', async () => {
    const client = createConfideClient({
      transport: httpTransport({ baseUrl: BASE, getToken: () => 'token' }),
    });
    client.mount();
    await client.ready;
    await until(client.conversations, (state) => state.conversations.length === 1);
    await untilState(client.stores.connection, (state) => state.status === 'open');

    const reply = {
      ...messageJson,
      id: 'msg_03',
      conversationId: 'cnv_01',
      author: { kind: 'client', id: 'con_daniel', name: 'Daniel Okafor' },
      body: 'Uploaded',
      idempotencyKey: 'idk_client_0001',
    };
    pushEvent(
      `id: 7\nevent: message.created\ndata: ${JSON.stringify({ id: '7', type: 'message.created', data: { message: reply } })}\n\n`,
    );
    const updated = await until(client.conversations, (state) => state.unreadTotal === 1);
    expect(updated.conversations[0]).toMatchObject({ unreadCount: 1, lastMessage: { text: 'Uploaded' } });
    client.dispose();
  });
});
