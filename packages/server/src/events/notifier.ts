/** Called with the seq of the newest committed event. */
export type NotifierListener = (seq: number) => void;

/**
 * Cross-process wake-up for Server-Sent Events subscribers. It carries no event data: after a transaction that
 * appended events commits, the writer calls `notify(seq)` with the highest seq it appended; every subscriber, in
 * this process or another one sharing the database, wakes up, reads `Store.listEventsSince` from its own position
 * and filters by what its viewer may see. A lost or repeated notification is therefore harmless, and
 * notifications may arrive out of order.
 */
export interface Notifier {
  /** Wakes every subscriber; `seq` is the highest event seq just committed. Must not throw for delivery problems. */
  notify(seq: number): void | Promise<void>;
  /** Registers a listener; returns a function that removes it. */
  subscribe(listener: NotifierListener): () => void;
  /** Releases connections; later `notify` calls do nothing. */
  close?(): void | Promise<void>;
}
