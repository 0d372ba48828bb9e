import {
  type AttachmentId,
  type ConversationId,
  DEFAULT_MAX_UPLOAD_BYTES,
  type Notification,
  type TicketPurpose,
  type Viewer,
} from '@confide/protocol';
import { focusManager, isCancelledError, onlineManager, type Query, QueryClient } from '@tanstack/query-core';
import { applyNewConversation, applyNewMessage, applyServerEvent } from '../cache/apply-server-event.js';
import { ConfideError } from '../errors/confide-error.js';
import { backoffDelay } from '../lib/backoff.js';
import { type Clock, systemClock } from '../lib/clock.js';
import { randomId } from '../lib/id.js';
import { type Logger, silentLogger } from '../lib/logger.js';
import type { NetworkStatus } from '../lib/network-status.js';
import { createOutboxRunner, type OutboxOptions } from '../outbox/outbox-runner.js';
import { shareOutbox } from '../outbox/share-outbox.js';
import { type ConfideKeys, createConfideKeys } from '../queries/query-keys.js';
import { memoryStorage, type SharingChannel, type StorageAdapter } from '../storage/storage.js';
import { createComposerStore } from '../stores/composer/composer-store.js';
import { shareDrafts } from '../stores/composer/share-drafts.js';
import { createConnectionStore } from '../stores/connection/connection-store.js';
import { createIndexStore } from '../stores/index-filters/index-store.js';
import { createOutboxStore } from '../stores/outbox/outbox-store.js';
import type { Transport } from '../transport/transport.js';
import { validatedTransport } from '../transport/validated-transport.js';
import { createAnsweredRequests } from './answered-requests.js';
import {
  type ClientContext,
  type ConfideQueries,
  type ConfideStores,
  createQueries,
} from './client-context.js';
import { persistClientStores, storageNamespace } from './client-storage.js';
import { closableTransport } from './closable-transport.js';
import { type Composer, type ComposerOptions, createComposer } from './composer.js';
import { type ConversationIndex, createConversationIndex } from './conversation-index.js';
import {
  type ContactsApi,
  createDirectory,
  type SettingsApi,
  type TemplatesApi,
  type ViewerApi,
} from './directory.js';
import { createNotifications, type Notifications } from './notifications.js';
import { createThread, type Thread } from './thread.js';

/** Options of `createConfideClient`. */
export interface ConfideClientOptions {
  /** How the SDK reaches the backend: `httpTransport(...)` or your own. */
  readonly transport: Transport;
  /**
   * A QueryClient to share with the host's react-query; the client's keys all start with `['confide', scope]`
   * and `dispose()` removes them. @default a private one
   */
  readonly queryClient?: QueryClient;
  /** Where drafts and queued sends survive a reload. @default memoryStorage() */
  readonly storage?: StorageAdapter;
  /** Prefix of every storage key. @default 'confide' */
  readonly storageKeyPrefix?: string;
  /** Time and timers. @default the system clock */
  readonly clock?: Clock;
  /** Where recoverable problems are reported. @default silent */
  readonly logger?: Logger;
  /** Whether to open the live event stream. @default true */
  readonly live?: boolean;
  /** The second part of every query key: one per client, so two clients on one QueryClient never share data. @default a random id */
  readonly scope?: string;
  /** Retry settings of the send outbox. */
  readonly outbox?: OutboxOptions;
  /** Connectivity, so sends wait while offline (e.g. `browserNetworkStatus()`). @default always online */
  readonly network?: NetworkStatus;
  /** The largest file the composer lets upload, in bytes; set it to the server's limit. @default DEFAULT_MAX_UPLOAD_BYTES (100 MB) */
  readonly maxUploadBytes?: number;
  /**
   * Called when this person signs out in another client on the same `storage` (another tab): this client has then
   * stopped as `dispose()` does and dropped their drafts and sends, and the host shows its sign-in page.
   */
  readonly onSignedOutElsewhere?: () => void;
}

/** Options of `client.attachments.downloadUrl`. */
export interface DownloadUrlOptions {
  /** `download` saves the file; `preview` shows a picture in the page without counting as a download. @default 'download' */
  readonly purpose?: TicketPurpose;
}

