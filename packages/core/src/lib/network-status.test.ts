import { describe, expect, it } from 'vitest';
import { createConfideClient } from '../client/create-confide-client.js';
import { createMockServer, seedConversation, transportFor } from '../test/mock-clients.js';
import { browserNetworkStatus } from './network-status.js';

/** A window stand-in: an event target with `navigator.onLine`, counting its listeners. */
function fakeWindow(onLine: boolean) {
  const target = new EventTarget();
  let listeners = 0;
  const fake = {
    navigator: { onLine },
    addEventListener: (type: string, listener: EventListener) => {
      listeners += 1;
      target.addEventListener(type, listener);
    },
    removeEventListener: (type: string, listener: EventListener) => {
      listeners -= 1;
      target.removeEventListener(type, listener);
    },
    goOnline() {
      fake.navigator.onLine = true;
      target.dispatchEvent(new Event('online'));
    },
    get listenerCount() {
      return listeners;
    },
  };
  return fake;
}

describe('browserNetworkStatus', () => {
  it('holds sends while the browser is offline and sends them when it comes back', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock, 'Offline browser', 'First');
    const window = fakeWindow(false);
    const client = createConfideClient({
      transport: transportFor(mock, 'ben'),
      network: browserNetworkStatus(window as unknown as typeof globalThis),
    });
    client.mount();
    await client.ready;
    const sent = client.thread(id).send('Written offline');
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(client.stores.outbox.getState().entries.map((entry) => entry.status)).toEqual(['queued']);

    window.goOnline();
    await expect(sent).resolves.toMatchObject({ body: 'Written offline' });
    client.dispose();
    expect(window.listenerCount).toBe(0);
  });
});
