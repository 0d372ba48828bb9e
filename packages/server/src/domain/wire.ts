import type {
  AuditEntrySchema,
  ContactSchema,
  ConversationSchema,
  ConversationSummarySchema,
  MemberSchema,
  MessageSchema,
  NotificationSchema,
  ServerEventSchema,
  TemplateSchema,
  ViewerSchema,
} from '@confide/protocol';
import type * as z from 'zod/mini';

// The shapes the domain hands to the HTTP layer, derived from the protocol: inputs of its schemas, which the
// routes parse before anything leaves the server.

/** A message as the protocol sends it. */
export type WireMessage = z.input<typeof MessageSchema>;
/** A conversation as the protocol sends it. */
export type WireConversation = z.input<typeof ConversationSchema>;
/** A conversation summary as the protocol sends it. */
export type WireConversationSummary = z.input<typeof ConversationSummarySchema>;
/** A contact as the protocol sends it. */
export type WireContact = z.input<typeof ContactSchema>;
/** A member as the protocol sends it. */
export type WireMember = z.input<typeof MemberSchema>;
/** A template as the protocol sends it. */
export type WireTemplate = z.input<typeof TemplateSchema>;
/** A notification as the protocol sends it. */
export type WireNotification = z.input<typeof NotificationSchema>;
/** An audit entry as the protocol sends it. */
export type WireAuditEntry = z.input<typeof AuditEntrySchema>;
/** The viewer as the protocol sends it. */
export type WireViewer = z.input<typeof ViewerSchema>;
/** A server event as the protocol sends it. */
export type WireServerEvent = z.input<typeof ServerEventSchema>;
