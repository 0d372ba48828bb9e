import { type Contact, searchContains } from '@confide/protocol';

/** Why a contact cannot be picked as a recipient. */
export type UnavailableReason = 'portal_invited' | 'portal_inactive';

/** A contact that cannot be picked, with the reason (the UI shows it disabled, with the message). */
export interface UnavailableRecipient {
  /** The contact. */
  readonly contact: Contact;
  /** Why it cannot be picked. */
  readonly reason: UnavailableReason;
  /** An English explanation; UIs may map `reason` to their own words instead. */
  readonly message: string;
}

/** The contacts a member may write to, and the others with the reason. */
export interface RecipientOptions {
  /** Contacts whose portal is active, by name. */
  readonly selectable: readonly Contact[];
  /** Every other contact, by name, with why it cannot be picked. */
  readonly unavailable: readonly UnavailableRecipient[];
}

const REASON_MESSAGES: Readonly<Record<UnavailableReason, (name: string) => string>> = {
  portal_invited: (name) => `${name} has been invited to the portal but has not activated it yet`,
  portal_inactive: (name) => `${name} does not have an active portal`,
};

/** Whether a contact can receive secure messages: only an active portal can. */
export function isSelectableRecipient(contact: Pick<Contact, 'portalStatus'>): boolean {
  return contact.portalStatus === 'active';
}

/** Splits the contacts matching `query` (name or e-mail, compared as `searchFold` does, like the server's search) into those a member may pick and the rest, with why. */
export function partitionRecipients(contacts: readonly Contact[], query = ''): RecipientOptions {
  const search = query.trim();
  const byName = contacts
    .filter(
      (contact) => !search || searchContains(contact.name, search) || searchContains(contact.email, search),
    )
    .sort((left, right) => left.name.localeCompare(right.name));
  return {
    selectable: byName.filter(isSelectableRecipient),
    unavailable: byName
      .filter((contact) => !isSelectableRecipient(contact))
      .map((contact) => {
        const reason: UnavailableReason =
          contact.portalStatus === 'invited' ? 'portal_invited' : 'portal_inactive';
        return { contact, reason, message: REASON_MESSAGES[reason](contact.name) };
      }),
  };
}
