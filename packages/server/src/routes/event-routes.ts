import { streamEvents } from '../events/event-stream.js';
import type { RouteHandlers } from './route-handler.js';

/** The handler of `GET /v1/events`. */
export const eventRouteHandlers = {
  async events({ viewer, context, services, hono }) {
    return streamEvents(hono, context, viewer, services.heartbeatIntervalMs);
  },
} satisfies Partial<RouteHandlers>;
