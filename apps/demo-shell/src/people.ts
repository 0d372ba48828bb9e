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

/** The demo firms' people (the reference server's `--seed demo`). */
export const DEMO_FIRM_PEOPLE: readonly DemoPerson[] = [
  {
    email: 'ana.rivera@rivera-cho.test',
    name: 'Ana Rivera',
    description: 'Owner · Rivera & Cho Immigration',
  },
  { email: 'ben.cho@rivera-cho.test', name: 'Ben Cho', description: 'Admin · Rivera & Cho Immigration' },
  {
    email: 'carla.diaz@rivera-cho.test',
    name: 'Carla Diaz',
    description: 'Member · Rivera & Cho Immigration',
  },
  { email: 'grace.lin@northgate.test', name: 'Grace Lin', description: 'Owner · Northgate Legal' },
];

/** The demo firms' clients. */
export const DEMO_CLIENTS: readonly DemoPerson[] = [
  {
    email: 'daniel.okafor@client.test',
    name: 'Daniel Okafor',
    description: 'Client of Rivera & Cho Immigration',
  },
  {
    email: 'elena.petrova@client.test',
    name: 'Elena Petrova',
    description: 'Client of Rivera & Cho Immigration',
  },
  {
    email: 'farid.haddad@client.test',
    name: 'Farid Haddad',
    description: 'Client of Rivera & Cho Immigration',
    unavailable: 'Invited, portal not activated yet',
  },
  { email: 'hiro.tanaka@client.test', name: 'Hiro Tanaka', description: 'Client of Northgate Legal' },
];
