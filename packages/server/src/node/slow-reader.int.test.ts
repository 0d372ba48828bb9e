import { once } from 'node:events';
import type { Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { BODY_MAX_LENGTH } from '@confide/protocol';
import { createAdaptorServer } from '@hono/node-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, freshKey } from '../testing/test-app.js';
import { destroyConnection } from './destroy-connection.js';
import { closeAll } from './listen.js';

const MAX_BACKLOG_FRAMES = 20;
/** Sends before giving up: at ~20 kB a frame, far more than loopback's socket buffers hold. */
const MAX_SENDS = 2_000;

const opened: Server[] = [];
afterEach(async () => {
  await closeAll(opened.splice(0));
});

describe('an event stream over a socket whose reader stopped reading', () => {
  it('is cut off once its backlog passes the limit, and its connection reset', {
    timeout: 60_000,
  }, async () => {
    const { app, call, tokenFor, eventHub } = await createTestApp(
      {
        heartbeatIntervalMs: 600_000,
        closeConnection: destroyConnection,
        rateLimits: { sends: { limit: MAX_SENDS, windowMs: 60_000 } },
      },
      { eventHubLimits: { maxBacklogFrames: MAX_BACKLOG_FRAMES } },
    );
    const server = createAdaptorServer({ fetch: app.fetch }) as Server;
    opened.push(server);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('No port');
    const serverSide = once(server, 'connection') as Promise<[Socket]>;
    const socket = connect(address.port, '127.0.0.1');
    const [serverSocket] = await serverSide;
    const serverSocketClosed = once(serverSocket, 'close');
    // Only the body's chunks that were already in the client's buffers arrive: never the chunked body's end.
    const received: Buffer[] = [];
    socket.on('error', () => undefined);
    const closed = once(socket, 'close');
    socket.write(
      `GET /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${await tokenFor('owner')}\r\n\r\n`,
    );
    const [head] = (await once(socket, 'data')) as [Buffer];
    expect(head.toString('latin1')).toMatch(/^HTTP\/1\.1 200/);
    // A phone in a tunnel: nothing more is read, so the kernel's buffers fill and then the server's writes wait.
    socket.pause();
    const body = 'x'.repeat(BODY_MAX_LENGTH);
    let sends = 0;
    while (eventHub.stats().lagged === 0 && sends < MAX_SENDS) {
      const response = await call('POST', '/v1/conversations/cnv_daniel_work_permit/messages', {
        as: 'admin',
        body: { body, idempotencyKey: freshKey() },
      });
      expect(response.status).toBe(201);
      sends += 1;
      expect(eventHub.stats().queuedFrames).toBeLessThanOrEqual(MAX_BACKLOG_FRAMES);
    }
    expect(eventHub.stats()).toMatchObject({ lagged: 1, subscribers: 0, queuedFrames: 0 });
    await serverSocketClosed;
    // Back out of the tunnel, the client finds the connection reset and reconnects with Last-Event-ID.
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.resume();
    await closed;
    expect(Buffer.concat(received).toString('latin1')).not.toContain('\r\n0\r\n\r\n');
    console.info(`slow reader: cut off after ${sends} sends of ${body.length}-character messages`);
  });
});
