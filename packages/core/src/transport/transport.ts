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
  /**
   * Tells the stream about moments when the backend is likely reachable again (`createConfideClient` passes the
   * device coming online and the page becoming visible): it is called once with `reconnectNow`, and the function
   * it returns when the stream stops. A stream waiting out its own backoff after a passing failure (network,
   * timeout, 5xx) then reconnects at once; a wait the server asked for (a rate limit, `Retry-After`) is kept, and
   * a stream stopped for good stays stopped.
   */
  readonly reconnectTriggers?: (reconnectNow: () => void) => () => void;
}

/** Stops what a `subscribe` call started. */
export type Unsubscribe = () => void;

/**
 * The SDK's only way to the backend: one typed method per operation of wire protocol v1, plus a live event
 * stream. `httpTransport` implements it over HTTP and SSE; a host with its own backend may implement it
 * directly. Methods reject with a `ConfideError`; what they resolve with is parsed again with the protocol's
 * schemas by the client, so a custom transport cannot corrupt the cache.
 *
 * Every method rejects with the common errors: `unauthenticated` (no token, or refused again after one
 * refresh), `forbidden` with `context.reason` `portal_inactive` (a client whose portal is no longer active),
 * `internal`, `network`, `timeout`, `invalid_response` (an answer that breaks the protocol) and `aborted`.
 * Each method below names only the codes it adds (and the common ones it cannot reject with). "Members only":
 * a client gets `forbidden`; "owners and admins only": a member or a client gets `forbidden`.
 */
