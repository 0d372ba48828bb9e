import type { DomainContext } from '../domain/context.js';
import type { ViewerIdentity } from '../domain/viewer.js';

/**
 * Serves the tus resumable-upload protocol under `/v1/uploads` for a signed-in viewer (every tus request carries
 * the bearer token and is authenticated before it gets here). The Node entry provides one
 * (`createTusUploadHandler`); without one the upload routes answer `not_found`.
 */
export type UploadHandler = (input: {
  readonly request: Request;
  readonly viewer: ViewerIdentity;
  readonly context: DomainContext;
  /**
   * What the runtime passed the app besides the request (on Node, `@hono/node-server`'s `{ incoming, outgoing }`),
   * so a handler can read a large body from the runtime's own stream. `undefined` elsewhere (a browser, MSW).
   */
  readonly runtime?: unknown;
}) => Promise<Response>;