/** Files sent in messages. */
export interface AttachmentsApi {
  /**
   * A URL that downloads the file once, within a minute, without a token (a single-use ticket: fit for a link or a
   * new tab; the bearer token never goes into a URL). With `{ purpose: 'preview' }` the URL shows a picture inline
   * (for a thumbnail) and does not count as a download. Rejects with `not_found`, `attachment_unavailable` (still
   * being scanned, or `no_preview`) or `attachment_blocked`.
   */
  downloadUrl(id: AttachmentId, options?: DownloadUrlOptions): Promise<string>;
}

/** A Confide client: everything a UI needs, without any UI. */
export interface ConfideClient {
  /** The transport, wrapped so every answer is checked against the protocol and nothing is asked after `dispose()`. */
  readonly transport: Transport;
  /** The QueryClient holding server data (share it with react-query). */
  readonly queryClient: QueryClient;
  /** This client's query keys, for `invalidateQueries` and the like. */
  readonly keys: ConfideKeys;
  /** Query option factories bound to this client's transport, for query-core observers or react-query hooks. */
  readonly queries: ConfideQueries;
  /** Client-only state as zustand vanilla stores. */
  readonly stores: ConfideStores;
  /**
   * Resolves once `mount()` has loaded the viewer and restored saved drafts and sends. A load that fails for a
   * passing reason (network, timeout, 5xx, 429) is tried again with backoff, so it stays pending while offline;
   * rejects when the server refuses the viewer (`unauthenticated`, `forbidden`, `portal_inactive`): sends then still
   * go out and get the server's answer, but nothing saved is restored. Stays pending until `mount()`.
   */
  readonly ready: Promise<Viewer>;
  readonly viewer: ViewerApi;
  /** The message index. */
  readonly conversations: ConversationIndex;
  /** The thread of one conversation (the same object for the same id). */
  thread(id: ConversationId): Thread;
  /** A composer for a new conversation or, with `conversationId`, a reply (the same object for the same draft). */
  composer(options?: ComposerOptions): Composer;
  readonly templates: TemplatesApi;
  readonly notifications: Notifications;
  readonly settings: SettingsApi;
  readonly contacts: ContactsApi;
  readonly attachments: AttachmentsApi;
  /** Tells the client the device went on- or offline (when no `network` option reports it). */
  setOnline(online: boolean): void;
  /**
   * Starts the client: loads the viewer, restores saved drafts and sends, opens the event stream and starts the
   * outbox. Creating a client does none of this; `ConfideProvider` calls it in an effect. A second call does nothing.
   */
  mount(): void;
  /** Stops the event stream, timers and subscriptions and removes the client's queries; it cannot be mounted again. */
  dispose(): void;
  /**
   * What this person has not sent from this device: `sends` queued, sending or failed in the outbox, and `drafts`
   * holding a subject, text or files. `signOut()` deletes them, so a host asks before signing out when either is
   * above zero.
   */
  unsentWork(): UnsentWork;
  /**
   * Signs this person out of the device: stops the client as `dispose()` does, empties its drafts and outbox, and
   * removes them from `storage`, so nothing they typed stays behind on a shared device for the next person to read
   * (DESIGN, Security: privileged attorney–client text). Unsent messages are lost, also in the person's other tabs
   * on the same storage: they stop as well, drop the drafts and sends and call `onSignedOutElsewhere`; see
   * `unsentWork()`. A send already on the wire may still arrive. The host's own sign-in
   * (tokens, cookies) is the host's to clear. Before the viewer has loaded nothing is known to be this person's, so
   * storage is left as it is. Resolves once storage has removed both entries; rejects only with what the storage
   * adapter's `removeItem` rejects with.
   */
  signOut(): Promise<void>;
}

/** What a person has not sent from this device (see `ConfideClient.unsentWork`). */
export interface UnsentWork {
  /** Sends in the outbox: queued, sending or failed. */
  readonly sends: number;
  /** Drafts with a subject, text or files. */
  readonly drafts: number;
}

/** Waits between start-up attempts to load the viewer, in milliseconds (doubling, with jitter). */
const VIEWER_RETRY = { baseDelayMs: 1_000, maxDelayMs: 30_000 };

