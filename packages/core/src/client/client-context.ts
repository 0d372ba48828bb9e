import type { Viewer } from '@confide/protocol';
import type { QueryClient } from '@tanstack/query-core';
import type { CacheContext } from '../cache/apply-server-event.js';
import type { Clock } from '../lib/clock.js';
import type { OutboxRunner } from '../outbox/outbox-runner.js';
import { conversationQueries } from '../queries/conversation-queries.js';
import { messageQueries } from '../queries/message-queries.js';
import { notificationQueries } from '../queries/notification-queries.js';
import type { ConfideKeys } from '../queries/query-keys.js';
import { templateQueries } from '../queries/template-queries.js';
import { viewerQueries } from '../queries/viewer-queries.js';
import type { ComposerStore } from '../stores/composer/composer-store.js';
import type { ConnectionStore } from '../stores/connection/connection-store.js';
import type { IndexStore } from '../stores/index-filters/index-store.js';
import type { OutboxStore } from '../stores/outbox/outbox-store.js';
import type { Transport } from '../transport/transport.js';

/** Every query option factory of one client, bound to its transport and its keys. */
export function createQueries(transport: Transport, keys: ConfideKeys) {
  return {
    conversations: conversationQueries(transport, keys),
    messages: messageQueries(transport, keys),
    viewer: viewerQueries(transport, keys),
    templates: templateQueries(transport, keys),
    notifications: notificationQueries(transport, keys),
  };
}

/** The query option factories of a client. */
export type ConfideQueries = ReturnType<typeof createQueries>;

/** The client-only state of one client, each a zustand vanilla store. */
export interface ConfideStores {
  /** Drafts by composer. */
  readonly composer: ComposerStore;
  /** Sends waiting for the server, in order. */
  readonly outbox: OutboxStore;
  /** The index's filters and selection. */
  readonly index: IndexStore;
  /** The live stream's status and whether the device is online. */
  readonly connection: ConnectionStore;
}

/** What the parts of a client share (it is also the cache the server's answers are written to). Internal. */
export interface ClientContext extends CacheContext {
  readonly transport: Transport;
  readonly queries: ConfideQueries;
  readonly stores: ConfideStores;
  readonly outbox: OutboxRunner;
  readonly clock: Clock;
  /** `queryClient.fetchQuery` that no component letting go of the query can cancel. */
  readonly fetchQuery: QueryClient['fetchQuery'];
  /** The viewer, loading it if needed. */
  readonly ensureViewer: () => Promise<Viewer>;
  /** The viewer once mounted as the start-up loads it (again after a passing failure), else as `ensureViewer`. */
  readonly startUpViewer: () => Promise<Viewer>;
  /** The largest file the composer lets upload, in bytes (the server checks again). */
  readonly maxUploadBytes: number;
  /** Keeps a stop function until it runs or the client is disposed (which runs it): observers never outlive the client. */
  readonly track: (stop: () => void) => () => void;
}
