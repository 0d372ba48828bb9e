import type { Viewer } from '@confide/protocol';
import type { Logger } from '../lib/logger.js';
import type { StorageAdapter } from '../storage/storage.js';
import type { Draft } from '../stores/composer/composer-store.js';
import type { OutboxEntry } from '../stores/outbox/outbox-store.js';
import { type PersistHandle, persistStore } from '../stores/persist.js';
import type { ConfideStores } from './client-context.js';

/**
 * The storage key prefix for one viewer. Drafts and queued sends are kept per person: on a shared device the
 * next person must never see, or worse send, someone else's queued messages.
 */
export function storageNamespace(prefix: string, viewer: Viewer): string {
  return `${prefix}:v1:${viewer.firm.id}:${viewer.role}:${viewer.id}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isDraft(value: unknown): value is Draft {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.idempotencyKey === 'string' &&
    typeof value.body === 'string'
  );
}

function isOutboxEntry(value: unknown): value is OutboxEntry {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.body === 'string' &&
    (value.kind === 'message' || value.kind === 'conversation')
  );
}

/** Connects the draft and outbox stores to storage under the viewer's namespace. */
export function persistClientStores(
  stores: ConfideStores,
  storage: StorageAdapter,
  namespace: string,
  logger: Logger,
): PersistHandle[] {
  return [
    persistStore(stores.composer, {
      key: `${namespace}:drafts`,
      storage,
      logger,
      select: (state) => state.drafts,
      restore: (saved, state) => {
        if (!isRecord(saved)) return;
        state.restoreDrafts(
          Object.fromEntries(Object.entries(saved).filter(([, draft]) => isDraft(draft))) as Record<
            string,
            Draft
          >,
        );
      },
    }),
    persistStore(stores.outbox, {
      key: `${namespace}:outbox`,
      storage,
      logger,
      select: (state) => state.entries,
      restore: (saved, state) => {
        if (Array.isArray(saved)) state.restoreEntries(saved.filter(isOutboxEntry));
      },
    }),
  ];
}
