import type { RouteName, Routes } from '@confide/protocol';
import type { Context } from 'hono';
import type * as z from 'zod/mini';
import type { AttachmentSettings } from '../attachments/attachment-settings.js';
import type { BlobStore } from '../attachments/blob-store.js';
import type { UploadHandler } from '../attachments/upload-handler.js';
import type { AuthOptions, TokenVerifier } from '../auth/token-verifier.js';
import type { DomainContext } from '../domain/context.js';
import type { ViewerIdentity } from '../domain/viewer.js';
import type { EventHub } from '../events/event-hub.js';
import type { ConnectionCloser } from '../events/event-stream.js';
import type { ClientAddressReader } from '../http/client-address.js';
import type { RateLimiter } from '../http/rate-limiter.js';

/** What handlers share for the app's lifetime. */
export interface AppServices {
  readonly verifyToken: TokenVerifier;
  readonly auth: AuthOptions;
  readonly dev: boolean;
  /** Whether an outbox worker delivers mail (SMTP configured); the dev mail page says so. */
  readonly deliversMail: boolean;
  readonly heartbeatIntervalMs: number;
  /** Ends open event streams when the server shuts down. */
  readonly shutdownSignal: AbortSignal | undefined;
  readonly sendLimiter: RateLimiter;
  /** The process's one reader of new events, fanning them out to the open streams. */
  readonly eventHub: EventHub;
  /** Closes the connection of an event stream whose reader fell too far behind, when the runtime can. */
  readonly closeConnection: ConnectionCloser | undefined;
  /** Counts dev tokens per caller address (see `addressRateLimitKey`). */
  readonly devTokenLimiter: RateLimiter;
  /** The caller's network address, when the runtime knows it. */
  readonly clientAddress: ClientAddressReader;
  /** Files: limits, where bytes live, and the tus upload handler when uploads are enabled. */
  readonly attachments: {
    readonly settings: AttachmentSettings;
    readonly blobStore: BlobStore;
    readonly uploads: UploadHandler | undefined;
  };
}

type ParsedPart<Name extends RouteName, Key extends string> =
  Routes[Name] extends Record<Key, infer Schema extends z.core.$ZodType> ? z.output<Schema> : undefined;

/** A route's parsed input: path parameters, query and body through the protocol's schemas, and the viewer. */
export interface RouteInput<Name extends RouteName> {
  readonly params: ParsedPart<Name, 'params'>;
  readonly query: ParsedPart<Name, 'query'>;
  readonly body: ParsedPart<Name, 'body'>;
  /** The signed-in viewer; `null` on public and dev routes. */
  readonly viewer: Routes[Name]['access'] extends 'public' | 'dev' ? null : ViewerIdentity;
  /** When the viewer's token stops being valid; `null` on public and dev routes. */
  readonly tokenExpiresAt: Routes[Name]['access'] extends 'public' | 'dev' ? null : Date;
  readonly context: DomainContext;
  readonly services: AppServices;
  readonly request: Request;
  /** Hono's context, for handlers that stream. */
  readonly hono: Context;
}

/** What a handler returns: the response's schema input for JSON routes, a whole `Response` for SSE and HTML. */
export type RouteResult<Name extends RouteName> = Routes[Name]['kind'] extends 'json'
  ? z.input<Routes[Name]['response']>
  : Response;

/** Implements one route of the protocol's table. */
export type RouteHandler<Name extends RouteName> = (input: RouteInput<Name>) => Promise<RouteResult<Name>>;

/** One handler for every route of the table, checked by the compiler so none is forgotten. */
export type RouteHandlers = { readonly [Name in RouteName]: RouteHandler<Name> };
