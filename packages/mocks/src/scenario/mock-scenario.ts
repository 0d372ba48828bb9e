import type { ErrorCode, RouteName } from '@confide/protocol';

/**
 * How a failing route answers: the protocol's error envelope with a 5xx status (code `internal`), or with `code`
 * and its status (e.g. `forbidden` → 403, not retryable); optionally with `Retry-After`.
 */
export interface MockFailure {
  /** The HTTP status of a server error. @default 500, or the status of `code` */
  readonly status?: 500 | 502 | 503 | 504;
  /** A protocol error code to answer with instead of a server error. */
  readonly code?: ErrorCode;
  /** Sent as the `Retry-After` header, in seconds. */
  readonly retryAfterSeconds?: number;
}

/**
 * Switches that change how the mocked network behaves, on top of the real server rules. Every field can be
 * changed while the mock runs (`mock.setScenario`), so a story or test can recover from a failure.
 */
export interface MockScenario {
  /** Delay before each answer, in milliseconds (the event stream's first byte too). @default 0 */
  readonly latencyMs?: number;
  /** Every request fails as a network error, as when the device is offline. @default false */
  readonly offline?: boolean;
  /** Routes (by the protocol's route name, e.g. `listConversations`) that answer with a server error. */
  readonly failures?: Partial<Record<RouteName, MockFailure>>;
}

/** The scenario a mock starts with: a fast, healthy network. */
export const HEALTHY_SCENARIO: MockScenario = { latencyMs: 0, offline: false, failures: {} };

/** Common scenarios, ready to pass to `createMockServer({ scenario })` or `mock.setScenario`. */
export const scenarios = {
  /** Every answer arrives after `latencyMs` (a slow mobile link). */
  slowNetwork: (latencyMs = 1500): MockScenario => ({ latencyMs }),
  /** Every request fails as a network error. */
  offline: (): MockScenario => ({ offline: true }),
  /**
   * The given routes answer 503 Service Unavailable with `Retry-After` (all routes that read conversations and
   * messages when none are given).
   */
  serverErrors: (
    routeNames: readonly RouteName[] = ['listConversations', 'getConversation', 'listMessages'],
    failure: MockFailure = { status: 503, retryAfterSeconds: 1 },
  ): MockScenario => ({
    failures: Object.fromEntries(routeNames.map((name) => [name, failure])),
  }),
} as const;
