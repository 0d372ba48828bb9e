import * as z from 'zod/mini';
import {
  AttachmentSchema,
  CreateDownloadTicketQuerySchema,
  CreateDownloadTicketResponseSchema,
  DownloadTicketSchema,
  UPLOADS_PATH,
} from './attachments.js';
import { NotificationSettingsSchema, ViewerSchema } from './entities.js';
import { ServerEventSchema } from './events.js';
import { AttachmentIdSchema, ConversationIdSchema, TemplateIdSchema } from './ids.js';
import {
  CreateTemplateRequestSchema,
  DeleteTemplateResponseSchema,
  DevTokenRequestSchema,
  DevTokenResponseSchema,
  GetConversationResponseSchema,
  HealthResponseSchema,
  ListAuditQuerySchema,
  ListAuditResponseSchema,
  ListContactsQuerySchema,
  ListContactsResponseSchema,
  ListConversationsQuerySchema,
  ListConversationsResponseSchema,
  ListMembersResponseSchema,
  ListMessagesQuerySchema,
  ListMessagesResponseSchema,
  ListNotificationsQuerySchema,
  ListNotificationsResponseSchema,
  ListTemplatesQuerySchema,
  ListTemplatesResponseSchema,
  MarkNotificationsReadRequestSchema,
  MarkNotificationsReadResponseSchema,
  MarkReadRequestSchema,
  MarkReadResponseSchema,
  SendMessageRequestSchema,
  SendMessageResponseSchema,
  StartConversationRequestSchema,
  StartConversationResponseSchema,
  TemplateResponseSchema,
  UpdateNotificationSettingsRequestSchema,
  UpdateTemplateRequestSchema,
} from './requests.js';

/**
 * Who may call a route: `public` anyone; `viewer` any signed-in member or client; `member` firm members only;
 * `admin` the firm's owner and admins; `dev` anyone, and only when the server runs in dev mode.
 */
export type RouteAccess = 'public' | 'viewer' | 'member' | 'admin' | 'dev';

/**
 * How a route answers: JSON parsed by `response`, a Server-Sent Events stream of `response` items, an HTML page,
 * a file's bytes (`file`), or the tus resumable-upload protocol (`tus`: `POST` creates an upload, `HEAD`, `PATCH`
 * and `DELETE` on `path/:id` continue or end it).
 */
export type RouteKind = 'json' | 'sse' | 'html' | 'file' | 'tus';

/** One row of the route table. */
export interface RouteDefinition {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: `/${string}`;
  readonly access: RouteAccess;
  readonly kind: RouteKind;
  /** The status of a successful answer. */
  readonly status: 200 | 201;
  readonly params?: z.ZodMiniType;
  readonly query?: z.ZodMiniType;
  readonly body?: z.ZodMiniType;
  readonly response: z.ZodMiniType;
  /** One sentence on what the route does. */
  readonly summary: string;
}

const ConversationParamsSchema = z.strictObject({ id: ConversationIdSchema });
const TemplateParamsSchema = z.strictObject({ id: TemplateIdSchema });
const AttachmentParamsSchema = z.strictObject({ id: AttachmentIdSchema });
const TicketParamsSchema = z.strictObject({ ticket: DownloadTicketSchema });

/**
 * Wire protocol v1 as data: every route, who may call it and the schemas of its parts. The server, the HTTP
 * transport and the mocks all derive from this table, so a path is written exactly once.
 */
