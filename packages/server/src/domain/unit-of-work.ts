import type { EventAudience, EventTypeValue } from '../store/rows.js';
import type { StoreTransaction } from '../store/store.js';
import type { DomainContext } from './context.js';

/** Persists an event inside the running transaction. */
export type EmitEvent = (type: EventTypeValue, payload: unknown, audience: EventAudience) => Promise<void>;

/**
 * Runs one domain operation in one store transaction and, once it committed, wakes the event subscribers with
 * the highest event seq it appended (never before the commit, or a subscriber could read too early).
 */
export async function runUnitOfWork<Result>(
  context: DomainContext,
  work: (tx: StoreTransaction, emit: EmitEvent) => Promise<Result>,
): Promise<Result> {
  let highestSeq = 0;
  const result = await context.store.transaction(async (tx) => {
    highestSeq = 0;
    const emit: EmitEvent = async (type, payload, audience) => {
      const seq = await tx.appendEvent({
        type,
        payload,
        audience,
        createdAt: context.clock.now().toISOString(),
      });
      highestSeq = Math.max(highestSeq, seq);
    };
    return work(tx, emit);
  });
  if (highestSeq > 0) await context.notifier.notify(highestSeq);
  return result;
}
