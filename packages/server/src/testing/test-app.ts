import { type CreateAppOptions, createApp } from '../app.js';
import { createMemoryBlobStore } from '../attachments/memory-blob-store.js';
import { signToken } from '../auth/sign-token.js';
import type { DomainContext } from '../domain/context.js';
import { resolveViewer, type ViewerIdentity } from '../domain/viewer.js';
import { createEventHub } from '../events/event-hub.js';
import type { EventHubLimits } from '../events/event-hub-limits.js';
import { createInProcessNotifier } from '../events/in-process-notifier.js';
import type { Clock } from '../lib/clock.js';
import { seedDemo } from '../seed/demo.js';
import { DEMO_IDS } from '../seed/demo-data.js';
import { createMemoryStore } from '../store/memory-store.js';
import type { Store } from '../store/store.js';

/** The HS256 secret of test apps. */
export const TEST_SECRET = 'confide-test-secret-with-enough-bytes-0123';
/** The instant test apps start at. */
export const TEST_START = new Date('2026-03-02T10:00:00.000Z');

/** A clock tests move by hand. */
export interface TestClock extends Clock {
  advance(milliseconds: number): void;
}

/** A clock at `start` that only moves when told to. */
export function createTestClock(start: Date = TEST_START): TestClock {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance(milliseconds) {
      now += milliseconds;
    },
  };
}

/** Who is who in the demo dataset, by role in the tests. */
export const PEOPLE = {
  owner: { sub: DEMO_IDS.ana, role: 'member', firm: DEMO_IDS.riveraCho },
  admin: { sub: DEMO_IDS.ben, role: 'member', firm: DEMO_IDS.riveraCho },
  member: { sub: DEMO_IDS.carla, role: 'member', firm: DEMO_IDS.riveraCho },
  client: { sub: DEMO_IDS.daniel, role: 'client', firm: DEMO_IDS.riveraCho },
  otherClient: { sub: DEMO_IDS.elena, role: 'client', firm: DEMO_IDS.riveraCho },
  otherFirmMember: { sub: DEMO_IDS.grace, role: 'member', firm: DEMO_IDS.northgate },
  otherFirmClient: { sub: DEMO_IDS.hiro, role: 'client', firm: DEMO_IDS.northgate },
} as const;

/** A person of `PEOPLE`. */
export type PersonName = keyof typeof PEOPLE;

/** Request options of `TestApp.call`. */
export interface CallOptions {
  readonly as?: PersonName;
  readonly token?: string;
  readonly body?: unknown;
  readonly rawBody?: BodyInit;
  readonly headers?: Record<string, string>;
}

let keyCounter = 0;

/** A fresh idempotency key. */
export function freshKey(): string {
  keyCounter += 1;
  return `test_key_${keyCounter.toString().padStart(6, '0')}`;
}

/** Options of `createTestApp` that are not the app's. */
export interface TestAppOptions {
  /** Limits of the app's event hub. @default the hub's defaults */
  readonly eventHubLimits?: EventHubLimits;
}

/**
 * A seeded memory store behind a dev-mode app, with helpers to call it as the demo people, and the app's event
 * hub (for its counts).
 */
export async function createTestApp(
  overrides: Partial<CreateAppOptions> = {},
  testOptions: TestAppOptions = {},
) {
  const store: Store = createMemoryStore();
  const clock = createTestClock();
  await seedDemo(store, { now: clock.now() });
  const notifier = createInProcessNotifier();
  const blobStore = overrides.attachments?.blobStore ?? createMemoryBlobStore();
  const eventHub =
    overrides.eventHub ??
    createEventHub({
      store: overrides.store ?? store,
      notifier: overrides.notifier ?? notifier,
      clock: overrides.clock ?? clock,
      retentionMs: overrides.eventRetentionMs,
      limits: testOptions.eventHubLimits,
      onError: () => undefined,
    });
  const options: CreateAppOptions = {
    store,
    notifier,
    eventHub,
    clock,
    auth: { secret: TEST_SECRET },
    dev: true,
    portalUrl: 'https://portal.example.test/messages',
    firmAppUrl: 'https://firm.example.test/inbox',
    allowedOrigins: ['https://portal.example.test'],
    logger: false,
    onUnexpectedError: () => undefined,
    heartbeatIntervalMs: 20,
    ...overrides,
    attachments: { ...overrides.attachments, blobStore },
  };
  const app = createApp(options);
  const tokenFor = (person: PersonName, expiresInSeconds?: number) =>
    signToken(PEOPLE[person], {
      secret: TEST_SECRET,
      now: clock.now(),
      ...(expiresInSeconds === undefined ? {} : { expiresInSeconds }),
    });
  const call = async (method: string, path: string, callOptions: CallOptions = {}) => {
    const headers = new Headers(callOptions.headers);
    const token = callOptions.token ?? (callOptions.as ? await tokenFor(callOptions.as) : undefined);
    if (token !== undefined) headers.set('Authorization', `Bearer ${token}`);
    let body: BodyInit | undefined = callOptions.rawBody;
    if (callOptions.body !== undefined) {
      headers.set('Content-Type', 'application/json');
      body = JSON.stringify(callOptions.body);
    }
    return app.request(path, { method, headers, ...(body === undefined ? {} : { body }) });
  };
  const viewer = async (person: PersonName): Promise<ViewerIdentity> => {
    const claims = PEOPLE[person];
    return resolveViewer(store, claims);
  };
  const context = (requestId = 'req_test'): DomainContext => ({
    store,
    notifier,
    clock,
    createId: (prefix) => `${prefix}_${crypto.randomUUID().replace(/-/g, '')}`,
    portalUrl: options.portalUrl,
    firmAppUrl: options.firmAppUrl,
    requestId,
  });
  return { app, store, clock, notifier, eventHub, blobStore, call, tokenFor, viewer, context };
}

/** What `createTestApp` resolves to. */
export type TestApp = Awaited<ReturnType<typeof createTestApp>>;
