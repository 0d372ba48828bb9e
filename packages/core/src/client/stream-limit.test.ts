import { describe, expect, it } from 'vitest';
import { systemClock } from '../lib/clock.js';
import {
  clientFor,
  createMockServer,
  seedConversation,
  seedMessage,
  untilShown,
  wrappedTransport,
} from '../test/mock-clients.js';
import { untilState } from '../test/until.js';

/** The server's limit of open streams per person in one process (DEFAULT_MAX_STREAMS_PER_PERSON). */
const STREAMS_PER_PERSON = 32;

/** A clock whose timers wait at most 20 ms, so that a server's `Retry-After: 30` passes within the test. */
const hurriedClock = {
  ...systemClock,
  setTimeout: (run: () => void, ms: number) => systemClock.setTimeout(run, Math.min(ms, 20)),
};

describe('the tab past the most streams one person may hold open', () => {
  it('says its live updates are held back, then opens once another tab closes and shows what came meanwhile', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock, 'Many tabs', 'First');
    const tabs = [];
    for (let index = 0; index < STREAMS_PER_PERSON; index += 1) {
      const tab = await clientFor(mock, 'ben');
      await untilState(tab.stores.connection, (state) => state.status === 'open');
      tabs.push(tab);
    }

    const extra = await clientFor(mock, 'ben', {
      transport: wrappedTransport(mock, 'ben', (fetch) => fetch, { events: { clock: hurriedClock } }),
    });
    const thread = extra.thread(id);
    await untilShown(thread, 'First');
    await untilState(extra.stores.connection, (state) => state.lastError?.code === 'rate_limited');
    expect(extra.stores.connection.getState().status).not.toBe('open');

    await seedMessage(mock, 'daniel', id, 'Sent while the tab was held back');
    tabs.pop()?.dispose();
    await untilState(extra.stores.connection, (state) => state.status === 'open');
    await untilShown(thread, 'Sent while the tab was held back');
    expect(extra.stores.connection.getState().lastError).toBeNull();
  });
});
