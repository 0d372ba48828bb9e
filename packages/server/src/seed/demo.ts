import { chooseClientStartedRecipients } from '../domain/notification-recipients.js';
import type { ContactRow, MemberRow } from '../store/rows.js';
import type { Store, StoreTransaction } from '../store/store.js';
import type { DemoConversation, DemoMessage } from './demo-data.js';
import {
  DEMO_CONTACTS,
  DEMO_CONVERSATIONS,
  DEMO_FIRMS,
  DEMO_IDS,
  DEMO_MEMBERS,
  DEMO_SETTINGS,
  DEMO_TEMPLATES,
} from './demo-data.js';

/** How far before the first demo message the people and templates were created. */
const SETUP_LEAD_MINUTES = 30 * 24 * 60;
/** Notifications older than a day start out read, so the bell shows only recent ones. */
const READ_NOTIFICATIONS_OLDER_THAN_MINUTES = 24 * 60;

const minutesBefore = (now: Date, minutes: number) =>
  new Date(now.getTime() - minutes * 60_000).toISOString();

interface PlacedMessage {
  readonly conversation: DemoConversation;
  readonly message: DemoMessage;
  readonly started: boolean;
}

async function notifyForClientMessage(
  tx: StoreTransaction,
  now: Date,
  placed: PlacedMessage,
  members: MemberRow[],
  contact: ContactRow,
) {
  const { conversation, message, started } = placed;
  const firmMembers = members.filter((member) => member.firmId === conversation.firmId);
  const recipients = started
    ? chooseClientStartedRecipients('assignees_and_owner', firmMembers, contact)
    : firmMembers;
  const createdAt = minutesBefore(now, message.minutesAgo);
  for (const recipient of recipients) {
    await tx.insertNotification({
      id: `ntf_${message.id}_${recipient.id}`,
      firmId: conversation.firmId,
      memberId: recipient.id,
      kind: started ? 'client_started_conversation' : 'client_replied',
      conversationId: conversation.id,
      messageId: message.id,
      createdAt,
      readAt: message.minutesAgo > READ_NOTIFICATIONS_OLDER_THAN_MINUTES ? createdAt : null,
    });
  }
}

async function seedConversations(tx: StoreTransaction, now: Date, members: MemberRow[]) {
  for (const conversation of DEMO_CONVERSATIONS) {
    const [first] = conversation.messages;
    if (!first) continue;
    await tx.insertConversation({
      id: conversation.id,
      firmId: conversation.firmId,
      contactId: conversation.contactId,
      subject: conversation.subject,
      matterId: conversation.matter?.id ?? null,
      matterLabel: conversation.matter?.label ?? null,
      startedBy: first.author,
      createdAt: minutesBefore(now, first.minutesAgo),
    });
  }
  // Messages go in in time order across conversations, so seqs (and the index order) follow time.
  const placed: PlacedMessage[] = DEMO_CONVERSATIONS.flatMap((conversation) =>
    conversation.messages.map((message, index) => ({ conversation, message, started: index === 0 })),
  ).sort((left, right) => right.message.minutesAgo - left.message.minutesAgo);
  for (const entry of placed) {
    const { conversation, message } = entry;
    await tx.insertMessage({
      id: message.id,
      conversationId: conversation.id,
      firmId: conversation.firmId,
      author: message.author,
      body: message.body,
      internal: message.internal === true,
      idempotencyKey: `seed_${message.id}`,
      createdAt: minutesBefore(now, message.minutesAgo),
    });
    const contact = await tx.getContact(conversation.contactId);
    if (message.author.kind === 'client' && contact)
      await notifyForClientMessage(tx, now, entry, members, contact);
  }
  for (const conversation of DEMO_CONVERSATIONS) {
    const readUpTo =
      conversation.clientReadUpTo === undefined ? null : await tx.getMessage(conversation.clientReadUpTo);
    if (!readUpTo) continue;
    await tx.advanceReadState({
      conversationId: conversation.id,
      reader: { kind: 'client', id: conversation.contactId },
      upToMessageId: readUpTo.id,
      upToSeq: readUpTo.seq,
      readAt: readUpTo.createdAt,
    });
  }
}

/**
 * Loads the demo dataset of the design (Rivera & Cho Immigration and Northgate Legal, their people, templates,
 * conversations with an internal note, read state and notifications) in one transaction. Idempotent: when the
 * dataset is already there it changes nothing and returns `false`.
 */
export async function seedDemo(store: Store, options: { readonly now?: Date } = {}): Promise<boolean> {
  const now = options.now ?? new Date();
  const setupAt = minutesBefore(now, SETUP_LEAD_MINUTES);
  return store.transaction(async (tx) => {
    if (await tx.getFirm(DEMO_IDS.riveraCho)) return false;
    for (const firm of DEMO_FIRMS) await tx.insertFirm({ ...firm, createdAt: setupAt });
    const members = DEMO_MEMBERS.map((member) => ({ ...member, createdAt: setupAt }));
    for (const member of members) await tx.insertMember(member);
    for (const contact of DEMO_CONTACTS) await tx.insertContact({ ...contact, createdAt: setupAt });
    for (const settings of DEMO_SETTINGS)
      await tx.putNotificationSettings({ ...settings, updatedAt: setupAt });
    for (const template of DEMO_TEMPLATES) {
      await tx.insertTemplate({ ...template, createdAt: setupAt, updatedAt: setupAt });
    }
    await seedConversations(tx, now, members);
    return true;
  });
}
