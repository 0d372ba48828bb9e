import type {
  Attachment,
  AttachmentId,
  ConversationId,
  ConversationSummary,
  CreateDownloadTicketResponse,
  CreateTemplateRequest,
  DeleteTemplateResponse,
  ListAuditQuery,
  ListAuditResponse,
  ListContactsQuery,
  ListContactsResponse,
  ListConversationsQuery,
  ListConversationsResponse,
  ListMembersResponse,
  ListMessagesQuery,
  ListMessagesResponse,
  ListNotificationsQuery,
  ListNotificationsResponse,
  ListTemplatesQuery,
  ListTemplatesResponse,
  MarkNotificationsReadRequest,
  MarkNotificationsReadResponse,
  MarkReadRequest,
  MarkReadResponse,
  Message,
  NotificationSettings,
  SendMessageRequest,
  ServerEvent,
  StartConversationRequest,
  StartConversationResponse,
  Template,
  TemplateId,
  TicketPurpose,
  UpdateNotificationSettingsRequest,
  UpdateTemplateRequest,
  Viewer,
} from '@confide/protocol';
import type { ConfideError } from '../errors/confide-error.js';

/** Per-call options every transport method accepts. */
export interface RequestOptions {
  /** Cancels the call; the method then rejects with a `ConfideError` of code `aborted`. */
  readonly signal?: AbortSignal;
}

/** A file to upload: a browser `File`, or any `Blob` with a name. */
export type UploadFile = Blob & { readonly name: string };

/** Options of `Transport.uploadFile`. */
export interface UploadFileOptions extends RequestOptions {
  /** Told how many bytes have been sent so far. */
  readonly onProgress?: (uploadedBytes: number) => void;
  /** Told the upload's id as soon as the server has created it, before the bytes arrive. */
  readonly onCreated?: (id: AttachmentId) => void;
}

/** Options of `Transport.createDownloadTicket`. */
export interface CreateDownloadTicketOptions extends RequestOptions {
  /**
   * `download` to save the file (counted and shown to the firm as a download); `preview` to show a picture in the
   * page (a thumbnail: only for pictures browsers draw, answered inline, never counted as a download).
   * @default 'download'
   */
  readonly purpose?: TicketPurpose;
}

/** The state of the live event stream. */
export type ConnectionStatus = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

/** Options of `Transport.subscribe`. */
export interface SubscribeOptions {
  /** Stops the stream; the same as calling the returned function. */
  readonly signal?: AbortSignal;
  /** Told whenever the stream connects, drops or reconnects, with the error that dropped it. */
  readonly onStatusChange?: (status: ConnectionStatus, error?: ConfideError) => void;
  /** Told about events the transport received but could not parse; the stream continues. */
  readonly onError?: (error: ConfideError) => void;
  /**
   * Told when the stream reopened without a resume point (no `Last-Event-ID`), so events may have been missed
   * while it was down: the client refetches what it shows.
   */
  readonly onResync?: () => void;
}

/** Stops what a `subscribe` call started. */
export type Unsubscribe = () => void;

/**
 * The SDK's only way to the backend: one typed method per operation of wire protocol v1, plus a live event
 * stream. `httpTransport` implements it over HTTP and SSE; a host with its own backend may implement
 * it directly. Methods reject with a `ConfideError`; what they resolve with is parsed
 * again with the protocol's schemas by the client, so a custom transport cannot corrupt the cache.
 */
