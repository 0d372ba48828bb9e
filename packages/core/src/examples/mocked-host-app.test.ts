// The README's example: a host app's own test suite mocking Confide with @confide/mocks.
// (Inside this repository the SDK is imported relatively; a host writes '@confide/core'.)

import { DEMO_EMAILS, scenarios } from '@confide/mocks';
import { setupConfideServer } from '@confide/mocks/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ConfideClient, createConfideClient, httpTransport } from '../index.js';

// The host's code under test: a line for its dashboard, built on the SDK.
async function inboxSummary(client: ConfideClient): Promise<string> {
  try {
    await client.ready;
    const page = await client.transport.listConversations({});
    return `${page.items.length} conversations, ${page.unreadTotal} unread`;
  } catch {
    return 'Messages are unavailable right now';
  }
}

const { mock, server } = setupConfideServer();
const clients: ConfideClient[] = [];

function clientFor(email: string): ConfideClient {
  const transport = httpTransport({ baseUrl: mock.baseUrl, getToken: mock.getToken(email) });
  const client = createConfideClient({ transport, live: false });
  client.mount();
  clients.push(client);
  return client;
}

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => {
  mock.setScenario({});
  for (const client of clients.splice(0)) client.dispose();
});
afterAll(() => server.close());

describe('the host dashboard', () => {
  it("summarises Ben's inbox from the demo data", async () => {
    expect(await inboxSummary(clientFor(DEMO_EMAILS.ben))).toBe('2 conversations, 4 unread');
  });

  it('says so when the messaging service is down', async () => {
    mock.setScenario(scenarios.serverErrors(['listConversations']));
    expect(await inboxSummary(clientFor(DEMO_EMAILS.ben))).toBe('Messages are unavailable right now');
  });
});
