import { describe, expect, it } from 'vitest';
import { createMockServer, transportFor } from '../test/mock-clients.js';
import type { Transport } from './transport.js';
import { validatedTransport } from './validated-transport.js';

describe('validatedTransport', () => {
  it('leaves httpTransport as it is: its answers are parsed once, by the route schemas', () => {
    const http = transportFor(createMockServer(), 'ben');
    expect(validatedTransport(http)).toBe(http);
    expect(validatedTransport({ ...http })).not.toBe(http);
  });

  it('checks the answer of every method against its route and turns a broken one into invalid_response', async () => {
    const http = transportFor(createMockServer(), 'ben');
    const operations = Object.keys(http).filter((name) => name !== 'subscribe' && name !== 'deleteUpload');
    const broken = Object.fromEntries(operations.map((name) => [name, async () => ({ id: '../../etc' })]));
    const validated = validatedTransport({ ...http, ...broken }) as unknown as Record<
      string,
      () => Promise<unknown>
    >;
    const codes = await Promise.all(
      operations.map((name) => validated[name]?.().catch((error: { code: string }) => error.code)),
    );
    expect(Object.fromEntries(operations.map((name, index) => [name, codes[index]]))).toEqual(
      Object.fromEntries(operations.map((name) => [name, 'invalid_response'])),
    );
  });

  it('turns a plain error thrown by a custom transport into a ConfideError', async () => {
    const failing = {
      ...transportFor(createMockServer(), 'ben'),
      getViewer: async () => {
        throw new TypeError('fetch failed');
      },
    } as Transport;
    await expect(validatedTransport(failing).getViewer()).rejects.toMatchObject({ code: 'network' });
  });

  it('skips a malformed event and reports it', async () => {
    const errors: string[] = [];
    const events: string[] = [];
    const noisy = {
      ...transportFor(createMockServer(), 'ben'),
      subscribe(onEvent: (event: never) => void) {
        onEvent({ id: '1', type: 'message.created', data: {} } as never);
        return () => {};
      },
    } as Transport;
    validatedTransport(noisy).subscribe((event) => events.push(event.type), {
      onError: (error) => errors.push(error.code),
    });
    expect(events).toEqual([]);
    expect(errors).toEqual(['invalid_response']);
  });
});
