import * as z from 'zod/mini';
import { ConversationSchema, MessageSchema, NotificationSchema } from './entities.js';
import {
  ContactIdSchema,
  ConversationIdSchema,
  MemberIdSchema,
  MessageIdSchema,
  TimestampSchema,
} from './ids.js';

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

/** A member received an in-app notification. */
export const NotificationCreatedEventSchema = z.object({
  id: EventIdSchema,
  type: z.literal('notification.created'),
  data: z.object({ notification: NotificationSchema }),
});

/** Every event `GET /v1/events` sends; the SSE `event:` field carries `type`, `data:` the JSON of the whole event. */
export const ServerEventSchema = z.discriminatedUnion('type', [
  MessageCreatedEventSchema,
  ConversationCreatedEventSchema,
  ConversationReadEventSchema,
  NotificationCreatedEventSchema,
]);
export type ServerEvent = z.infer<typeof ServerEventSchema>;
export type ServerEventType = ServerEvent['type'];
/** The event of one type. */
export type ServerEventOf<Type extends ServerEventType> = Extract<ServerEvent, { type: Type }>;

/** The event types, for exhaustive handling. */
export const SERVER_EVENT_TYPES = ServerEventSchema.def.options.map(
  (option) => option.shape.type.def.values[0],
);
