import * as z from 'zod/mini';
import { AttachmentSchema } from './attachments.js';
import {
  AuditEntryIdSchema,
  ContactIdSchema,
  ConversationIdSchema,
  FirmIdSchema,
  MemberIdSchema,
  MessageIdSchema,
  NotificationIdSchema,
  TemplateIdSchema,
  TimestampSchema,
} from './ids.js';
import {
  BODY_MAX_LENGTH,
  IDEMPOTENCY_KEY_MAX_LENGTH,
  IDEMPOTENCY_KEY_MIN_LENGTH,
  MATTER_ID_MAX_LENGTH,
  MATTER_LABEL_MAX_LENGTH,
  SUBJECT_MAX_LENGTH,
  TEMPLATE_NAME_MAX_LENGTH,
} from './limits.js';
import { StoredTextSchema, textSchema } from './text-schema.js';

// Names and e-mail addresses reach the protocol only in answers (the host's directory writes them), so they are read
// as stored: a name or address written before a rule tightened still reads.
const NameSchema = StoredTextSchema;
const EmailSchema = StoredTextSchema;

/**
 * A subject line: 1–200 characters (grapheme clusters) after trimming, at least one of them visible; no control
 * characters but tab and line breaks, no lone surrogates.
 */
export const SubjectSchema = textSchema({ max: SUBJECT_MAX_LENGTH, trim: true });

/**
 * A message body: 1–20,000 characters (grapheme clusters), at least one of them visible; no control characters but
 * tab and line breaks, no lone surrogates. Whitespace is kept as typed.
 */
export const BodySchema = textSchema({ max: BODY_MAX_LENGTH });

/**
 * A message's body as a send gives it: a `BodySchema` text, or `''` for a message that only carries files (a send
 * may leave the body empty when it attaches at least one file).
 */
export const MessageBodySchema = z.union([BodySchema, z.literal('')]);

/** A client-chosen key that makes a send safe to retry: the same key from the same author returns the first result. */
export const IdempotencyKeySchema = z
  .string()
  .check(
    z.minLength(IDEMPOTENCY_KEY_MIN_LENGTH),
    z.maxLength(IDEMPOTENCY_KEY_MAX_LENGTH),
    z.regex(/^[A-Za-z0-9_-]+$/, { message: 'Expected letters, digits, "_" or "-"' }),
  );

/** A law firm. */
export const FirmSchema = z.object({ id: FirmIdSchema, name: NameSchema });
export type Firm = z.infer<typeof FirmSchema>;

/** A member's role within their firm. */
export const MemberRoleSchema = z.enum(['owner', 'admin', 'member']);
export type MemberRole = z.infer<typeof MemberRoleSchema>;

/** A person who works at the firm. */
export const MemberSchema = z.object({
  id: MemberIdSchema,
  firmId: FirmIdSchema,
  name: NameSchema,
  email: EmailSchema,
  role: MemberRoleSchema,
});
export type Member = z.infer<typeof MemberSchema>;

/** Whether a contact can use the client portal: only `active` contacts can be messaged. */
export const PortalStatusSchema = z.enum(['inactive', 'invited', 'active']);
export type PortalStatus = z.infer<typeof PortalStatusSchema>;

/** A firm's client. */
export const ContactSchema = z.object({
  id: ContactIdSchema,
  firmId: FirmIdSchema,
  firstName: NameSchema,
  lastName: NameSchema,
  name: NameSchema,
  email: EmailSchema,
  portalStatus: PortalStatusSchema,
  assigneeIds: z.array(MemberIdSchema),
});
export type Contact = z.infer<typeof ContactSchema>;

/** Who is calling: a firm member or a client, with their firm. */
export const ViewerSchema = z.discriminatedUnion('role', [
  z.object({
    role: z.literal('member'),
    id: MemberIdSchema,
    name: NameSchema,
    email: EmailSchema,
    memberRole: MemberRoleSchema,
    firm: FirmSchema,
  }),
  z.object({
    role: z.literal('client'),
    id: ContactIdSchema,
    name: NameSchema,
    firstName: NameSchema,
    email: EmailSchema,
    firm: FirmSchema,
  }),
]);
export type Viewer = z.infer<typeof ViewerSchema>;

/** The host app's reference of a matter: 1–100 visible characters after trimming. */
export const MatterIdSchema = textSchema({ max: MATTER_ID_MAX_LENGTH, trim: true });

/** A matter's label as a request gives it: 1–200 visible characters after trimming. */
export const MatterLabelSchema = textSchema({ max: MATTER_LABEL_MAX_LENGTH, trim: true });

/** The host app's matter (case) a conversation belongs to, as stored. */
export const MatterSchema = z.object({ id: StoredTextSchema, label: StoredTextSchema });
export type Matter = z.infer<typeof MatterSchema>;

/** Who wrote a message or started a conversation. */
export const AuthorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('member'), id: MemberIdSchema, name: NameSchema }),
  z.object({ kind: z.literal('client'), id: ContactIdSchema, name: NameSchema }),
]);
export type Author = z.infer<typeof AuthorSchema>;

/** How far the client has read a conversation. Only members ever receive it (read receipts are one-sided). */
export const ReadReceiptSchema = z.object({
  contactId: ContactIdSchema,
  upToMessageId: MessageIdSchema,
  readAt: TimestampSchema,
});
export type ReadReceipt = z.infer<typeof ReadReceiptSchema>;

