import type { ConversationId } from '@confide/protocol';
import {
  type ConfideClient,
  type ConfideClientOptions,
  createConfideClient,
} from '../client/create-confide-client.js';
import {
  createMemoryBackend,
  type MemoryBackend,
  type MemoryIdentity,
} from '../transport/memory/memory-backend.js';
import { memoryTransport } from '../transport/memory/memory-transport.js';

/** Ben Cho, an admin of the demo firm. */
export const BEN: MemoryIdentity = { kind: 'member', id: 'mem_ben' };
/** Carla Diaz, a plain member of the demo firm. */
export const CARLA: MemoryIdentity = { kind: 'member', id: 'mem_carla' };
/** Daniel Okafor, a client with an active portal. */
export const DANIEL: MemoryIdentity = { kind: 'client', id: 'con_daniel' };

/** A client for `identity` on `backend`, already loaded. */
export async function clientFor(
  backend: MemoryBackend,
  identity: MemoryIdentity,
  options: Partial<ConfideClientOptions> = {},
): Promise<ConfideClient> {
  const client = createConfideClient({ transport: memoryTransport({ backend, as: identity }), ...options });
  await client.ready;
  return client;
}

/** Starts a conversation between Ben and Daniel directly on the backend and returns its id. */
export function seedConversation(
  backend: MemoryBackend,
  subject = 'Visa documents',
  body = 'Hello Daniel',
): ConversationId {
  const started = backend.as(BEN).startConversation({
    contactId: 'con_daniel',
    subject,
    body,
    idempotencyKey: `seed_${subject.replace(/\W+/g, '_')}_${Math.random().toString(36).slice(2, 10)}`,
  });
  return started.conversation.id;
}

export { createMemoryBackend };