export interface Transport {
  /** The signed-in person (`GET /v1/me`). Only the common errors. */
  getViewer(options?: RequestOptions): Promise<Viewer>;
  /**
   * The firm's contacts, optionally searched (`GET /v1/contacts`). Members only. Adds `invalid_input` (the
   * query).
   */
  listContacts(query: ListContactsQuery, options?: RequestOptions): Promise<ListContactsResponse>;
  /** The firm's members (`GET /v1/members`). Members only. */
  listMembers(options?: RequestOptions): Promise<ListMembersResponse>;
  /**
   * A page of conversation summaries, newest activity first (`GET /v1/conversations`). Adds `invalid_input`
   * (a cursor, limit or filter the server cannot read).
   */
  listConversations(
    query: ListConversationsQuery,
    options?: RequestOptions,
  ): Promise<ListConversationsResponse>;
  /**
   * One conversation as the viewer sees it (`GET /v1/conversations/:id`). Adds `not_found` (no such
   * conversation, or not the viewer's).
   */
  getConversation(id: ConversationId, options?: RequestOptions): Promise<ConversationSummary>;
  /**
   * A page of messages, newest page first (`GET /v1/conversations/:id/messages`). Adds `not_found` (the
   * conversation) and `invalid_input` (the cursor or limit).
   */
  listMessages(
    id: ConversationId,
    query: ListMessagesQuery,
    options?: RequestOptions,
  ): Promise<ListMessagesResponse>;
  /**
   * Starts a conversation with its first message; idempotent by key (`POST /v1/conversations`). Adds
   * `invalid_input` (subject or body breaks the text rules, a member without `contactId`, too many files),
   * `forbidden` (a client naming a contact), `not_found` (the contact, or a file that is not the sender's
   * upload), `portal_inactive` (the contact's portal is not active), `conflict` (the idempotency key was used
   * for another message, or `senderId` is not the token's viewer: reason `sender_changed`), `attachment_unavailable` (a file still uploading or already sent),
   * `payload_too_large` (the request body) and `rate_limited` (too many sends; `retryAfterSeconds`).
   */
  startConversation(
    input: StartConversationRequest,
    options?: RequestOptions,
  ): Promise<StartConversationResponse>;
  /**
   * Sends a message or internal note; idempotent by key (`POST /v1/conversations/:id/messages`). Adds
   * `invalid_input` (the body breaks the text rules, too many files), `forbidden` (an internal note by a
   * client), `not_found` (the conversation, or a file that is not the sender's upload), `conflict` (the
   * idempotency key was used in another conversation, or `senderId` is not the token's viewer: reason
   * `sender_changed`), `attachment_unavailable` (a file still uploading or
   * already sent), `payload_too_large` (the request body) and `rate_limited` (too many sends;
   * `retryAfterSeconds`).
   */
  sendMessage(id: ConversationId, input: SendMessageRequest, options?: RequestOptions): Promise<Message>;
  /**
   * Marks a conversation read up to a message (`POST /v1/conversations/:id/read`). Adds `not_found` (the
   * conversation, or a message in it the viewer may not see) and `invalid_input` (the message id).
   */
  markRead(id: ConversationId, input: MarkReadRequest, options?: RequestOptions): Promise<MarkReadResponse>;
  /**
   * The firm's templates, optionally searched (`GET /v1/templates`). Members only. Adds `invalid_input` (the
   * query).
   */
  listTemplates(query: ListTemplatesQuery, options?: RequestOptions): Promise<ListTemplatesResponse>;
  /**
   * One template (`GET /v1/templates/:id`). Members only. Adds `not_found` (no such template in the firm).
   */
  getTemplate(id: TemplateId, options?: RequestOptions): Promise<Template>;
  /**
   * Creates a template (`POST /v1/templates`). Owners and admins only. Adds `invalid_input` (a field, or a
   * merge field the server does not know) and `payload_too_large`.
   */
  createTemplate(input: CreateTemplateRequest, options?: RequestOptions): Promise<Template>;
  /**
   * Changes a template (`PUT /v1/templates/:id`). Owners and admins only. Adds `not_found` (the template),
   * `invalid_input` (a field, or an unknown merge field) and `payload_too_large`.
   */
  updateTemplate(id: TemplateId, input: UpdateTemplateRequest, options?: RequestOptions): Promise<Template>;
  /**
   * Deletes a template (`DELETE /v1/templates/:id`). Owners and admins only. Adds `not_found` (the template).
   */
  deleteTemplate(id: TemplateId, options?: RequestOptions): Promise<DeleteTemplateResponse>;
  /**
   * A page of in-app notifications and the unread count (`GET /v1/notifications`). Members only. Adds
   * `invalid_input` (the cursor or filter).
   */
  listNotifications(
    query: ListNotificationsQuery,
    options?: RequestOptions,
  ): Promise<ListNotificationsResponse>;
  /**
   * Marks some or all notifications read (`POST /v1/notifications/read`). Members only. Adds `invalid_input`
   * (neither `ids` nor `all`) and `payload_too_large`.
   */
  markNotificationsRead(
    input: MarkNotificationsReadRequest,
    options?: RequestOptions,
  ): Promise<MarkNotificationsReadResponse>;
  /** The firm's setting for client-started conversations (`GET /v1/settings/notifications`). Members only. */
  getNotificationSettings(options?: RequestOptions): Promise<NotificationSettings>;
  /**
   * Changes that setting (`PUT /v1/settings/notifications`). Owners and admins only. Adds `invalid_input`
   * (the value) and `payload_too_large`.
   */
  updateNotificationSettings(
    input: UpdateNotificationSettingsRequest,
    options?: RequestOptions,
  ): Promise<NotificationSettings>;
  /**
   * A page of the firm's audit log (`GET /v1/audit`). Owners and admins only. Adds `invalid_input` (the
   * cursor).
   */
  listAudit(query: ListAuditQuery, options?: RequestOptions): Promise<ListAuditResponse>;
  /**
   * Uploads a file resumably (tus at `/v1/uploads`) and resolves with the file as the server decided it (type
   * from the bytes). Aborting `signal` pauses it (`aborted`): the same file given again in this page
   * continues where it stopped. Adds `payload_too_large` (over the server's limit, or more bytes than
   * announced), `type_not_allowed` (decided from the bytes), `invalid_input` (the name), `not_found` (the
   * server does not take uploads), `attachment_unavailable` (the upload expired or already finished),
   * `conflict` (the server's offset moved, after tus's own retries) and `rate_limited`; never `timeout`;
   * `invalid_response` means an answer without a Confide error body. Optional: without it the composer cannot
   * attach files.
   */
  uploadFile?(file: UploadFile, options?: UploadFileOptions): Promise<Attachment>;
  /**
   * Cancels an upload, or removes a finished one that was not sent (`DELETE /v1/uploads/:id`). Adds
   * `not_found` (someone else's, or gone) and `attachment_unavailable` (a sent file is a record and stays);
   * never `timeout` or `aborted`; `invalid_response` means an answer without a Confide error body.
   */
  deleteUpload?(id: AttachmentId, options?: RequestOptions): Promise<void>;
  /**
   * One file as the viewer may see it (`GET /v1/attachments/:id`). Adds `not_found` (not there, or not the
   * viewer's to see) and `attachment_unavailable` (`context.reason` `incomplete`: still uploading).
   */
  getAttachment?(id: AttachmentId, options?: RequestOptions): Promise<Attachment>;
  /**
   * A single-use ticket for one file (`options.purpose`: a download, or a preview for a thumbnail), with the
   * absolute `url` to fetch it without a token (`POST /v1/attachments/:id/tickets`). Adds `not_found` (not
   * there, or not the viewer's to see), `attachment_unavailable` (`context.reason` `incomplete`, `scanning`
   * for anyone but the sender, or `no_preview` for a preview of a file that is not a picture browsers draw)
   * and `attachment_blocked` (the scanner removed it). (`ticket_invalid` is the answer of the ticket's URL
   * itself, when it was used or expired.)
   */
  createDownloadTicket?(
    id: AttachmentId,
    options?: CreateDownloadTicketOptions,
  ): Promise<CreateDownloadTicketResponse>;
  /**
   * Opens the live event stream (`GET /v1/events`), reconnecting on its own until unsubscribed. It never
   * throws: errors arrive through `onStatusChange`. It reconnects after `network`, `timeout`, `internal`
   * (5xx), `rate_limited` (after `Retry-After`), a retryable `unauthenticated` (a `getToken` that failed for
   * a passing reason), a first other `unauthenticated` (a 401: with a fresh token; a `getToken` that failed
   * or gave an empty token: asking it again) and `events_expired` (without its resume point, calling
   * `onResync`); it stops with status `closed` and the error after `invalid_input` (a bad `Last-Event-ID`),
   * `forbidden` (with `context.reason` `portal_inactive`), `not_found`, a second such `unauthenticated` in a
   * row, any other 4xx, and `invalid_response` (a 200 that is not `text/event-stream`). A stream closed with
   * `unauthenticated` reopens (`httpTransport`: when a later request succeeds, the token being good again) and,
   * when it cannot resume, calls `onResync`; a custom transport should do the same. While it waits to reconnect
   * after a passing failure, a successful request (`httpTransport`) or a `reconnectTriggers` call ends the wait.
   */
  subscribe(onEvent: (event: ServerEvent) => void, options?: SubscribeOptions): Unsubscribe;
}
