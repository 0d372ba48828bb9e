import { createServer as createHttpServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, listenHttp } from './listen.js';
import { hasIpv6Loopback, outsideAddress, urlOn } from './testing/loopback.js';

const IPV6 = await hasIpv6Loopback();
const OUTSIDE = outsideAddress();

const opened: Server[] = [];
afterEach(async () => {
  await closeAll(opened.splice(0));
});

/** A server that answers every request with where it was reached. */
const answering = () => {
  const server = createHttpServer((request, response) => response.end(request.socket.localAddress ?? ''));
  opened.push(server);
  return server;
};

async function listen(host: string, port = 0) {
  const noIpv6: unknown[] = [];
  const listening = await listenHttp(answering, { host, port, onNoIpv6: (error) => noIpv6.push(error) });
  return { ...listening, noIpv6 };
}

describe('listenHttp on localhost', () => {
  describe.each([
    { address: '127.0.0.1', skip: false },
    // Skipped only where this machine has no IPv6 loopback at all.
    { address: '::1', skip: !IPV6 },
  ])('over $address', ({ address, skip }) => {
    it.skipIf(skip)('answers', async () => {
      const { port } = await listen('localhost');
      const response = await fetch(urlOn(address, port, '/'));
      expect(response.status).toBe(200);
      expect(await response.text()).toBe(address);
    });
  });

  it('listens on both loopbacks with one port, and nothing else', async () => {
    const { addresses, noIpv6 } = await listen('localhost');
    expect(addresses).toEqual(IPV6 ? ['127.0.0.1', '::1'] : ['127.0.0.1']);
    expect(noIpv6).toHaveLength(IPV6 ? 0 : 1);
  });

  it.skipIf(OUTSIDE === undefined)('refuses connections to the machine’s other addresses', async () => {
    const { port } = await listen('localhost');
    await expect(fetch(urlOn(OUTSIDE ?? '', port, '/'))).rejects.toThrow();
  });

  it.skipIf(!IPV6)('refuses a fixed port that another program holds on ::1', async () => {
    const blocker = createHttpServer();
    opened.push(blocker);
    await new Promise<void>((resolve) => blocker.listen({ host: '::1', port: 0 }, resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    await expect(listen('localhost', port)).rejects.toThrow(/EADDRINUSE/);
    // The IPv4 half it had opened is closed again.
    await expect(fetch(urlOn('127.0.0.1', port, '/'))).rejects.toThrow();
  });
});

describe('listenHttp on one address', () => {
  it.skipIf(!IPV6)('listens on 127.0.0.1 only when told so', async () => {
    const { port, addresses } = await listen('127.0.0.1');
    expect(addresses).toEqual(['127.0.0.1']);
    expect((await fetch(urlOn('127.0.0.1', port, '/'))).status).toBe(200);
    await expect(fetch(urlOn('::1', port, '/'))).rejects.toThrow();
  });
});
