import type { ContactRow, ConversationRow, MemberRow, NewMail, NewMessage, PartyRef } from './rows.js';
import type { Store } from './store.js';

/** A fixed instant plus `minutes`, as the ISO string the store keeps. */
export function at(minutes: number): string {
  return new Date(Date.UTC(2026, 0, 1, 9, 0, 0) + minutes * 60_000).toISOString();
}

let counter = 0;

/** An id no other contract test uses, so implementations may share one store (and one database) across tests. */
export function uniqueId(prefix: string): string {
  counter += 1;
  return `${prefix}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}${counter}`;
}

/** A firm with an owner, a second member and an active contact, plus one conversation between them. */
export interface ContractWorld {
  readonly firmId: string;
  readonly owner: MemberRow;
  readonly member: MemberRow;
  readonly contact: ContactRow;
  readonly conversation: ConversationRow;
  readonly ownerRef: PartyRef;
  readonly memberRef: PartyRef;
  readonly clientRef: PartyRef;
}

/** The test's store and a fresh `ContractWorld` in it. */
export async function storeWithWorld(getStore: () => Store): Promise<{ store: Store; world: ContractWorld }> {
  const store = getStore();
  return { store, world: await createWorld(store) };
}

/** Creates a fresh `ContractWorld` with unique ids. */
export async function createWorld(store: Store): Promise<ContractWorld> {
  const firmId = uniqueId('firm');
  await store.insertFirm({ id: firmId, name: 'Contract & Co', createdAt: at(0) });
  const owner: MemberRow = {
    id: uniqueId('mem'),
    firmId,
    name: 'Olivia Owner',
    email: `${uniqueId('owner')}@contract.test`,
    role: 'owner',
    createdAt: at(0),
  };
  const member: MemberRow = {
    ...owner,
    id: uniqueId('mem'),
    name: 'Marco Member',
    email: `${uniqueId('m')}@contract.test`,
    role: 'member',
  };
  await store.insertMember(owner);
  await store.insertMember(member);
  const contact: ContactRow = {
    id: uniqueId('con'),
    firmId,
    firstName: 'Cleo',
    lastName: 'Client',
    email: `${uniqueId('cleo')}@client.test`,
    portalStatus: 'active',
    assigneeIds: [member.id, owner.id],
    createdAt: at(0),
  };
  await store.insertContact(contact);
  const conversation = await store.insertConversation({
    id: uniqueId('cnv'),
    firmId,
    contactId: contact.id,
    subject: 'Visa renewal',
    matterId: null,
    matterLabel: null,
    startedBy: { kind: 'member', id: owner.id },
    createdAt: at(1),
  });
  return {
    firmId,
    owner,
    member,
    contact,
    conversation,
    ownerRef: { kind: 'member', id: owner.id },
    memberRef: { kind: 'member', id: member.id },
    clientRef: { kind: 'client', id: contact.id },
  };
}

/** A message of `conversation` by `author` with a unique id and idempotency key. */
export function newMessage(
  conversation: ConversationRow,
  author: PartyRef,
  overrides: Partial<NewMessage> = {},
): NewMessage {
  return {
    id: uniqueId('msg'),
    conversationId: conversation.id,
    firmId: conversation.firmId,
    author,
    body: 'Hello',
    internal: false,
    idempotencyKey: uniqueId('key'),
    createdAt: at(2),
    ...overrides,
  };
}

/** A mail of the world's firm to its client with a unique id, created at `at(0)`. */
export function newMail(world: ContractWorld, overrides: Partial<NewMail> = {}): NewMail {
  return {
    id: uniqueId('mail'),
    firmId: world.firmId,
    kind: 'client_message_waiting',
    recipient: world.clientRef,
    to: world.contact.email,
    subject: 'S',
    text: 'T',
    html: '<p>T</p>',
    createdAt: at(0),
    ...overrides,
  };
}

/** The conversation's messages as the firm sees them, newest first (up to 10). */
export function firmMessages(store: Store, conversation: ConversationRow) {
  return store.listMessages({ conversationId: conversation.id, audience: 'firm', limit: 10 });
}
