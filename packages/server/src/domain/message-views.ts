import { PAGE_SIZE_DEFAULT } from '@confide/protocol';
import { loadMessageAttachments } from '../attachments/present-attachment.js';
import { decodeCursor, encodeCursor } from '../lib/cursor.js';
import type { StoreQueries } from '../store/store.js';
import { loadAccessibleConversation } from './access.js';
import { nameBookOf, presentMessage } from './present.js';
import { type ViewerIdentity, viewerAudience } from './viewer.js';

/** Page of `GET /v1/conversations/:id/messages`, as parsed by the protocol. */
export interface MessageListInput {
  readonly before?: string | undefined;
  readonly limit?: number | undefined;
}

/**
 * The newest page of a conversation's messages the viewer may see (clients: no internal notes), oldest first
 * within the page, each with its files as the viewer may see them; `nextCursor` continues towards older messages.
 */
export async function listConversationMessages(
  store: StoreQueries,
  viewer: ViewerIdentity,
  conversationId: string,
  input: MessageListInput,
) {
  const { contact } = await loadAccessibleConversation(store, viewer, conversationId);
  const limit = input.limit ?? PAGE_SIZE_DEFAULT;
  const rows = await store.listMessages({
    conversationId,
    audience: viewerAudience(viewer),
    beforeSeq: decodeCursor('messages', input.before, 'before'),
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const names = nameBookOf(viewer, [contact]);
  // One more statement, and only for a page where some message carries files.
  const withFiles = page.filter((message) => message.attachmentCount > 0).map((message) => message.id);
  const files = await loadMessageAttachments(store, viewer, withFiles);
  const oldest = page.at(-1);
  return {
    items: page.reverse().map((message) => presentMessage(message, names, files.get(message.id))),
    nextCursor: rows.length > limit && oldest ? encodeCursor('messages', oldest.seq) : null,
  };
}
