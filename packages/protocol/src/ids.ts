import * as z from 'zod/mini';

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

function idSchema<const Brand extends string>(_brand: Brand) {
  return z
    .string()
    .check(z.regex(ID_PATTERN, { message: 'Expected an id of 1–64 letters, digits, "_" or "-"' }))
    .brand<Brand>();
}

/** A firm's id. */
export const FirmIdSchema = idSchema('FirmId');
export type FirmId = z.infer<typeof FirmIdSchema>;

/** A firm member's id (owner, admin or member). */
export const MemberIdSchema = idSchema('MemberId');
export type MemberId = z.infer<typeof MemberIdSchema>;

/** A firm's contact (a client) id. */
export const ContactIdSchema = idSchema('ContactId');
export type ContactId = z.infer<typeof ContactIdSchema>;

/** A conversation's id. */
export const ConversationIdSchema = idSchema('ConversationId');
export type ConversationId = z.infer<typeof ConversationIdSchema>;

/** A message's id. */
export const MessageIdSchema = idSchema('MessageId');
export type MessageId = z.infer<typeof MessageIdSchema>;

/** A message template's id. */
export const TemplateIdSchema = idSchema('TemplateId');
export type TemplateId = z.infer<typeof TemplateIdSchema>;

/** An in-app notification's id. */
export const NotificationIdSchema = idSchema('NotificationId');
export type NotificationId = z.infer<typeof NotificationIdSchema>;

/** An audit entry's id. */
export const AuditEntryIdSchema = idSchema('AuditEntryId');
export type AuditEntryId = z.infer<typeof AuditEntryIdSchema>;

/** An attachment's id: the id of the upload it came from. */
export const AttachmentIdSchema = idSchema('AttachmentId');
export type AttachmentId = z.infer<typeof AttachmentIdSchema>;

/** An ISO-8601 timestamp with an offset, as the server writes it. */
export const TimestampSchema = z.iso.datetime({ offset: true });
export type Timestamp = z.infer<typeof TimestampSchema>;

/** An opaque pagination cursor handed back by a list route. */
export const CursorSchema = z
  .string()
  .check(
    z.minLength(1),
    z.maxLength(512),
    z.regex(/^[A-Za-z0-9_-]+$/, { message: 'Expected a cursor returned by the server' }),
  );
export type Cursor = z.infer<typeof CursorSchema>;
