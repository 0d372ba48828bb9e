import { streamEvents } from '../events/event-stream.js';
import type { RouteHandlers } from './route-handler.js';

/** The handler of `GET /v1/events`. */
export const eventRouteHandlers = {
  async events({ viewer, tokenExpiresAt, context, services, hono }) {
    return streamEvents(hono, context, {
      viewer,
      hub: services.eventHub,
      heartbeatIntervalMs: services.heartbeatIntervalMs,
      endsAt: tokenExpiresAt,
      shutdownSignal: services.shutdownSignal,
      closeConnection: services.closeConnection,
    });
  },
} satisfies Partial<RouteHandlers>;