export interface Transport {
  /** The signed-in person (`GET /v1/me`). */
  getViewer(options?: RequestOptions): Promise<Viewer>;
  /** The firm's contacts, optionally searched (`GET /v1/contacts`). Members only. */
  listContacts(query: ListContactsQuery, options?: RequestOptions): Promise<ListContactsResponse>;
  /** The firm's members (`GET /v1/members`). Members only. */
  listMembers(options?: RequestOptions): Promise<ListMembersResponse>;
  /** A page of conversation summaries, newest activity first (`GET /v1/conversations`). */
  listConversations(
    query: ListConversationsQuery,
    options?: RequestOptions,
  ): Promise<ListConversationsResponse>;
  /** One conversation as the viewer sees it (`GET /v1/conversations/:id`). */
  getConversation(id: ConversationId, options?: RequestOptions): Promise<ConversationSummary>;
  /** A page of messages, newest page first (`GET /v1/conversations/:id/messages`). */
  listMessages(
    id: ConversationId,
    query: ListMessagesQuery,
    options?: RequestOptions,
  ): Promise<ListMessagesResponse>;
  /** Starts a conversation with its first message; idempotent by key (`POST /v1/conversations`). */
  startConversation(
    input: StartConversationRequest,
    options?: RequestOptions,
  ): Promise<StartConversationResponse>;
  /** Sends a message or internal note; idempotent by key (`POST /v1/conversations/:id/messages`). */
  sendMessage(id: ConversationId, input: SendMessageRequest, options?: RequestOptions): Promise<Message>;
  /** Marks a conversation read up to a message (`POST /v1/conversations/:id/read`). */
  markRead(id: ConversationId, input: MarkReadRequest, options?: RequestOptions): Promise<MarkReadResponse>;
  /** The firm's templates, optionally searched (`GET /v1/templates`). Members only. */
  listTemplates(query: ListTemplatesQuery, options?: RequestOptions): Promise<ListTemplatesResponse>;
  /** One template (`GET /v1/templates/:id`). */
  getTemplate(id: TemplateId, options?: RequestOptions): Promise<Template>;
  /** Creates a template (`POST /v1/templates`). Owners and admins only. */
  createTemplate(input: CreateTemplateRequest, options?: RequestOptions): Promise<Template>;
  /** Changes a template (`PUT /v1/templates/:id`). Owners and admins only. */
  updateTemplate(id: TemplateId, input: UpdateTemplateRequest, options?: RequestOptions): Promise<Template>;
  /** Deletes a template (`DELETE /v1/templates/:id`). Owners and admins only. */
  deleteTemplate(id: TemplateId, options?: RequestOptions): Promise<DeleteTemplateResponse>;
  /** A page of in-app notifications and the unread count (`GET /v1/notifications`). Members only. */
  listNotifications(
    query: ListNotificationsQuery,
    options?: RequestOptions,
  ): Promise<ListNotificationsResponse>;
  /** Marks some or all notifications read (`POST /v1/notifications/read`). */
  markNotificationsRead(
    input: MarkNotificationsReadRequest,
    options?: RequestOptions,
  ): Promise<MarkNotificationsReadResponse>;
  /** The firm's setting for client-started conversations (`GET /v1/settings/notifications`). */
  getNotificationSettings(options?: RequestOptions): Promise<NotificationSettings>;
  /** Changes that setting (`PUT /v1/settings/notifications`). Owners and admins only. */
  updateNotificationSettings(
    input: UpdateNotificationSettingsRequest,
    options?: RequestOptions,
  ): Promise<NotificationSettings>;
  /** A page of the firm's audit log (`GET /v1/audit`). Owners and admins only. */
  listAudit(query: ListAuditQuery, options?: RequestOptions): Promise<ListAuditResponse>;
  /**
   * Uploads a file resumably (tus at `/v1/uploads`) and resolves with the file as the server decided it (type from
   * the bytes). Aborting `signal` pauses it: the same file given again continues where it stopped. Rejects with
   * `payload_too_large`, `type_not_allowed`, `invalid_input` (the name), `network` or `aborted`. Optional: without
   * it the composer cannot attach files.
   */
  uploadFile?(file: UploadFile, options?: UploadFileOptions): Promise<Attachment>;
  /** Cancels an upload, or removes a finished one that was not sent (`DELETE /v1/uploads/:id`); `not_found` for others'. */
  deleteUpload?(id: AttachmentId, options?: RequestOptions): Promise<void>;
  /** One file as the viewer may see it (`GET /v1/attachments/:id`); `not_found` when they may not. */
  getAttachment?(id: AttachmentId, options?: RequestOptions): Promise<Attachment>;
  /**
   * A single-use ticket for one file, with the absolute `url` to fetch it without a token
   * (`POST /v1/attachments/:id/tickets`); `not_found`, `attachment_unavailable` (still scanning, or `no_preview` for
   * a preview of a file that is not a picture) or `attachment_blocked`.
   */
  createDownloadTicket?(
    id: AttachmentId,
    options?: CreateDownloadTicketOptions,
  ): Promise<CreateDownloadTicketResponse>;
  /** Opens the live event stream (`GET /v1/events`), reconnecting on its own until unsubscribed. */
  subscribe(onEvent: (event: ServerEvent) => void, options?: SubscribeOptions): Unsubscribe;
}
