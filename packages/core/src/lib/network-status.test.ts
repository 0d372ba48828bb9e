import { describe, expect, it, vi } from 'vitest';
import { createConfideClient } from '../client/create-confide-client.js';
import { createMockServer, seedConversation, transportFor } from '../test/mock-clients.js';
import { untilState } from '../test/until.js';
import { browserNetworkStatus } from './network-status.js';

describe('browserNetworkStatus', () => {
  it('holds sends while the browser is offline and sends them when it comes back', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock, 'Offline browser', 'First');
    // A window stand-in: an event target with `navigator.onLine`.
    const window = Object.assign(new EventTarget(), { navigator: { onLine: false } });
    const added = vi.spyOn(window, 'addEventListener');
    const removed = vi.spyOn(window, 'removeEventListener');
    // Started offline: even the viewer waits for the network (query-core's online state follows it).
    const client = createConfideClient({
      transport: transportFor(mock, 'ben'),
      network: browserNetworkStatus(window as unknown as typeof globalThis),
    });
    client.mount();
    const sent = client.thread(id).send('Written offline');
    const held = await untilState(client.stores.outbox, (state) => state.entries.length === 1);
    expect(held.entries.map((entry) => entry.status)).toEqual(['queued']);

    window.navigator.onLine = true;
    window.dispatchEvent(new Event('online'));
    await expect(sent).resolves.toMatchObject({ body: 'Written offline' });
    await client.ready;
    client.dispose();
    expect(removed.mock.calls).toEqual(added.mock.calls);
  });
});
