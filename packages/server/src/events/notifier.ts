/** Called with the seq of the newest committed event. */
export type NotifierListener = (seq: number) => void;

/**
 * Cross-process wake-up for the event hubs. It carries no event data: after a transaction that appended events
 * commits, the writer calls `notify(seq)` with the highest seq it appended; the hub of every process sharing the
 * database wakes up, reads the new events once from its own position (`Store.readEvents`) and fans them out to
 * its streams. A lost or repeated notification is therefore harmless, and notifications may arrive out of order.
 */
export interface Notifier {
  /** Wakes every subscriber; `seq` is the highest event seq just committed. Must not throw for delivery problems. */
  notify(seq: number): void | Promise<void>;
  /** Registers a listener; returns a function that removes it. */
  subscribe(listener: NotifierListener): () => void;
  /** Releases connections; later `notify` calls do nothing. */
  close?(): void | Promise<void>;
}
