import type { RateLimitRule, Store } from '@confide/server';
import {
  createApp,
  createMemoryBlobStore,
  createMemoryStore,
  createMemoryUploads,
  resolveAttachmentSettings,
  seedDemo,
} from '@confide/server';
import { seedEmptyAccount } from './fixtures/empty-account.js';
import { presetInactivePortals } from './fixtures/inactive-portals.js';
import { type LongThreadOptions, seedLongThread } from './fixtures/long-thread.js';
import { type ManyConversationsOptions, seedConversations } from './fixtures/many-conversations.js';
import { DEMO_EMAILS, type DemoPerson } from './fixtures/people.js';
import { handlersFor } from './handlers.js';
import { createMockFetch, type MockFetch } from './mock-fetch.js';
import { HEALTHY_SCENARIO, type MockScenario } from './scenario/mock-scenario.js';
import { createTokenSource, type TokenSource } from './tokens.js';

/** Where the mocks serve the API unless told otherwise (a reserved `.test` host: it never reaches a network). */
export const DEFAULT_MOCK_BASE_URL = 'https://api.confide.test';
/** The HS256 secret the mock server signs and checks tokens with. Public on purpose: it guards nothing. */
export const MOCK_JWT_SECRET = 'confide-mocks-public-secret-0123456789abcdef';
/** Limits high enough that stories and test suites never hit them, per identity per minute. */
const MOCK_RATE_LIMIT: RateLimitRule = { limit: 100_000, windowMs: 60_000 };

/** Options of `createMockServer`. */
export interface MockServerOptions {
  /** Where the API is mocked: an absolute URL, or a path on the page's origin in a browser. @default DEFAULT_MOCK_BASE_URL */
  readonly baseUrl?: string;
  /** The network's behaviour at the start. @default a fast, healthy network */
  readonly scenario?: MockScenario;
  /** Demo contacts (e.g. `DEMO_IDS.daniel`) whose portal is not active: they get no token and no messages. */
  readonly inactivePortals?: readonly string[];
  /** The instant the demo data is placed relative to. @default the current time */
  readonly now?: Date;
  /** Browser origins allowed to call the API cross-origin. @default [] (same-origin or Node) */
  readonly allowedOrigins?: readonly string[];
  /** Heartbeat interval of event streams, in milliseconds. @default the server's */
  readonly heartbeatIntervalMs?: number;
  /** The largest file the mock accepts, in bytes (files live in memory). @default the server's (100 MB) */
  readonly maxUploadBytes?: number;
}

/** What `httpTransport` needs to reach the mock as one person: `httpTransport({ ...mock.as('ben') })`. */
export interface MockConnection {
  /** The mock's base URL. */
  readonly baseUrl: string;
  /** The mock's in-process fetch (no MSW, no network). */
  readonly fetch: MockFetch;
  /** Signs in as the person (a dev token, cached). */
  readonly getToken: () => Promise<string>;
}

/** A running mock of the Confide API: the reference server over an in-memory store with the demo data. */
export interface MockServer {
  /** Where the API is mocked; give it to `httpTransport({ baseUrl })`. */
  readonly baseUrl: string;
  /** MSW handlers for `setupServer`/`setupWorker` (or `setupConfideServer`/`setupConfideWorker`). */
  readonly handlers: ReturnType<typeof handlersFor>;
  /** Answers requests below `baseUrl` in the same process, scenario applied: the handlers without MSW. */
  readonly fetch: MockFetch;
  /** The base URL, fetch and token source for a demo person (by first name) or any e-mail address the mock knows. */
  as(person: DemoPerson | (string & {})): MockConnection;
  /** The store behind the app, for assertions and custom fixtures. */
  readonly store: Store;
  /** Resolves once the demo data is in place (handlers and helpers wait for it themselves). */
  readonly ready: Promise<void>;
  /** A dev token for a demo e-mail address (cached); rejects for unknown people and inactive portals. */
  tokenFor(email: string): Promise<string>;
  /** A `getToken` for `httpTransport` that signs in as `email`. */
  getToken(email: string): () => Promise<string>;
  /** The scenario in force. */
  readonly scenario: MockScenario;
  /** Replaces the scenario (fields left out go back to a healthy network). */
  setScenario(scenario: MockScenario): void;
  /** Adds a conversation of N messages (the newest at the mock's `now` unless given); resolves to its id. */
  addLongThread(options: LongThreadOptions): Promise<string>;
  /** Adds N conversations (the newest at the mock's `now` unless given); resolves to their ids. */
  addConversations(options: ManyConversationsOptions): Promise<string[]>;
}

async function seed(store: Store, options: MockServerOptions, now: Date): Promise<void> {
  await presetInactivePortals(store, options.inactivePortals ?? [], now);
  await seedDemo(store, { now });
  await seedEmptyAccount(store, now);
}

/**
 * Creates a mock of the Confide API that runs the reference server's real rules (`createApp`) over an
 * in-memory store seeded with the demo data, in dev mode. Each call is independent: its own data, its own events.
 *
 * @example
 * const mock = createMockServer();
 * const transport = httpTransport(mock.as('ben')); // in process, no MSW needed
 * // or, through MSW: setupServer(...mock.handlers) and httpTransport({ baseUrl: mock.baseUrl, getToken: mock.getToken(email) })
 */
export function createMockServer(options: MockServerOptions = {}): MockServer {
  const baseUrl = options.baseUrl ?? DEFAULT_MOCK_BASE_URL;
  const now = options.now ?? new Date();
  const store = createMemoryStore();
  const ready = seed(store, options, now);
  const settings = resolveAttachmentSettings({ maxUploadBytes: options.maxUploadBytes });
  const blobStore = createMemoryBlobStore();
  const app = createApp({
    store,
    auth: { secret: MOCK_JWT_SECRET },
    dev: true,
    portalUrl: 'https://portal.confide.test',
    firmAppUrl: 'https://firm.confide.test',
    allowedOrigins: options.allowedOrigins ?? [],
    rateLimits: { sends: MOCK_RATE_LIMIT, devTokens: MOCK_RATE_LIMIT },
    logger: false,
    attachments: { settings, blobStore, uploads: createMemoryUploads({ blobStore, settings }) },
    ...(options.heartbeatIntervalMs === undefined
      ? {}
      : { heartbeatIntervalMs: options.heartbeatIntervalMs }),
  });
  let scenario: MockScenario = { ...HEALTHY_SCENARIO, ...options.scenario };
  const tokens: TokenSource = createTokenSource(app, ready);
  const fetch = createMockFetch({ baseUrl, app, scenario: () => scenario, ready });
  const afterReady =
    <Input, Output>(work: (input: Input) => Promise<Output>) =>
    async (input: Input) => {
      await ready;
      return work(input);
    };

  return {
    baseUrl,
    handlers: handlersFor(baseUrl, fetch),
    fetch,
    as(person) {
      const email = person in DEMO_EMAILS ? DEMO_EMAILS[person as DemoPerson] : person;
      return { baseUrl, fetch, getToken: () => tokens.tokenFor(email) };
    },
    store,
    ready,
    tokenFor: tokens.tokenFor,
    getToken: (email) => () => tokens.tokenFor(email),
    get scenario() {
      return scenario;
    },
    setScenario(next) {
      scenario = { ...HEALTHY_SCENARIO, ...next };
    },
    addLongThread: afterReady((threadOptions: LongThreadOptions) =>
      seedLongThread(store, { now, ...threadOptions }),
    ),
    addConversations: afterReady((listOptions: ManyConversationsOptions) =>
      seedConversations(store, { now, ...listOptions }),
    ),
  };
}
