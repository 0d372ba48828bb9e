import { ConfideError } from '../errors/confide-error.js';
import { shareStore } from '../storage/share-store.js';
import type { StorageSharing } from '../storage/storage.js';
import type { OutboxEntry, OutboxState, OutboxStore, SendFailure } from '../stores/outbox/outbox-store.js';
import type { OutboxRunner, SendResult } from './outbox-runner.js';

/**
 * What one client tells the others on the viewer's storage: entries it added or changed and ones it removed, what it
 * holds when it joins (the others add what they lack), or a send's answer.
 */
type OutboxNews =
  | {
      readonly type: 'changed';
      readonly entries: readonly OutboxEntry[];
      readonly removed: readonly string[];
    }
  | { readonly type: 'joined'; readonly entries: readonly OutboxEntry[] }
  | { readonly type: 'sent'; readonly id: string; readonly result: SendResult };

function errorOf(failure: SendFailure): ConfideError {
  const { code, message, retryable, reason } = failure;
  return new ConfideError(code, message, { retryable, ...(reason ? { context: { reason } } : {}) });
}

/**
 * Makes the clients of one viewer that share a storage (a browser's tabs) one outbox: each tells the others what it
 * queued, changed or removed, and only the one holding the lock `name` sends, telling the others each answer. So
 * every queued message is sent once, every client shows the same outcome, and when the sending client goes away
 * the next one takes over. Returns a stop.
 */
export function shareOutbox(
  runner: OutboxRunner,
  outbox: OutboxStore,
  sharing: StorageSharing,
  name: string,
): () => void {
  const stopped = new AbortController();

  function receive(news: OutboxNews) {
    if (news.type === 'sent') return runner.sentElsewhere(news.id, news.result);
    const { entries } = outbox.getState();
    const before = new Map(entries.map((entry) => [entry.id, entry]));
    if (news.type === 'joined') {
      const added = news.entries.filter((entry) => !before.has(entry.id));
      return outbox.setState({ entries: [...entries, ...added] });
    }
    const changed = new Map(news.entries.map((entry) => [entry.id, entry]));
    const removed = new Set(news.removed);
    outbox.setState({
      entries: [
        ...entries.filter((entry) => !removed.has(entry.id)).map((entry) => changed.get(entry.id) ?? entry),
        ...news.entries.filter((entry) => !before.has(entry.id)),
      ],
    });
    const discarded = new ConfideError('aborted', 'The send was discarded');
    for (const id of removed) runner.endedElsewhere(id, discarded);
    for (const entry of news.entries) {
      if (entry.status === 'failed' && entry.failure) runner.endedElsewhere(entry.id, errorOf(entry.failure));
      if (entry.status === 'queued' && before.get(entry.id)?.status === 'failed') runner.retry(entry.id);
    }
  }

  const channel = shareStore<OutboxState, OutboxNews>(outbox, sharing, name, {
    tell(state, previous) {
      const before = new Map(previous.entries.map((entry) => [entry.id, entry]));
      const kept = new Set(state.entries.map((entry) => entry.id));
      const entries = state.entries.filter((entry) => before.get(entry.id) !== entry);
      const removed = previous.entries.filter((entry) => !kept.has(entry.id)).map((entry) => entry.id);
      return entries.length > 0 || removed.length > 0 ? { type: 'changed', entries, removed } : undefined;
    },
    hear: receive,
    // Only the client that leads sends; for the others this does nothing.
    afterHearing: () => void runner.drain(),
  });
  runner.follow((id, result) => channel.post({ type: 'sent', id, result } satisfies OutboxNews));
  // Sends made before this client joined (while it started up) reach the others too; what they know already stays.
  channel.post({ type: 'joined', entries: outbox.getState().entries } satisfies OutboxNews);
  sharing.hold(name, stopped.signal, () => runner.lead());
  return () => {
    stopped.abort();
    channel.close();
  };
}
