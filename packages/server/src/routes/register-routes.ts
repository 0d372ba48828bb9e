import { REQUEST_BODY_MAX_BYTES, type RouteName, routeList } from '@confide/protocol';
import type { Hono } from 'hono';
import { type Authenticated, authenticate } from '../auth/authenticate.js';
import { requireFirmAdmin, requireMember } from '../domain/access.js';
import type { DomainContext } from '../domain/context.js';
import { ApiError, notFound } from '../errors/api-error.js';
import { parseInput, readQuery } from '../http/parse-input.js';
import { readJsonBody } from '../http/read-json-body.js';
import { attachmentRouteHandlers } from './attachment-routes.js';
import { conversationRouteHandlers } from './conversation-routes.js';
import { devRouteHandlers } from './dev-routes.js';
import { eventRouteHandlers } from './event-routes.js';
import { firmRouteHandlers } from './firm-routes.js';
import type { AppServices, RouteHandler, RouteHandlers, RouteInput } from './route-handler.js';

/** Hono's environment for Confide: the request id travels in the context. */
export interface AppEnv {
  Variables: { requestId: string };
}

const handlers: RouteHandlers = {
  ...conversationRouteHandlers,
  ...firmRouteHandlers,
  ...devRouteHandlers,
  ...eventRouteHandlers,
  ...attachmentRouteHandlers,
};

// tus continues an upload at `<path>/:id` with methods of its own; the route table names only its creation.
// Hono routes HEAD as GET, so GET is registered too (the upload handler refuses a real GET).
const TUS_METHODS = ['POST', 'GET', 'HEAD', 'PATCH', 'DELETE', 'OPTIONS'];

/** Routes without a query schema take no query at all: an unexpected parameter is an unknown key. */
function refuseQuery(url: string): undefined {
  const keys = Object.keys(readQuery(url));
  if (keys.length === 0) return undefined;
  throw new ApiError('invalid_input', 'The request query is invalid', {
    issues: keys.map((key) => ({ path: [key], message: 'Unknown parameter' })),
  });
}

async function authorise(
  request: Request,
  access: string,
  context: DomainContext,
  services: AppServices,
): Promise<Authenticated | null> {
  if (access === 'public' || access === 'dev') return null;
  const signedIn = await authenticate(request, services.verifyToken, context.store, context.clock.now());
  if (access === 'member') requireMember(signedIn.viewer);
  if (access === 'admin') requireFirmAdmin(signedIn.viewer);
  return signedIn;
}

/**
 * Registers every route of the protocol's table (dev routes only in dev mode). Each request is authorised from
 * its token first, then its path, query and body are parsed by the route's schemas, and a JSON answer is parsed
 * by the response schema before it leaves, so nothing outside the protocol is ever sent.
 */
export function registerRoutes(
  app: Hono<AppEnv>,
  services: AppServices,
  createContext: (requestId: string) => DomainContext,
): void {
  for (const route of routeList) {
    if (route.access === 'dev' && !services.dev) continue;
    const handler = handlers[route.name] as unknown as RouteHandler<RouteName>;
    const tus = route.kind === 'tus';
    const methods = tus ? TUS_METHODS : [route.method];
    const paths = tus ? [route.path, `${route.path}/:id`] : [route.path];
    app.on(methods, paths, async (hono) => {
      const context = createContext(hono.get('requestId'));
      const request = hono.req.raw;
      // Hono answers HEAD with a GET route, but only a JSON GET merely reads. A file's GET redeems a single-use
      // ticket and records the download (what "downloaded by the client" shows the firm); the event stream's opens
      // a stream, one of the person's few, that nobody would ever read. A link checker's HEAD must do neither.
      if ((route.kind === 'file' || route.kind === 'sse') && request.method === 'HEAD')
        throw notFound('Route');
      const signedIn = await authorise(request, route.access, context, services);
      const params = route.params ? parseInput(route.params, hono.req.param(), 'params') : undefined;
      const query = route.query
        ? parseInput(route.query, readQuery(request.url), 'query')
        : refuseQuery(request.url);
      const body = route.body
        ? parseInput(route.body, await readJsonBody(request, REQUEST_BODY_MAX_BYTES), 'body')
        : undefined;
      const input = {
        params,
        query,
        body,
        viewer: signedIn?.viewer ?? null,
        tokenExpiresAt: signedIn?.expiresAt ?? null,
        context,
        services,
        request,
        hono,
      } as RouteInput<RouteName>;
      const result: unknown = await handler(input);
      if (route.kind !== 'json') return result as Response;
      return hono.json(route.response.parse(result) as object, route.status);
    });
  }
}
