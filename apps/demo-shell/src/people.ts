import { DEMO_CONTACTS, DEMO_FIRMS, DEMO_MEMBERS } from '@confide/server/demo-data';

/** A person of the demo dataset who can sign in with a dev token. */
export interface DemoPerson {
  /** The e-mail address the dev token route knows. */
  readonly email: string;
  /** The full name. */
  readonly name: string;
  /** What they are: a firm role, or the client's firm. */
  readonly description: string;
  /** Why they cannot sign in, when the server will refuse them. */
  readonly unavailable?: string;
}

const ROLE_NAMES = { owner: 'Owner', admin: 'Admin', member: 'Member' } as const;
const firmName = (firmId: string) => DEMO_FIRMS.find((firm) => firm.id === firmId)?.name ?? firmId;

/** The demo firms' people, from the reference server's seed (`--seed demo`, its only definition). */
export const DEMO_FIRM_PEOPLE: readonly DemoPerson[] = DEMO_MEMBERS.map((member) => ({
  email: member.email,
  name: member.name,
  description: `${ROLE_NAMES[member.role]} · ${firmName(member.firmId)}`,
}));

/** The demo firms' clients; a client whose portal is not active cannot sign in. */
export const DEMO_CLIENTS: readonly DemoPerson[] = DEMO_CONTACTS.map((contact) => ({
  email: contact.email,
  name: `${contact.firstName} ${contact.lastName}`,
  description: `Client of ${firmName(contact.firmId)}`,
  ...(contact.portalStatus === 'active'
    ? {}
    : {
        unavailable:
          contact.portalStatus === 'invited' ? 'Invited, portal not activated yet' : 'Portal not active',
      }),
}));