export const routes = {
  health: {
    method: 'GET',
    path: '/healthz',
    access: 'public',
    kind: 'json',
    status: 200,
    response: HealthResponseSchema,
    summary: 'Liveness.',
  },
  getMe: {
    method: 'GET',
    path: '/v1/me',
    access: 'viewer',
    kind: 'json',
    status: 200,
    response: ViewerSchema,
    summary: 'The viewer.',
  },
  listContacts: {
    method: 'GET',
    path: '/v1/contacts',
    access: 'member',
    kind: 'json',
    status: 200,
    query: ListContactsQuerySchema,
    response: ListContactsResponseSchema,
    summary: "The firm's contacts with their portal status and assignees.",
  },
  listMembers: {
    method: 'GET',
    path: '/v1/members',
    access: 'member',
    kind: 'json',
    status: 200,
    response: ListMembersResponseSchema,
    summary: "The firm's members.",
  },
  listConversations: {
    method: 'GET',
    path: '/v1/conversations',
    access: 'viewer',
    kind: 'json',
    status: 200,
    query: ListConversationsQuerySchema,
    response: ListConversationsResponseSchema,
    summary: "The viewer's conversations, newest activity first, with unread counts.",
  },
  startConversation: {
    method: 'POST',
    path: '/v1/conversations',
    access: 'viewer',
    kind: 'json',
    status: 201,
    body: StartConversationRequestSchema,
    response: StartConversationResponseSchema,
    summary: 'Starts a conversation with its first message.',
  },
  getConversation: {
    method: 'GET',
    path: '/v1/conversations/:id',
    access: 'viewer',
    kind: 'json',
    status: 200,
    params: ConversationParamsSchema,
    response: GetConversationResponseSchema,
    summary: 'One conversation, as the viewer sees it.',
  },
  listMessages: {
    method: 'GET',
    path: '/v1/conversations/:id/messages',
    access: 'viewer',
    kind: 'json',
    status: 200,
    params: ConversationParamsSchema,
    query: ListMessagesQuerySchema,
    response: ListMessagesResponseSchema,
    summary: 'Messages, newest page first; `nextCursor` pages towards older ones.',
  },
  sendMessage: {
    method: 'POST',
    path: '/v1/conversations/:id/messages',
    access: 'viewer',
    kind: 'json',
    status: 201,
    params: ConversationParamsSchema,
    body: SendMessageRequestSchema,
    response: SendMessageResponseSchema,
    summary:
      'Sends a message (or, for members, an internal note); the same idempotency key returns the same message.',
  },
  markRead: {
    method: 'POST',
    path: '/v1/conversations/:id/read',
    access: 'viewer',
    kind: 'json',
    status: 200,
    params: ConversationParamsSchema,
    body: MarkReadRequestSchema,
    response: MarkReadResponseSchema,
    summary: 'Marks the conversation read up to a message.',
  },
  listTemplates: {
    method: 'GET',
    path: '/v1/templates',
    access: 'member',
    kind: 'json',
    status: 200,
    query: ListTemplatesQuerySchema,
    response: ListTemplatesResponseSchema,
    summary: "The firm's message templates.",
  },
  getTemplate: {
    method: 'GET',
    path: '/v1/templates/:id',
    access: 'member',
    kind: 'json',
    status: 200,
    params: TemplateParamsSchema,
    response: TemplateResponseSchema,
    summary: 'One template.',
  },
  createTemplate: {
    method: 'POST',
    path: '/v1/templates',
    access: 'admin',
    kind: 'json',
    status: 201,
    body: CreateTemplateRequestSchema,
    response: TemplateResponseSchema,
    summary: 'Creates a template.',
  },
  updateTemplate: {
    method: 'PUT',
    path: '/v1/templates/:id',
    access: 'admin',
    kind: 'json',
    status: 200,
    params: TemplateParamsSchema,
    body: UpdateTemplateRequestSchema,
    response: TemplateResponseSchema,
    summary: 'Changes a template.',
  },
  deleteTemplate: {
    method: 'DELETE',
    path: '/v1/templates/:id',
    access: 'admin',
    kind: 'json',
    status: 200,
    params: TemplateParamsSchema,
    response: DeleteTemplateResponseSchema,
    summary: 'Deletes a template.',
  },
  listNotifications: {
    method: 'GET',
    path: '/v1/notifications',
    access: 'member',
    kind: 'json',
    status: 200,
    query: ListNotificationsQuerySchema,
    response: ListNotificationsResponseSchema,
    summary: "The member's in-app notifications and unread count, newest first.",
  },
  markNotificationsRead: {
    method: 'POST',
    path: '/v1/notifications/read',
    access: 'member',
    kind: 'json',
    status: 200,
    body: MarkNotificationsReadRequestSchema,
    response: MarkNotificationsReadResponseSchema,
    summary: 'Marks some or all notifications read.',
  },
  getNotificationSettings: {
    method: 'GET',
    path: '/v1/settings/notifications',
    access: 'member',
    kind: 'json',
    status: 200,
    response: NotificationSettingsSchema,
    summary: "The firm's setting for client-started conversations.",
  },
  updateNotificationSettings: {
    method: 'PUT',
    path: '/v1/settings/notifications',
    access: 'admin',
    kind: 'json',
    status: 200,
    body: UpdateNotificationSettingsRequestSchema,
    response: NotificationSettingsSchema,
    summary: "Changes the firm's setting for client-started conversations.",
  },
  events: {
    method: 'GET',
    path: '/v1/events',
    access: 'viewer',
    kind: 'sse',
    status: 200,
    response: ServerEventSchema,
    summary:
      'Server-Sent Events for what the viewer may see; resumable with `Last-Event-ID`. A `Last-Event-ID` older than the retention window or beyond the newest event answers 410 `events_expired`: refetch, then reconnect without it.',
  },
  listAudit: {
    method: 'GET',
    path: '/v1/audit',
    access: 'admin',
    kind: 'json',
    status: 200,
    query: ListAuditQuerySchema,
    response: ListAuditResponseSchema,
    summary: "The firm's append-only audit log, newest first.",
  },
  createUpload: {
    method: 'POST',
    path: UPLOADS_PATH,
    access: 'viewer',
    kind: 'tus',
    status: 201,
    response: z.null(),
    summary:
      'Starts a resumable tus upload (metadata `filename`); the upload belongs to its creator, who continues it with `HEAD`/`PATCH` on the `Location` it answers.',
  },
  getAttachment: {
    method: 'GET',
    path: '/v1/attachments/:id',
    access: 'viewer',
    kind: 'json',
    status: 200,
    params: AttachmentParamsSchema,
    response: AttachmentSchema,
    summary:
      'One file: its sender sees it from upload on, others once it was sent in a message they may see.',
  },
  createDownloadTicket: {
    method: 'POST',
    path: '/v1/attachments/:id/tickets',
    access: 'viewer',
    kind: 'json',
    status: 201,
    params: AttachmentParamsSchema,
    query: CreateDownloadTicketQuerySchema,
    response: CreateDownloadTicketResponseSchema,
    summary:
      'A short-lived, single-use ticket to download one file (or, with `purpose=preview`, to show a picture inline), bound to the viewer.',
  },
  downloadAttachment: {
    method: 'GET',
    path: '/v1/downloads/:ticket',
    access: 'public',
    kind: 'file',
    status: 200,
    params: TicketParamsSchema,
    response: z.string(),
    summary:
      'The file of a ticket, as an attachment (a preview ticket: inline); the ticket is the only credential and works once.',
  },
  issueDevToken: {
    method: 'POST',
    path: '/v1/dev/token',
    access: 'dev',
    kind: 'json',
    status: 200,
    body: DevTokenRequestSchema,
    response: DevTokenResponseSchema,
    summary: 'Dev mode only: a token for a demo person by e-mail address.',
  },
  devMail: {
    method: 'GET',
    path: '/dev/mail',
    access: 'dev',
    kind: 'html',
    status: 200,
    response: z.string(),
    summary: 'Dev mode only: the e-mail outbox as the recipients would see it.',
  },
} as const satisfies Record<string, RouteDefinition>;

