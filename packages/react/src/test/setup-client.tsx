import {
  type ConfideClient,
  type ConfideClientOptions,
  ConfideError,
  type ConversationId,
  createConfideClient,
  createMemoryBackend,
  type MemoryBackend,
  type MemoryIdentity,
  memoryTransport,
  type Transport,
} from '@confide/core';
import { type RenderResult, render } from '@testing-library/react';
import axe from 'axe-core';
import type { ReactNode } from 'react';
import { ConfideProvider } from '../provider/confide-provider.js';

/** Ben Cho, an admin of the demo firm. */
export const BEN: MemoryIdentity = { kind: 'member', id: 'mem_ben' };
/** Carla Diaz, a plain member of the demo firm. */
export const CARLA: MemoryIdentity = { kind: 'member', id: 'mem_carla' };
/** Daniel Okafor, a client with an active portal. */
export const DANIEL: MemoryIdentity = { kind: 'client', id: 'con_daniel' };

const clients: ConfideClient[] = [];

/** A loaded client for `identity` on `backend`; disposed by `disposeClients()`. */
export async function clientFor(
  backend: MemoryBackend,
  identity: MemoryIdentity,
  options: Partial<ConfideClientOptions> = {},
): Promise<ConfideClient> {
  const client = createConfideClient({ transport: memoryTransport({ backend, as: identity }), ...options });
  clients.push(client);
  await client.ready;
  return client;
}

/** Disposes every client made by `clientFor`. */
export function disposeClients() {
  for (const client of clients.splice(0)) client.dispose();
}

/** Starts a conversation between Ben and Daniel on the backend, with `replies` alternating after it. */
export function seedConversation(
  backend: MemoryBackend,
  options: { subject?: string; body?: string; replies?: number } = {},
): ConversationId {
  const suffix = Math.random().toString(36).slice(2, 10);
  const started = backend.as(BEN).startConversation({
    contactId: 'con_daniel',
    subject: options.subject ?? 'Visa documents',
    body: options.body ?? 'Hello Daniel',
    idempotencyKey: `seed_${suffix}`,
  });
  const id = started.conversation.id;
  for (let index = 0; index < (options.replies ?? 0); index += 1) {
    backend.as(index % 2 === 0 ? DANIEL : BEN).sendMessage(id, {
      body: `Reply ${index + 1}`,
      idempotencyKey: `reply_${suffix}_${index}`,
    });
  }
  return id;
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

export { createMemoryBackend };

/** A member's transport whose sends fail (not retryable) while `failing.value` is true. */
export function flakyTransport(backend: MemoryBackend, identity: MemoryIdentity) {
  const failing = { value: true };
  const base = memoryTransport({ backend, as: identity });
  const transport: Transport = {
    ...base,
    sendMessage: (id, input, options) =>
      failing.value
        ? Promise.reject(new ConfideError('forbidden', 'Refused by the test', { retryable: false }))
        : base.sendMessage(id, input, options),
  };
  return { transport, failing };
}
