import * as z from 'zod/mini';
import { AttachmentIdsSchema } from './attachments.js';
import {
  ALLOWED_MEDIA_TYPES_MAX,
  AuditEntrySchema,
  BodySchema,
  ClientStartedThreadSchema,
  ContactSchema,
  ConversationSchema,
  ConversationSummarySchema,
  IdempotencyKeySchema,
  MatterIdSchema,
  MatterLabelSchema,
  MediaTypeSchema,
  MemberSchema,
  MessageBodySchema,
  MessageSchema,
  NotificationSchema,
  SubjectSchema,
  TemplateNameSchema,
  TemplateSchema,
} from './entities.js';
import {
  ContactIdSchema,
  CursorSchema,
  MemberIdSchema,
  MessageIdSchema,
  NotificationIdSchema,
} from './ids.js';
import { NOTIFICATION_IDS_MAX, PAGE_SIZE_MAX, QUERY_MAX_LENGTH } from './limits.js';
import { textSchema } from './text-schema.js';

// Decimal digits only: `Number()` alone would also take " 5\v", "0x10" or "1e1".
const DECIMAL_DIGITS = /^[0-9]{1,6}$/;

/** `limit` in a query string: 1–100, written in decimal digits. */
export const LimitSchema = z.pipe(
  z.custom<unknown>(
    (value) => typeof value === 'number' || (typeof value === 'string' && DECIMAL_DIGITS.test(value)),
    { message: 'Expected a whole number in decimal digits' },
  ),
  z.pipe(z.coerce.number(), z.int().check(z.minimum(1), z.maximum(PAGE_SIZE_MAX))),
);

/** A `true`/`false` flag in a query string. */
export const QueryFlagSchema = z.pipe(
  z.enum(['true', 'false']),
  z.transform((flag: 'true' | 'false') => flag === 'true'),
);

/** A search query in a query string: up to 200 characters after trimming, possibly empty, no control characters. */
export const SearchQuerySchema = textSchema({ max: QUERY_MAX_LENGTH, trim: true, required: false });

/** A page of items and the cursor of the next page (`null` on the last page). */
export function pageSchema<Item extends z.ZodMiniType>(item: Item) {
  return z.object({ items: z.array(item), nextCursor: z.nullable(CursorSchema) });
}

// GET /v1/contacts
export const ListContactsQuerySchema = z.strictObject({ query: z.optional(SearchQuerySchema) });
export type ListContactsQuery = z.input<typeof ListContactsQuerySchema>;
export const ListContactsResponseSchema = z.object({ items: z.array(ContactSchema) });
export type ListContactsResponse = z.infer<typeof ListContactsResponseSchema>;

// GET /v1/members
export const ListMembersResponseSchema = z.object({ items: z.array(MemberSchema) });
export type ListMembersResponse = z.infer<typeof ListMembersResponseSchema>;

// GET /v1/conversations
export const ListConversationsQuerySchema = z.strictObject({
  cursor: z.optional(CursorSchema),
  limit: z.optional(LimitSchema),
  unread: z.optional(QueryFlagSchema),
  query: z.optional(SearchQuerySchema),
  matterId: z.optional(MatterIdSchema),
});
export type ListConversationsQuery = z.input<typeof ListConversationsQuerySchema>;
export const ListConversationsResponseSchema = z.extend(pageSchema(ConversationSummarySchema), {
  /** Unread messages across all of the viewer's conversations. */
  unreadTotal: z.int().check(z.nonnegative()),
});
export type ListConversationsResponse = z.infer<typeof ListConversationsResponseSchema>;

/** A send's body may be empty only when it carries files. */
const bodyOrFiles = z.refine<{ body: string; attachmentIds?: string[] | undefined }>(
  (request) => request.body !== '' || (request.attachmentIds?.length ?? 0) > 0,
  { message: 'Write a message or attach a file', path: ['body'] },
);

