import { DEMO_CONTACTS, DEMO_IDS, DEMO_MEMBERS } from '@confide/server/demo-data';

/** A demo person the tests sign in as. */
export interface Person {
  readonly email: string;
  readonly name: string;
}

type FirstName = Exclude<keyof typeof DEMO_IDS, 'riveraCho' | 'northgate'>;

function personOf(id: string): Person {
  const member = DEMO_MEMBERS.find((candidate) => candidate.id === id);
  if (member) return { email: member.email, name: member.name };
  const contact = DEMO_CONTACTS.find((candidate) => candidate.id === id);
  if (contact) return { email: contact.email, name: `${contact.firstName} ${contact.lastName}` };
  throw new TypeError(`No demo person ${id}`);
}

const FIRST_NAMES: readonly FirstName[] = [
  'ana',
  'ben',
  'carla',
  'grace',
  'daniel',
  'elena',
  'farid',
  'hiro',
];

/** The demo dataset's people, by first name, from the server's seed (its only definition). */
export const people = Object.fromEntries(
  FIRST_NAMES.map((firstName) => [firstName, personOf(DEMO_IDS[firstName])]),
) as Record<FirstName, Person>;

/** Rivera & Cho Immigration's members. */
export const riveraChoMembers = DEMO_MEMBERS.filter((member) => member.firmId === DEMO_IDS.riveraCho).map(
  (member) => personOf(member.id),
);