/** The value kept under `key`, made by `create` the first time. */
function once<Key, Value>(map: Map<Key, Value>, key: Key, create: () => Value): Value {
  return map.get(key) ?? map.set(key, create()).get(key)!;
}

/**
 * Creates a Confide client over a transport. Nothing happens until `mount()`: no request, no stream, no timer.
 *
 * @example
 * const client = createConfideClient({ transport: httpTransport({ baseUrl, getToken }) });
 * client.mount();
 * const stop = client.conversations.observe((state) => render(state.conversations));
 */
export function createConfideClient(options: ConfideClientOptions): ConfideClient {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  let state: 'created' | 'mounted' | 'disposed' = 'created';
  const answered = createAnsweredRequests();
  const transport = closableTransport(
    validatedTransport(options.transport),
    () => state === 'disposed',
    answered.watch,
  );
  const ownsQueryClient = options.queryClient === undefined;
  const queryClient = options.queryClient ?? new QueryClient();
  const keys = createConfideKeys(options.scope ?? randomId());
  const queries = createQueries(transport, keys);
  const stores: ConfideStores = {
    composer: createComposerStore(clock.now),
    outbox: createOutboxStore(),
    index: createIndexStore(),
    connection: createConnectionStore(),
  };
  const cleanups: (() => void)[] = [];
  // query-core cancels a fetch whose last observer leaves (StrictMode's effect re-run, a quick route change); the
  // client's own reads are not the component's to cancel, so they start again until the client is disposed.
  const fetchQuery = (async (fetchOptions: Parameters<QueryClient['fetchQuery']>[0]) => {
    for (;;) {
      try {
        return await queryClient.fetchQuery(fetchOptions);
      } catch (error) {
        if (state === 'disposed' || !isCancelledError(error)) throw error;
      }
    }
  }) as QueryClient['fetchQuery'];
  let startUpLoad: Promise<Viewer> | undefined;
  let startUp: Promise<void> | undefined;
  const storage = options.storage ?? memoryStorage();
  const storagePrefix = options.storageKeyPrefix ?? 'confide';
  const observers = new Set<() => void>();
  const arrivals = new Set<(notification: Notification) => void>();
  const context: ClientContext = {
    transport,
    queryClient,
    keys,
    queries,
    stores,
    clock,
    viewer: () => queryClient.getQueryData<Viewer>(keys.viewer()),
    fetchQuery,
    ensureViewer: () => fetchQuery(queries.viewer.viewer()),
    startUpViewer: () => startUpLoad ?? context.ensureViewer(),
    fetchSummary: (id) => fetchQuery(queries.conversations.detail(id)),
    maxUploadBytes: options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
    track(stop) {
      const once = () => {
        if (observers.delete(once)) stop();
      };
      observers.add(once);
      return once;
    },
    outbox: createOutboxRunner({
      transport,
      outbox: stores.outbox,
      connection: stores.connection,
      clock,
      options: options.outbox ?? {},
      reachableAgain: whenReachableAgain,
      onSent(entry, result) {
        if ('conversation' in result) applyNewConversation(context, result.conversation, result.message);
        else applyNewMessage(context, result);
        const composer = stores.composer.getState();
        if (entry.draftId && composer.drafts[entry.draftId]?.idempotencyKey === entry.id)
          composer.resetDraft(entry.draftId);
      },
    }),
  };

  let settleReady: { resolve: (viewer: Viewer) => void; reject: (error: unknown) => void } | undefined;
  const ready = new Promise<Viewer>((resolve, reject) => {
    settleReady = { resolve, reject };
  });
  // A host that never awaits `ready` must not see an unhandled rejection when the viewer cannot load.
  ready.catch(() => {});

  /**
   * Refetches the event-fed data (conversations, messages, notifications) loaded before the stream first opened:
   * the stream starts at the server's position when it opens, so what happened between such a load and the open
   * would reach neither (a slow stream, or queries that ran while it connected). Later opens resume, or resync.
   */
  function refetchLoadedBeforeOpen() {
    const openedAt = Date.now();
    const loadedBefore = (query: Query) =>
      query.state.dataUpdatedAt > 0 && query.state.dataUpdatedAt <= openedAt;
    for (const queryKey of [keys.conversations(), [...keys.all, 'messages'], keys.notifications()])
      void queryClient.invalidateQueries({ queryKey, predicate: loadedBefore });
  }

  /**
   * Calls `reconnectNow` when the backend looks reachable again: a call of this client's transport begun after the
   * latest passing failure is answered (`createAnsweredRequests`), the device comes online (the `network` option or
   * `setOnline`), or the page becomes visible (query-core's `focusManager`, which a host outside the browser
   * configures for react-query too). The event stream and the outbox waiting out their backoff then go again at
   * once instead of up to 30 s later. Returns a stop.
   */
  function whenReachableAgain(reconnectNow: () => void): () => void {
    const stopAnswered = answered.onAnswered(reconnectNow);
    const stopOnline = stores.connection.subscribe((current, previous) => {
      if (current.online && !previous.online) reconnectNow();
    });
    const stopVisible = focusManager.subscribe((visible) => {
      if (visible) reconnectNow();
    });
    return () => {
      stopAnswered();
      stopOnline();
      stopVisible();
    };
  }

  function startEvents() {
    if (state !== 'mounted' || options.live === false) return;
    let opened = false;
    stores.connection.getState().setStatus('connecting');
    cleanups.push(
      transport.subscribe(
        (event) => {
          // The stream can bring the viewer's own start before the answer to it: the pending row then goes as
          // the conversation comes, not one answer later.
          if (event.type === 'conversation.created')
            stores.outbox.getState().confirm(event.data.message.idempotencyKey, event.data.conversation.id);
          applyServerEvent(context, event);
          if (event.type === 'notification.created')
            for (const handler of [...arrivals]) handler(event.data.notification);
        },
        {
          onStatusChange: (status, error) => {
            stores.connection.getState().setStatus(status, error);
            if (status !== 'open' || opened) return;
            opened = true;
            refetchLoadedBeforeOpen();
          },
          onError: (error) => logger.warn('Skipped a malformed event', { code: error.code }),
          onResync: () => void queryClient.invalidateQueries({ queryKey: keys.all }),
          reconnectTriggers: whenReachableAgain,
        },
      ),
    );
  }

  /** Resolves after `ms` on the client's clock, or at once when the client is disposed. */
  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = clock.setTimeout(() => stop(), ms);
      const stop = context.track(() => {
        clock.clearTimeout(timer);
        resolve();
      });
    });
  }

  /**
   * Loads the viewer for start-up, which must not give up on a passing problem: until the viewer loads, nothing
   * saved can be restored and the outbox cannot start. A load that failed for a reason that may pass (network,
   * timeout, 5xx, 429) is tried again after a backoff. Rejects with the error of a refusal (`unauthorized`,
   * `forbidden`, `portal_inactive`).
   */
  async function loadViewer(): Promise<Viewer> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await context.ensureViewer();
      } catch (error) {
        if (state !== 'mounted' || !ConfideError.is(error) || !error.retryable) throw error;
        logger.warn('Could not load the viewer yet', { code: error.code });
        await pause(Math.max(backoffDelay(attempt, VIEWER_RETRY), (error.retryAfterSeconds ?? 0) * 1_000));
      }
    }
  }

  async function start() {
    try {
      startUpLoad = loadViewer();
      const loaded = await startUpLoad;
      if (state !== 'mounted') return;
      const namespace = storageNamespace(storagePrefix, loaded);
      const stopPersisting = await persistClientStores(stores, storage, namespace, logger);
      if (state !== 'mounted') return stopPersisting();
      cleanups.push(stopPersisting);
      if (storage.sharing) {
        const { sharing } = storage;
        signedOut = sharing.channel(`${namespace}:signed-out`, () => {
          // Detached from storage first, so that nothing of the person is written after the other page removed it.
          dispose();
          forget();
          options.onSignedOutElsewhere?.();
        });
        cleanups.push(
          shareOutbox(context.outbox, stores.outbox, sharing, `${namespace}:outbox`),
          shareDrafts(stores.composer, sharing, `${namespace}:drafts`),
          () => signedOut?.close(),
        );
      }
      settleReady?.resolve(loaded);
    } catch (error) {
      if (state !== 'mounted') return settleReady?.reject(error);
      logger.error('Could not load the viewer', { code: (error as { code?: unknown }).code });
      // Refused: nothing saved can be restored, as whose it is is unknown. Sends made now still go out, so the
      // server's answer reaches them instead of leaving them pending for good.
      settleReady?.reject(error);
    }
    startEvents();
    context.outbox.start();
  }

  const threads = new Map<ConversationId, Thread>();
  const composers = new Map<string, Composer>();
  const setOnline = (online: boolean) => stores.connection.getState().setOnline(online);
  // Where this person's other pages on the storage hear that they signed out here.
  let signedOut: SharingChannel | undefined;
  const forget = () => {
    stores.outbox.setState({ entries: [] });
    stores.composer.setState({ drafts: {} });
  };

  function dispose() {
    if (state === 'disposed') return;
    const wasMounted = state === 'mounted';
    state = 'disposed';
    context.outbox.dispose();
    for (const stop of [...observers]) stop();
    for (const cleanup of cleanups.splice(0)) cleanup();
    stores.connection.getState().setStatus('closed');
    arrivals.clear();
    threads.clear();
    composers.clear();
    // Nothing of this client stays in a shared QueryClient for the next person to read.
    void queryClient.cancelQueries({ queryKey: keys.all });
    queryClient.removeQueries({ queryKey: keys.all });
    if (ownsQueryClient) {
      queryClient.clear();
      if (wasMounted) queryClient.unmount();
    }
  }

  return {
    transport,
    queryClient,
    keys,
    queries,
    stores,
    ready,
    ...createDirectory(context),
    conversations: createConversationIndex(context),
    thread: (id) => once(threads, id, () => createThread(context, id)),
    composer(composerOptions = {}) {
      const { conversationId, draftId = 'new' } = composerOptions;
      const key = conversationId ? `reply:${conversationId}` : draftId;
      return once(composers, key, () => createComposer(context, composerOptions));
    },
    notifications: createNotifications(context, arrivals),
    attachments: {
      async downloadUrl(id, { purpose } = {}) {
        if (!transport.createDownloadTicket)
          throw new ConfideError('internal', 'This transport cannot download files', { retryable: false });
        return (await transport.createDownloadTicket(id, purpose ? { purpose } : {})).url;
      },
    },
    setOnline,
    mount() {
      if (state !== 'created') return;
      state = 'mounted';
      if (ownsQueryClient) queryClient.mount();
      if (options.network) {
        // query-core pauses queries by its own page-wide `onlineManager`, which misses an "online" event heard while
        // no client listened (a sign-out while offline, then online, then the next sign-in): it follows the network.
        const follow = (online: boolean) => {
          setOnline(online);
          onlineManager.setOnline(online);
          // A host's QueryClient that nothing mounted (no QueryClientProvider) does not listen to it: its paused
          // queries resume here (query-core dedupes this with its own resume when it does listen).
          if (online && !ownsQueryClient) queryClient.getQueryCache().onOnline();
        };
        follow(options.network.isOnline());
        cleanups.push(options.network.subscribe(follow));
      }
      startUp = start();
    },
    dispose,
    unsentWork: () => ({
      sends: stores.outbox.getState().entries.length,
      drafts: Object.values(stores.composer.getState().drafts).filter(
        (draft) => draft.subject.trim() !== '' || draft.body.trim() !== '' || draft.attachments.length > 0,
      ).length,
    }),
    async signOut() {
      const viewer = context.viewer();
      // The person's other pages stop before anything else, so none of them saves their drafts or sends again.
      signedOut?.post('signed-out');
      forget();
      dispose();
      // A start-up still reading saved state would write it back after the removal below.
      await startUp;
      forget();
      if (!viewer) return;
      const namespace = storageNamespace(storagePrefix, viewer);
      await Promise.all([
        storage.removeItem(`${namespace}:drafts`),
        storage.removeItem(`${namespace}:outbox`),
      ]);
    },
  };
}