// POST /v1/conversations
/**
 * Who wrote a send, as the sender's client knew them (`Viewer.id`). When it is given and the token belongs to
 * someone else (the device changed hands while the send waited in an outbox), the server writes nothing and
 * answers 409 `conflict` with `details.reason: 'sender_changed'`: a message is never recorded under the wrong name.
 */
const SenderIdSchema = z.union([MemberIdSchema, ContactIdSchema]);

export const StartConversationRequestSchema = z
  .strictObject({
    /** The client to write to; members must give it, clients must not (they write for themselves). */
    contactId: z.optional(ContactIdSchema),
    subject: SubjectSchema,
    /** The text; may be `''` only when `attachmentIds` names at least one file. */
    body: MessageBodySchema,
    idempotencyKey: IdempotencyKeySchema,
    matter: z.optional(z.strictObject({ id: MatterIdSchema, label: MatterLabelSchema })),
    /** Finished uploads of the sender's to send with the first message (at most 20, each once). */
    attachmentIds: z.optional(AttachmentIdsSchema),
    /** Who wrote it (see `SenderIdSchema`); checked against the token when given. */
    senderId: z.optional(SenderIdSchema),
  })
  .check(bodyOrFiles);
export type StartConversationRequest = z.input<typeof StartConversationRequestSchema>;
export const StartConversationResponseSchema = z.object({
  conversation: ConversationSchema,
  message: MessageSchema,
});
export type StartConversationResponse = z.infer<typeof StartConversationResponseSchema>;

// GET /v1/conversations/:id
export const GetConversationResponseSchema = ConversationSummarySchema;
export type GetConversationResponse = z.infer<typeof GetConversationResponseSchema>;

// GET /v1/conversations/:id/messages
export const ListMessagesQuerySchema = z.strictObject({
  before: z.optional(CursorSchema),
  limit: z.optional(LimitSchema),
});
export type ListMessagesQuery = z.input<typeof ListMessagesQuerySchema>;
/** A page of messages, oldest first within the page; `nextCursor` points at older messages. */
export const ListMessagesResponseSchema = pageSchema(MessageSchema);
export type ListMessagesResponse = z.infer<typeof ListMessagesResponseSchema>;

// POST /v1/conversations/:id/messages
export const SendMessageRequestSchema = z
  .strictObject({
    /** The text; may be `''` only when `attachmentIds` names at least one file. */
    body: MessageBodySchema,
    idempotencyKey: IdempotencyKeySchema,
    /** Members only: keep the message inside the firm (its files become firm-only too). */
    internal: z.optional(z.boolean()),
    /** Finished uploads of the sender's to send with the message (at most 20, each once). */
    attachmentIds: z.optional(AttachmentIdsSchema),
    /** Who wrote it (see `SenderIdSchema`); checked against the token when given. */
    senderId: z.optional(SenderIdSchema),
  })
  .check(bodyOrFiles);
export type SendMessageRequest = z.input<typeof SendMessageRequestSchema>;
export const SendMessageResponseSchema = MessageSchema;
export type SendMessageResponse = z.infer<typeof SendMessageResponseSchema>;

// POST /v1/conversations/:id/read
export const MarkReadRequestSchema = z.strictObject({ upTo: MessageIdSchema });
export type MarkReadRequest = z.input<typeof MarkReadRequestSchema>;
export const MarkReadResponseSchema = z.object({
  upToMessageId: MessageIdSchema,
  unreadCount: z.int().check(z.nonnegative()),
  unreadTotal: z.int().check(z.nonnegative()),
});
export type MarkReadResponse = z.infer<typeof MarkReadResponseSchema>;

