import {
  type ConfideClient,
  type ConfideClientOptions,
  ConfideError,
  type ConversationId,
  createConfideClient,
  httpTransport,
  type Transport,
} from '@confide/core';
import {
  createMockServer,
  DEMO_IDS,
  type DemoPerson as DemoFirstName,
  EMPTY_ACCOUNT,
  type MockServer,
} from '@confide/mocks';
import { type RenderResult, render } from '@testing-library/react';
import axe from 'axe-core';
import type { ReactNode } from 'react';
import { afterEach } from 'vitest';
import { ConfideProvider } from '../provider/confide-provider.js';

export { createMockServer, DEMO_IDS, type MockServer };

/** Who a test signs in as: a demo person, or the owner or client of the mocks' empty account. */
export type DemoPerson = DemoFirstName | 'emptyOwner' | 'emptyClient';

const emailOf = (person: DemoPerson): string =>
  person === 'emptyOwner'
    ? EMPTY_ACCOUNT.ownerEmail
    : person === 'emptyClient'
      ? EMPTY_ACCOUNT.clientEmail
      : person;

const clients: ConfideClient[] = [];

/** The transport of a demo person on `mock`: the real server rules in process. */
export function transportFor(mock: MockServer, person: DemoPerson): Transport {
  return httpTransport({ ...mock.as(emailOf(person)) });
}

/**
 * One client kept across a sign-in, as a host that never re-keys the provider has it: mounted and loaded for
 * `first`, over a transport that hands out the token of whoever `signIn` names last. Disposed by `disposeClients()`.
 */
export async function clientKeptAcrossSignIn(mock: MockServer, first: DemoPerson) {
  let signedIn = first;
  const { baseUrl, fetch } = mock.as(emailOf(first));
  const transport = httpTransport({ baseUrl, fetch, getToken: () => mock.as(emailOf(signedIn)).getToken() });
  const client = createConfideClient({ transport });
  clients.push(client);
  client.mount();
  await client.ready;
  return {
    client,
    signIn: (person: DemoPerson) => {
      signedIn = person;
    },
  };
}

/** A mounted, loaded client for `person` on `mock`; disposed by `disposeClients()`. */
export async function clientFor(
  mock: MockServer,
  person: DemoPerson,
  options: Partial<ConfideClientOptions> = {},
): Promise<ConfideClient> {
  const client = createConfideClient({ transport: transportFor(mock, person), ...options });
  clients.push(client);
  client.mount();
  await client.ready;
  return client;
}

/** Disposes every client made by `clientFor`; runs after each test of every file that imports this one. */
export function disposeClients() {
  for (const client of clients.splice(0)) client.dispose();
}

// Registered once here for every test file that imports this module (as each did by hand before).
afterEach(disposeClients);

let keyCount = 0;

/** A unique idempotency key for data a test puts on the server. */
export function seedKey(label = 'seed'): string {
  keyCount += 1;
  return `${label}_${keyCount}_${Math.random().toString(36).slice(2, 10)}`;
}

/** `person` sends `body` in conversation `id` on `mock` (an internal note with `internal`). */
export function seedMessage(
  mock: MockServer,
  person: DemoPerson,
  id: ConversationId,
  body: string,
  options: { internal?: boolean } = {},
) {
  return transportFor(mock, person).sendMessage(id, {
    body,
    idempotencyKey: seedKey('message'),
    ...(options.internal ? { internal: true } : {}),
  });
}

/**
 * Ben starts a conversation on `mock` with `contact` (Daniel by default), under `matter` if given, with `replies`
 * alternating after it (the contact first).
 */
export async function seedConversation(
  mock: MockServer,
  options: {
    subject?: string;
    body?: string;
    replies?: number;
    contact?: 'daniel' | 'elena';
    matter?: { id: string; label: string };
  } = {},
): Promise<ConversationId> {
  const contact = options.contact ?? 'daniel';
  const started = await transportFor(mock, 'ben').startConversation({
    contactId: DEMO_IDS[contact] as never,
    subject: options.subject ?? 'Visa documents',
    body: options.body ?? 'Hello Daniel',
    idempotencyKey: seedKey(),
    ...(options.matter ? { matter: options.matter } : {}),
  });
  const id = started.conversation.id;
  for (let index = 0; index < (options.replies ?? 0); index += 1) {
    await seedMessage(mock, index % 2 === 0 ? contact : 'ben', id, `Reply ${index + 1}`);
  }
  return id;
}

/** Ben starts a conversation with Elena on `mock` (read by him, as he sent it), under `matter` if given. */
export function startWithElena(
  mock: MockServer,
  subject: string,
  options: { matter?: { id: string; label: string }; body?: string } = {},
): Promise<ConversationId> {
  return seedConversation(mock, {
    contact: 'elena',
    subject,
    body: options.body ?? 'Hello Elena',
    ...options,
  });
}

/** Renders `ui` inside a provider over `client`. */
export function renderWith(client: ConfideClient, ui: ReactNode): RenderResult {
  return render(
    <ConfideProvider client={client} timeZone="UTC" locale="en-GB">
      {ui}
    </ConfideProvider>,
  );
}

/** The axe violations in `container` (WCAG A and AA rules), as rule ids for a readable failure. */
export async function axeViolations(container: Element): Promise<string[]> {
  const results = await axe.run(container, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    // jsdom computes no layout or colours: contrast is checked in the browser (Storybook's axe run).
    rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
  });
  return results.violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(' | ')}`,
  );
}

/** A person's transport whose sends fail (not retryable) while `failing.value` is true. */
export function flakyTransport(mock: MockServer, person: DemoPerson) {
  const failing = { value: true };
  const base = transportFor(mock, person);
  const transport: Transport = {
    ...base,
    sendMessage: (id, input, options) =>
      failing.value
        ? Promise.reject(new ConfideError('forbidden', 'Refused by the test', { retryable: false }))
        : base.sendMessage(id, input, options),
  };
  return { transport, failing };
}
