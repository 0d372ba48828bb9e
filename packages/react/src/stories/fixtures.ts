// Story data beyond the demo seed, written through the mock's store (the server's own rules for ids and order).
import type { StorageAdapter } from '@confide/core';
import { DEMO_IDS, type MockServer } from '@confide/mocks';

/** One message of a story conversation: who writes it (`client` is the conversation's contact) and its text. */
export interface StoryMessage {
  readonly from: 'client' | 'member';
  readonly body: string;
}

/** A conversation to add to a story's mock. */
export interface StoryConversation {
  readonly subject: string;
  readonly messages: readonly StoryMessage[];
  /** @default Elena Petrova */
  readonly contactId?: string;
  /** Notifies Ben that the client started it. @default false */
  readonly notifyBen?: boolean;
  /** When the first message was written; one minute between messages. @default an hour ago */
  readonly startedAt?: Date;
}

let count = 0;

/** Adds a conversation between Ben and a client of Rivera & Cho; resolves to its id. */
export async function addStoryConversation(
  mock: MockServer,
  conversation: StoryConversation,
): Promise<string> {
  await mock.ready;
  count += 1;
  const id = `cnv_story_${count}_${Date.now().toString(36)}`;
  const contactId = conversation.contactId ?? DEMO_IDS.elena;
  const start = (conversation.startedAt ?? new Date(Date.now() - 3_600_000)).getTime();
  const client = { kind: 'client', id: contactId } as const;
  const member = { kind: 'member', id: DEMO_IDS.ben } as const;
  await mock.store.insertConversation({
    id,
    firmId: DEMO_IDS.riveraCho,
    contactId,
    subject: conversation.subject,
    matterId: null,
    matterLabel: null,
    startedBy: conversation.notifyBen ? client : member,
    createdAt: new Date(start).toISOString(),
  });
  for (const [index, message] of conversation.messages.entries()) {
    const messageId = `msg_${id}_${index}`;
    const createdAt = new Date(start + index * 60_000).toISOString();
    await mock.store.insertMessage({
      id: messageId,
      conversationId: id,
      firmId: DEMO_IDS.riveraCho,
      author: message.from === 'client' ? client : member,
      body: message.body,
      internal: false,
      idempotencyKey: `story_${id}_${index}`,
      createdAt,
    });
    if (index === 0 && conversation.notifyBen) {
      await mock.store.insertNotification({
        id: `ntf_${id}`,
        firmId: DEMO_IDS.riveraCho,
        memberId: DEMO_IDS.ben,
        kind: 'client_started_conversation',
        conversationId: id,
        messageId,
        createdAt,
        readAt: null,
      });
    }
  }
  return id;
}

/** Where a character of an element's text is drawn: the box of the character at `index` (negative from the end). */
export function characterBox(element: Element, index: number): DOMRect {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const text: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) text.push(node as Text);
  const total = text.reduce((sum, node) => sum + node.length, 0);
  let offset = index < 0 ? total + index : index;
  for (const node of text) {
    if (offset < node.length) {
      const range = document.createRange();
      range.setStart(node, offset);
      range.setEnd(node, offset + 1);
      return range.getBoundingClientRect();
    }
    offset -= node.length;
  }
  throw new RangeError(`No character ${index} in "${element.textContent}"`);
}

/** The two ways browsers mark the Enter that commits an input method's composition. */
export const IME_ENTERS = [
  { name: 'isComposing', isComposing: true, keyCode: 13 },
  { name: 'keyCode 229 (Safari, after compositionend)', isComposing: false, keyCode: 229 },
] as const;

/** Presses Enter on `target` as an input method committing a composition would (no text change). */
export function pressImeEnter(
  target: Element,
  ime: (typeof IME_ENTERS)[number],
  modifiers: { readonly ctrlKey?: boolean } = {},
): KeyboardEvent {
  const event = new KeyboardEvent('keydown', {
    key: 'Enter',
    code: 'Enter',
    isComposing: ime.isComposing,
    bubbles: true,
    cancelable: true,
    ...modifiers,
  });
  Object.defineProperty(event, 'keyCode', { get: () => ime.keyCode });
  target.dispatchEvent(event);
  return event;
}

/** A device whose storage is full: every write is refused, as a browser refuses one (`QuotaExceededError`). */
export const FULL_STORAGE: StorageAdapter = {
  getItem: () => null,
  setItem: () => {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  },
  removeItem: () => {},
};