// /v1/templates
export const ListTemplatesQuerySchema = z.strictObject({ query: z.optional(SearchQuerySchema) });
export type ListTemplatesQuery = z.input<typeof ListTemplatesQuerySchema>;
export const ListTemplatesResponseSchema = z.object({ items: z.array(TemplateSchema) });
export type ListTemplatesResponse = z.infer<typeof ListTemplatesResponseSchema>;
export const CreateTemplateRequestSchema = z.strictObject({
  name: TemplateNameSchema,
  subject: SubjectSchema,
  body: BodySchema,
});
export type CreateTemplateRequest = z.input<typeof CreateTemplateRequestSchema>;
export const UpdateTemplateRequestSchema = z.partial(CreateTemplateRequestSchema).check(
  z.refine((update) => Object.keys(update).length > 0, {
    message: 'Give at least one of name, subject, body',
  }),
);
export type UpdateTemplateRequest = z.input<typeof UpdateTemplateRequestSchema>;
export const TemplateResponseSchema = TemplateSchema;
export const DeleteTemplateResponseSchema = z.object({ deleted: z.literal(true) });
export type DeleteTemplateResponse = z.infer<typeof DeleteTemplateResponseSchema>;

// /v1/notifications
export const ListNotificationsQuerySchema = z.strictObject({
  cursor: z.optional(CursorSchema),
  limit: z.optional(LimitSchema),
  unread: z.optional(QueryFlagSchema),
});
export type ListNotificationsQuery = z.input<typeof ListNotificationsQuerySchema>;
export const ListNotificationsResponseSchema = z.extend(pageSchema(NotificationSchema), {
  unreadCount: z.int().check(z.nonnegative()),
});
export type ListNotificationsResponse = z.infer<typeof ListNotificationsResponseSchema>;
export const MarkNotificationsReadRequestSchema = z.union([
  z.strictObject({
    ids: z.array(NotificationIdSchema).check(z.minLength(1), z.maxLength(NOTIFICATION_IDS_MAX)),
  }),
  z.strictObject({ all: z.literal(true) }),
]);
export type MarkNotificationsReadRequest = z.input<typeof MarkNotificationsReadRequestSchema>;
export const MarkNotificationsReadResponseSchema = z.object({ unreadCount: z.int().check(z.nonnegative()) });
export type MarkNotificationsReadResponse = z.infer<typeof MarkNotificationsReadResponseSchema>;

// /v1/settings/notifications
export const UpdateNotificationSettingsRequestSchema = z.strictObject({
  clientStartedThread: ClientStartedThreadSchema,
  /**
   * Narrows the server's allow-list of file types for this firm (each must be one the server accepts); `null`
   * goes back to the server's whole list; absent leaves the firm's list as it is.
   */
  allowedMediaTypes: z.optional(
    z.nullable(
      z.array(MediaTypeSchema).check(
        z.maxLength(ALLOWED_MEDIA_TYPES_MAX),
        z.refine((types) => new Set(types).size === types.length, { message: 'Each type may be named once' }),
      ),
    ),
  ),
});
export type UpdateNotificationSettingsRequest = z.input<typeof UpdateNotificationSettingsRequestSchema>;

// GET /v1/audit
export const ListAuditQuerySchema = z.strictObject({
  cursor: z.optional(CursorSchema),
  limit: z.optional(LimitSchema),
});
export type ListAuditQuery = z.input<typeof ListAuditQuerySchema>;
export const ListAuditResponseSchema = pageSchema(AuditEntrySchema);
export type ListAuditResponse = z.infer<typeof ListAuditResponseSchema>;

// POST /v1/dev/token
export const DevTokenRequestSchema = z.strictObject({ email: z.email().check(z.maxLength(320)) });
export type DevTokenRequest = z.input<typeof DevTokenRequestSchema>;
export const DevTokenResponseSchema = z.object({ token: z.string().check(z.minLength(1)) });
export type DevTokenResponse = z.infer<typeof DevTokenResponseSchema>;

// GET /healthz
export const HealthResponseSchema = z.object({ status: z.literal('ok') });
export type HealthResponse = z.infer<typeof HealthResponseSchema>;
