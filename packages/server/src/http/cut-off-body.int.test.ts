import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { serve } from '@hono/node-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../testing/test-app.js';
import type { RequestLogEntry } from './request-log.js';

let close: (() => Promise<void>) | undefined;

afterEach(async () => {
  await close?.();
  close = undefined;
});

async function serveTestApp() {
  const logged: RequestLogEntry[] = [];
  const unexpected: unknown[] = [];
  let onLogged: (() => void) | undefined;
  const test = await createTestApp({
    logger: (entry) => {
      logged.push(entry);
      onLogged?.();
    },
    onUnexpectedError: (error) => unexpected.push(error),
  });
  let onArrived: (() => void) | undefined;
  const fetch = (request: Request) => {
    onArrived?.();
    return test.app.fetch(request);
  };
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started));
  });
  close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  const { port } = server.address() as AddressInfo;
  const nextLogEntry = () =>
    new Promise<RequestLogEntry>((resolve) => {
      const before = logged.length;
      onLogged = () => {
        const entry = logged[before];
        if (entry) resolve(entry);
      };
    });
  const nextArrival = () =>
    new Promise<void>((resolve) => {
      onArrived = resolve;
    });
  return { test, port, unexpected, nextLogEntry, nextArrival };
}

describe('a request body the client breaks off', () => {
  it.each([
    ['half of a JSON body', '{"body": "Hello, I am sending my pass'],
    ['nothing after the headers', ''],
  ])('is logged as a client error (400), not an unexpected error, after %s', async (_case, sent) => {
    const { test, port, unexpected, nextLogEntry, nextArrival } = await serveTestApp();
    const token = await test.tokenFor('client');
    const logEntry = nextLogEntry();
    const arrival = nextArrival();
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(
      [
        'POST /v1/conversations/cnv_daniel_work_permit/messages HTTP/1.1',
        'Host: 127.0.0.1',
        `Authorization: Bearer ${token}`,
        'Content-Type: application/json',
        'Content-Length: 4096',
        '',
        sent,
      ].join('\r\n'),
    );
    // The client goes away once the server is handling the request, while it waits for the rest of the body.
    await arrival;
    socket.destroy();
    const entry = await logEntry;
    expect(entry).toMatchObject({ method: 'POST', status: 400 });
    expect(unexpected).toEqual([]);
  });
});
