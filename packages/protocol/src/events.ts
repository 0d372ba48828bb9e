import * as z from 'zod/mini';
import { AttachmentSchema } from './attachments.js';
import { ConversationSchema, MessageSchema, NotificationSchema } from './entities.js';
import {
  ContactIdSchema,
  ConversationIdSchema,
  MemberIdSchema,
  MessageIdSchema,
  NotificationIdSchema,
  TimestampSchema,
} from './ids.js';
import { NOTIFICATION_IDS_MAX } from './limits.js';

/** An event id: the server's position in the stream, to resume from with `Last-Event-ID`. */
export const EventIdSchema = z
  .string()
  .check(z.regex(/^[0-9]{1,20}$/, { message: 'Expected a decimal event id' }));
export type EventId = z.infer<typeof EventIdSchema>;

/** A message the viewer may see was written. */
export const MessageCreatedEventSchema = z.object({
  id: EventIdSchema,
  type: z.literal('message.created'),
  data: z.object({ message: MessageSchema }),
});

/** A conversation the viewer may see was started, with its first message. */
export const ConversationCreatedEventSchema = z.object({
  id: EventIdSchema,
  type: z.literal('conversation.created'),
  data: z.object({ conversation: ConversationSchema, message: MessageSchema }),
});

/**
 * Someone read a conversation up to a message. Members receive the client's reads (one-sided receipts)
 * and their own; a client receives only their own (to sync other tabs).
 */
export const ConversationReadEventSchema = z.object({
  id: EventIdSchema,
  type: z.literal('conversation.read'),
  data: z.object({
    conversationId: ConversationIdSchema,
    reader: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('member'), id: MemberIdSchema }),
      z.object({ kind: z.literal('client'), id: ContactIdSchema }),
    ]),
    upToMessageId: MessageIdSchema,
    readAt: TimestampSchema,
  }),
});

/** How many of a member's notifications are unread, as the server counts them at the event. */
const UnreadCountSchema = z.int().check(z.nonnegative());

/**
 * A member received an in-app notification. Only that member's streams receive it. It carries no unread count:
 * a client refetches the count (`GET /v1/notifications`) instead of adding one to its own, which drifts when
 * another tab has read some.
 */
export const NotificationCreatedEventSchema = z.object({
  id: EventIdSchema,
  type: z.literal('notification.created'),
  data: z.object({ notification: NotificationSchema }),
});

/**
 * A member marked notifications read (`POST /v1/notifications/read`), in any tab or device. Only that member's
 * streams receive it, so their other tabs can follow: `ids` are the notifications the request named (ids that were
 * not the member's, or already read, change nothing), or `'all'` for every notification the member had at
 * `readAt`. `unreadCount` is the member's unread total right after the read, as the server counts it; a client
 * replaces its count with it. Events arrive in the order the server committed them, so the newest event's count
 * is the current one.
 */
export const NotificationReadEventSchema = z.object({
  id: EventIdSchema,
  type: z.literal('notification.read'),
  data: z.object({
    ids: z.union([z.array(NotificationIdSchema).check(z.maxLength(NOTIFICATION_IDS_MAX)), z.literal('all')]),
    readAt: TimestampSchema,
    unreadCount: UnreadCountSchema,
  }),
});

/**
 * A file's state changed (the scanner finished: `available` or `blocked`). For a sent file, everyone who may see it
 * receives it (an internal note's files: members only), with the file as that audience sees it; a client replaces
 * the file with this id in the message it already shows. For an upload not sent yet, `conversationId` is `null`
 * and only its uploader receives it (not the rest of their firm): nobody else may see the file before it is sent.
 */
export const AttachmentUpdatedEventSchema = z.object({
  id: EventIdSchema,
  type: z.literal('attachment.updated'),
  data: z.object({
    /** The conversation of the message the file was sent with; `null` for an upload not sent yet. */
    conversationId: z.nullable(ConversationIdSchema),
    attachment: AttachmentSchema,
  }),
});

/** Every event `GET /v1/events` sends; the SSE `event:` field carries `type`, `data:` the JSON of the whole event. */
export const ServerEventSchema = z.discriminatedUnion('type', [
  MessageCreatedEventSchema,
  ConversationCreatedEventSchema,
  ConversationReadEventSchema,
  NotificationCreatedEventSchema,
  NotificationReadEventSchema,
  AttachmentUpdatedEventSchema,
]);
export type ServerEvent = z.infer<typeof ServerEventSchema>;
export type ServerEventType = ServerEvent['type'];
/** The event of one type. */
export type ServerEventOf<Type extends ServerEventType> = Extract<ServerEvent, { type: Type }>;

/** The event types, for exhaustive handling. */
export const SERVER_EVENT_TYPES = ServerEventSchema.def.options.map(
  (option) => option.shape.type.def.values[0],
);
