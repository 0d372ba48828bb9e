import { createMockServer, DEMO_IDS, type DemoPerson, type MockServer } from '@confide/mocks';
import type { ConversationId } from '@confide/protocol';
import { onTestFinished } from 'vitest';
import {
  type ConfideClient,
  type ConfideClientOptions,
  createConfideClient,
} from '../client/create-confide-client.js';
import type { Thread } from '../client/thread.js';
import { randomId } from '../lib/id.js';
import { type HttpTransportOptions, httpTransport } from '../transport/http-transport.js';
import type { Transport } from '../transport/transport.js';
import { until } from './until.js';

export { createMockServer, DEMO_IDS, type DemoPerson, type MockServer };

/** The transport of a demo person on `mock`: the real server rules in process. */
export function transportFor(mock: MockServer, person: DemoPerson): Transport {
  return httpTransport(mock.as(person));
}

/** The URL a fetch call asks for. */
export function urlOf(input: RequestInfo | URL): string {
  return String(input instanceof Request ? input.url : input);
}

/**
 * The transport of `person` on `mock` whose requests all go through `wrap(fetch)`, to watch or change them;
 * `options` override the rest of the transport's options.
 */
export function wrappedTransport(
  mock: MockServer,
  person: DemoPerson,
  wrap: (fetch: typeof globalThis.fetch) => typeof globalThis.fetch,
  options: Partial<HttpTransportOptions> = {},
): Transport {
  const connection = mock.as(person);
  return httpTransport({ ...connection, fetch: wrap(connection.fetch), ...options });
}

/** A client for `person` on `mock`, mounted and loaded; it is disposed when the test ends. */
export async function clientFor(
  mock: MockServer,
  person: DemoPerson,
  options: Partial<ConfideClientOptions> = {},
): Promise<ConfideClient> {
  const client = createConfideClient({ transport: transportFor(mock, person), ...options });
  onTestFinished(() => client.dispose());
  client.mount();
  await client.ready;
  return client;
}

/** A unique idempotency key for data a test puts on the server. */
export function seedKey(label = 'seed'): string {
  return randomId(`${label}_`);
}

/** Ben starts a conversation with Daniel on `mock`; resolves with its id. */
export async function seedConversation(
  mock: MockServer,
  subject = 'Visa documents',
  body = 'Hello Daniel',
): Promise<ConversationId> {
  const started = await transportFor(mock, 'ben').startConversation({
    contactId: DEMO_IDS.daniel as never,
    subject,
    body,
    idempotencyKey: seedKey(),
  });
  return started.conversation.id;
}

/** `person` sends `body` in conversation `id` on `mock`. */
export function seedMessage(mock: MockServer, person: DemoPerson, id: ConversationId, body: string) {
  return transportFor(mock, person).sendMessage(id, { body, idempotencyKey: seedKey('message') });
}

/** Every message body of conversation `id` on the server, oldest first, as `person` sees it. */
export async function serverBodies(mock: MockServer, id: ConversationId, person: DemoPerson = 'ben') {
  const transport = transportFor(mock, person);
  const bodies: string[] = [];
  let before: string | undefined;
  do {
    const page = await transport.listMessages(id, { limit: 100, ...(before ? { before } : {}) });
    bodies.unshift(...page.items.map((message) => message.body));
    before = page.nextCursor ?? undefined;
  } while (before);
  return bodies;
}

/** Takes `client` offline and queues a reply in conversation `id` (the outbox holds it on return). */
export function queueOffline(client: ConfideClient, id: ConversationId, body: string): void {
  client.setOnline(false);
  // The thread handles the send's rejection itself, so the promise may be left alone.
  void client.thread(id).send(body);
}

/**
 * The transport of `person` on `mock` that records every request as `METHOD /path` in `requests`, in order;
 * `options` override the rest of the transport's options.
 */
export function recordedTransport(
  mock: MockServer,
  person: DemoPerson,
  options: Partial<HttpTransportOptions> = {},
) {
  const requests: string[] = [];
  const transport = wrappedTransport(
    mock,
    person,
    (fetch) => (input, init) => {
      const request = new Request(input, init);
      requests.push(`${request.method} ${new URL(request.url).pathname}`);
      return fetch(request);
    },
    options,
  );
  return { transport, requests };
}

/** Resolves once `thread` shows a message with `body`. */
export function untilShown(thread: Thread, body: string) {
  return until(thread, (state) => state.messages.some((message) => message.body === body));
}
