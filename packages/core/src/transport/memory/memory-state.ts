import {
  type AuditEntry,
  AuditEntrySchema,
  type Author,
  type Conversation,
  type Message,
  type Notification,
  type NotificationSettings,
  type ServerEvent,
  ServerEventSchema,
  type Template,
  toFieldIssues,
} from '@confide/protocol';
import { ConfideError } from '../../errors/confide-error.js';
import type { MemorySeed } from './demo-seed.js';

/** Who a memory transport acts as: a member of the firm or one of its clients. */
export type MemoryIdentity =
  | { readonly kind: 'member'; readonly id: string }
  | { readonly kind: 'client'; readonly id: string };

/** A stored conversation and everything the backend tracks about it. */
export interface StoredConversation {
  conversation: Conversation;
  messages: Message[];
  /** Ordering key for "newest activity first" that never ties, unlike timestamps within one millisecond. */
  activity: number;
  /** How many of `messages` each reader (`member:id` / `client:id`) has read. */
  readCounts: Map<string, number>;
}

/** A published event and who may receive it. */
export interface StoredEvent {
  readonly event: ServerEvent;
  readonly audience: (identity: MemoryIdentity) => boolean;
}

/** The whole mutable state of a memory backend. */
export interface MemoryState {
  readonly seed: Required<MemorySeed>;
  readonly conversations: Map<string, StoredConversation>;
  readonly idempotency: Map<string, unknown>;
  readonly notifications: Map<string, Notification[]>;
  readonly templates: Map<string, Template>;
  settings: NotificationSettings;
  readonly audit: AuditEntry[];
  readonly events: StoredEvent[];
  readonly subscribers: Set<{ identity: MemoryIdentity; deliver: (event: ServerEvent) => void }>;
  readonly now: () => number;
  sequence: number;
}

/** Creates the state from a seed. */
export function createMemoryState(seed: MemorySeed, now: () => number): MemoryState {
  return {
    seed: { templates: [], settings: { clientStartedThread: 'assignees_and_owner' }, ...seed },
    conversations: new Map(),
    idempotency: new Map(),
    notifications: new Map(),
    templates: new Map((seed.templates ?? []).map((template) => [template.id, template])),
    settings: seed.settings ?? { clientStartedThread: 'assignees_and_owner' },
    audit: [],
    events: [],
    subscribers: new Set(),
    now,
    sequence: 0,
  };
}

/** The next id with a prefix, e.g. `msg_12`. Ids are sequential so tests read well. */
export function nextId(state: MemoryState, prefix: string): string {
  state.sequence += 1;
  return `${prefix}_${state.sequence}`;
}

/** The current time as the server writes it. */
export function timestamp(state: MemoryState): string {
  return new Date(state.now()).toISOString();
}

/** The key a reader's read count is stored under. */
export function readerKey(identity: MemoryIdentity): string {
  return `${identity.kind}:${identity.id}`;
}

/** The part of a zod schema `parseInput` uses (core reaches zod only through the protocol package). */
export interface InputSchema<Output> {
  safeParse(
    input: unknown,
  ):
    | { success: true; data: Output }
    | { success: false; error: { issues: Parameters<typeof toFieldIssues>[0] } };
}

/** Parses input with a protocol schema, answering `invalid_input` with field issues the way the server does. */
export function parseInput<Output>(schema: InputSchema<Output>, input: unknown): Output {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new ConfideError('invalid_input', 'The request is not valid', {
      status: 400,
      issues: toFieldIssues(result.error.issues),
    });
  }
  return result.data;
}

/** Throws the protocol error with its status. */
export function fail(
  code: 'forbidden' | 'not_found' | 'portal_inactive' | 'invalid_input',
  message: string,
): never {
  const status = { forbidden: 403, not_found: 404, portal_inactive: 409, invalid_input: 400 }[code];
  throw new ConfideError(code, message, { status });
}

/** The author record of an identity. */
export function authorOf(state: MemoryState, identity: MemoryIdentity): Author {
  if (identity.kind === 'member') {
    const member = state.seed.members.find((candidate) => candidate.id === identity.id);
    if (!member) fail('forbidden', 'Unknown member');
    return { kind: 'member', id: member.id, name: member.name };
  }
  const contact = state.seed.contacts.find((candidate) => candidate.id === identity.id);
  if (!contact) fail('forbidden', 'Unknown client');
  return { kind: 'client', id: contact.id, name: contact.name };
}

/** Refuses clients. */
export function requireMember(state: MemoryState, identity: MemoryIdentity) {
  if (identity.kind !== 'member') fail('forbidden', 'Only firm members may do this');
  const member = state.seed.members.find((candidate) => candidate.id === identity.id);
  if (!member) fail('forbidden', 'Unknown member');
  return member;
}

/** Refuses everyone but the owner and admins. */
export function requireAdmin(state: MemoryState, identity: MemoryIdentity) {
  const member = requireMember(state, identity);
  if (member.role === 'member') fail('forbidden', 'Only owners and admins may do this');
  return member;
}

/** Publishes an event to the current subscribers it is meant for, and keeps it for `Last-Event-ID` replays. */
export function publish(
  state: MemoryState,
  build: (id: string) => unknown,
  audience: StoredEvent['audience'],
) {
  // Parsed like any payload on the wire, so the memory backend cannot emit what a real server could not.
  const event = ServerEventSchema.parse(build(String(state.events.length + 1)));
  state.events.push({ event, audience });
  for (const subscriber of [...state.subscribers]) {
    if (audience(subscriber.identity)) subscriber.deliver(structuredClone(event));
  }
}

/** Appends an audit entry. */
export function audit(
  state: MemoryState,
  identity: MemoryIdentity,
  action: AuditEntry['action'],
  targetId: string,
) {
  state.audit.unshift(
    AuditEntrySchema.parse({
      id: nextId(state, 'aud'),
      firmId: state.seed.firm.id,
      actor: { kind: identity.kind, id: identity.id },
      action,
      targetId,
      requestId: nextId(state, 'req'),
      at: timestamp(state),
    }),
  );
}

/** Encodes a list offset as an opaque cursor. */
export function encodeCursor(offset: number): string {
  return `o${offset}`;
}

/** Decodes a cursor from `encodeCursor`, refusing anything else as the server would. */
export function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const match = /^o(\d+)$/.exec(cursor);
  if (!match) fail('invalid_input', 'Unknown cursor');
  return Number(match[1]);
}