/** A secure conversation between a firm and one of its clients. */
export const ConversationSchema = z.object({
  id: ConversationIdSchema,
  firmId: FirmIdSchema,
  contact: z.object({ id: ContactIdSchema, name: NameSchema }),
  subject: StoredTextSchema,
  matter: z.nullable(MatterSchema),
  startedBy: AuthorSchema,
  createdAt: TimestampSchema,
  lastActivityAt: TimestampSchema,
  /** The client's read horizon; present for member viewers only. */
  clientRead: z.optional(z.nullable(ReadReceiptSchema)),
});
export type Conversation = z.infer<typeof ConversationSchema>;

/** A message in a conversation. Messages are records: never edited or deleted. */
export const MessageSchema = z.object({
  id: MessageIdSchema,
  conversationId: ConversationIdSchema,
  author: AuthorSchema,
  /** The text; `''` when the message only carries files. */
  body: StoredTextSchema,
  createdAt: TimestampSchema,
  /** A firm-only note; clients never receive one. */
  internal: z.boolean(),
  /** Echo of the key the author sent, so an optimistic copy can be matched. */
  idempotencyKey: IdempotencyKeySchema,
  /** Files sent with the message that the viewer may see; absent when there are none. */
  attachments: z.optional(z.array(AttachmentSchema)),
});
export type Message = z.infer<typeof MessageSchema>;

/** A short, text-only preview of the newest message the viewer may see. */
export const MessagePreviewSchema = z.object({
  id: MessageIdSchema,
  author: AuthorSchema,
  text: StoredTextSchema,
  createdAt: TimestampSchema,
  internal: z.boolean(),
  /** How many files the message carries that the viewer may see; absent when none (the kit says "2 files"). */
  attachmentCount: z.optional(z.int().check(z.positive())),
});
export type MessagePreview = z.infer<typeof MessagePreviewSchema>;

/** A conversation as the index lists it, seen by one viewer. */
export const ConversationSummarySchema = z.extend(ConversationSchema, {
  lastMessage: z.nullable(MessagePreviewSchema),
  unreadCount: z.int().check(z.nonnegative()),
});
export type ConversationSummary = z.infer<typeof ConversationSummarySchema>;

/** A template's name: 1–100 visible characters after trimming. */
export const TemplateNameSchema = textSchema({ max: TEMPLATE_NAME_MAX_LENGTH, trim: true });

/** A message template with merge fields such as `{{client.firstName}}`. */
export const TemplateSchema = z.object({
  id: TemplateIdSchema,
  firmId: FirmIdSchema,
  name: StoredTextSchema,
  subject: StoredTextSchema,
  body: StoredTextSchema,
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Template = z.infer<typeof TemplateSchema>;

/** What an in-app notification is about. */
export const NotificationKindSchema = z.enum([
  'client_replied',
  'client_started_conversation',
  /** A file sent with the message was blocked by the malware scanner (owner and admins only). */
  'attachment_blocked',
]);
export type NotificationKind = z.infer<typeof NotificationKindSchema>;

/** An in-app notification for a member. It names the conversation but never carries message text. */
export const NotificationSchema = z.object({
  id: NotificationIdSchema,
  kind: NotificationKindSchema,
  conversationId: ConversationIdSchema,
  messageId: MessageIdSchema,
  contact: z.object({ id: ContactIdSchema, name: NameSchema }),
  subject: StoredTextSchema,
  createdAt: TimestampSchema,
  readAt: z.nullable(TimestampSchema),
});
export type Notification = z.infer<typeof NotificationSchema>;

/** Whom to notify when a client starts a conversation. */
export const ClientStartedThreadSchema = z.enum(['assignees', 'assignees_and_owner', 'all_members', 'none']);
export type ClientStartedThread = z.infer<typeof ClientStartedThreadSchema>;

/** Most media types a firm's own allow-list names. */
export const ALLOWED_MEDIA_TYPES_MAX = 100;

/** A media type as the server names file types (`type/subtype`, lower case), e.g. `application/pdf`. */
export const MediaTypeSchema = z
  .string()
  .check(z.maxLength(200), z.regex(/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/));

/**
 * The firm's settings: whom to notify when a client starts a conversation and, when the firm narrowed the
 * server's allow-list of file types, the types it accepts.
 */
export const NotificationSettingsSchema = z.strictObject({
  clientStartedThread: ClientStartedThreadSchema,
  /**
   * The only media types of files the firm accepts (decided from a file's bytes, within the server's allow-list);
   * absent when the firm takes every type the server does.
   */
  allowedMediaTypes: z.optional(z.array(MediaTypeSchema)),
});
export type NotificationSettings = z.infer<typeof NotificationSettingsSchema>;

/** What an audit entry records. */
export const AuditActionSchema = z.enum([
  'conversation.started',
  'message.sent',
  'note.added',
  'conversation.read',
  'settings.updated',
  'template.created',
  'template.updated',
  'template.deleted',
  'attachment.uploaded',
  'attachment.blocked',
  'attachment.downloaded',
  'attachment.previewed',
]);
export type AuditAction = z.infer<typeof AuditActionSchema>;

/** One append-only audit record: who did what to which record, when, in which request. */
export const AuditEntrySchema = z.object({
  id: AuditEntryIdSchema,
  firmId: FirmIdSchema,
  actor: z.object({ kind: z.enum(['member', 'client']), id: z.string() }),
  action: AuditActionSchema,
  targetId: z.string(),
  requestId: z.string(),
  at: TimestampSchema,
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
