import type { AttachmentRow } from './attachment-rows.js';
import { createAttachmentQueries } from './memory-attachment-queries.js';
import { createConversationQueries } from './memory-conversation-queries.js';
import { createRecordQueries } from './memory-record-queries.js';
import { cloneMemoryState, createMemoryState, type MemoryState } from './memory-state.js';
import type { MessageRow } from './rows.js';
import {
  AttachmentsUnavailableError,
  type MessageAttachments,
  type Store,
  type StoreQueries,
} from './store.js';

/** Attaches every upload to the new message or throws (the caller's transaction then discards everything). */
function attachFiles(state: MemoryState, message: MessageRow, files: MessageAttachments): AttachmentRow[] {
  return files.ids.map((id, position) => {
    const row = state.attachments.get(id);
    const attachable =
      row !== undefined &&
      row.messageId === null &&
      row.firmId === message.firmId &&
      row.uploader.kind === message.author.kind &&
      row.uploader.id === message.author.id &&
      row.state !== 'uploading' &&
      row.expiresAt > files.attachedAt;
    if (!attachable) throw new AttachmentsUnavailableError();
    const attached: AttachmentRow = {
      ...row,
      conversationId: message.conversationId,
      messageId: message.id,
      position,
      internal: message.internal,
      attachedAt: files.attachedAt,
    };
    state.attachments.set(id, attached);
    return attached;
  });
}

function createQueries(state: () => MemoryState): StoreQueries {
  const conversationQueries = createConversationQueries(state);
  const recordQueries = createRecordQueries(state);
  return {
    ...conversationQueries,
    ...recordQueries,
    ...createAttachmentQueries(state),
    async insertMessage(message, effects) {
      const inserted = await conversationQueries.insertMessage(message, effects);
      if (!inserted.created || effects === undefined) return inserted;
      const attachments = effects.attachments
        ? attachFiles(state(), inserted.message, effects.attachments)
        : [];
      if (effects.audit) await recordQueries.appendAudit(effects.audit);
      for (const notification of effects.notifications ?? [])
        await recordQueries.insertNotification(notification);
      for (const mail of effects.mails ?? []) await recordQueries.enqueueMail(mail);
      const lastEventSeq = await recordQueries.appendEvents(effects.events ?? []);
      return { ...inserted, lastEventSeq, attachments };
    },
  };
}

/**
 * A `Store` in memory, for the mocks and tests. Transactions run one at a time on a copy of the state that
 * replaces the state only when the work resolves, so a failed transaction leaves nothing behind. Queries
 * outside a transaction wait for the running one and then run alone.
 */
export function createMemoryStore(): Store {
  let state = createMemoryState();
  let queue: Promise<unknown> = Promise.resolve();

  const serialise = <Result>(work: () => Promise<Result>): Promise<Result> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  const transaction: Store['transaction'] = (work) =>
    serialise(async () => {
      const draft = cloneMemoryState(state);
      const result = await work(createQueries(() => draft));
      state = draft;
      return result;
    });

  // A single query either validates before it writes or writes nothing, so it can run on the live state.
  const live = createQueries(() => state);
  const autocommit = Object.fromEntries(
    Object.entries(live).map(([name, query]) => [
      name,
      (...parameters: unknown[]) =>
        serialise(() => (query as (...values: unknown[]) => Promise<unknown>)(...parameters)),
    ]),
  ) as unknown as StoreQueries;

  // With effects a send writes several maps: run it like a transaction so a failure leaves nothing behind.
  const insertMessage: Store['insertMessage'] = (message, effects) =>
    transaction((tx) => tx.insertMessage(message, effects));
  return { ...autocommit, insertMessage, transaction };
}
