import type { MailKind, MailRow, MailWithheldReason } from '../store/rows.js';
import type { StoreQueries } from '../store/store.js';

/** What delivery may do with a due mail: send it to `to`, or withhold it for `reason`. */
export type MailDelivery =
  | { readonly deliver: true; readonly to: string }
  | { readonly deliver: false; readonly reason: MailWithheldReason };

const unknownRecipient: MailDelivery = { deliver: false, reason: 'recipient_unknown' };

/** Which kind of person each mail kind is for: a new kind does not compile until it says so. */
const RECIPIENT_KIND = {
  client_message_waiting: 'client',
  member_client_started: 'member',
} as const satisfies Record<MailKind, 'client' | 'member'>;

/**
 * Decides, when a mail is due, whether its recipient still qualifies for it, with the store as it is now rather
 * than as it was when the mail was queued (retries can come hours later). A client's "a message is waiting" mail
 * needs the client still in the firm with an active portal, the same rule that let the message be sent; a
 * member's mail needs the member still in the firm. Either goes to the person's address of this moment, so an
 * address they gave up never receives it.
 */
export async function checkMailRecipient(
  store: Pick<StoreQueries, 'getContact' | 'getMember'>,
  mail: MailRow,
): Promise<MailDelivery> {
  const { recipient } = mail;
  if (recipient === null || recipient.kind !== RECIPIENT_KIND[mail.kind]) return unknownRecipient;
  if (recipient.kind === 'client') {
    const contact = await store.getContact(recipient.id);
    if (contact === null || contact.firmId !== mail.firmId) return unknownRecipient;
    if (contact.portalStatus !== 'active') return { deliver: false, reason: 'portal_not_active' };
    return { deliver: true, to: contact.email };
  }
  const member = await store.getMember(recipient.id);
  if (member === null || member.firmId !== mail.firmId) return unknownRecipient;
  return { deliver: true, to: member.email };
}