/** The route table's type. */
export type Routes = typeof routes;
/** An operation name from the route table, e.g. `sendMessage`. */
export type RouteName = keyof Routes;

type SchemaInput<Route, Key extends string> =
  Route extends Record<Key, infer Schema extends z.ZodMiniType> ? z.input<Schema> : undefined;
type SchemaOutput<Route, Key extends string> =
  Route extends Record<Key, infer Schema extends z.ZodMiniType> ? z.output<Schema> : undefined;

/** The path parameters of a route (`{ id }`), or `undefined` when it has none. */
export type RouteParams<Name extends RouteName> = SchemaInput<Routes[Name], 'params'>;
/** The query of a route as a caller writes it, or `undefined`. */
export type RouteQuery<Name extends RouteName> = SchemaInput<Routes[Name], 'query'>;
/** The request body of a route as a caller writes it, or `undefined`. */
export type RouteBody<Name extends RouteName> = SchemaInput<Routes[Name], 'body'>;
/** The parsed response of a route (for `sse` routes: one event). */
export type RouteResponse<Name extends RouteName> = SchemaOutput<Routes[Name], 'response'>;

/** Fills a route's `:name` placeholders, encoding each value. Throws on a missing parameter. */
export function buildPath(path: string, params?: Readonly<Record<string, string>>): string {
  return path.replace(/:([A-Za-z]+)/g, (_placeholder, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new TypeError(`Missing path parameter "${name}" for ${path}`);
    return encodeURIComponent(value);
  });
}

/** Every route as a list, in table order. */
export const routeList: ReadonlyArray<{ readonly name: RouteName } & RouteDefinition> = Object.entries(
  routes,
).map(([name, route]) => ({ name: name as RouteName, ...route }));
