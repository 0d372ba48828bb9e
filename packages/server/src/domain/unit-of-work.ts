import type { EventAudience, EventTypeValue, NewEvent } from '../store/rows.js';
import type { StoreTransaction } from '../store/store.js';
import type { DomainContext } from './context.js';

/** Records an event to append when the operation's work is done (the last statement of its transaction). */
export type EmitEvent = (type: EventTypeValue, payload: unknown, audience: EventAudience) => void;

/**
 * Runs one domain operation in one store transaction. Its events are buffered and appended together as the last
 * statement, so the store's event ordering lock is held from there to the commit only; once committed, the
 * subscribers are woken with the highest seq (never before the commit, or a subscriber could read too early).
 */
export async function runUnitOfWork<Result>(
  context: DomainContext,
  work: (tx: StoreTransaction, emit: EmitEvent) => Promise<Result>,
): Promise<Result> {
  let highestSeq = 0;
  const result = await context.store.transaction(async (tx) => {
    const pending: NewEvent[] = [];
    const emit: EmitEvent = (type, payload, audience) => {
      pending.push({ type, payload, audience, createdAt: context.clock.now().toISOString() });
    };
    const done = await work(tx, emit);
    highestSeq = await tx.appendEvents(pending);
    return done;
  });
  if (highestSeq > 0) await context.notifier.notify(highestSeq);
  return result;
}
