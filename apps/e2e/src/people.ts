/** A demo person the tests sign in as. */
export interface Person {
  readonly email: string;
  readonly name: string;
}

/** The demo dataset's people (the server's `--seed demo`). */
export const people = {
  ana: { email: 'ana.rivera@rivera-cho.test', name: 'Ana Rivera' },
  ben: { email: 'ben.cho@rivera-cho.test', name: 'Ben Cho' },
  carla: { email: 'carla.diaz@rivera-cho.test', name: 'Carla Diaz' },
  grace: { email: 'grace.lin@northgate.test', name: 'Grace Lin' },
  daniel: { email: 'daniel.okafor@client.test', name: 'Daniel Okafor' },
  elena: { email: 'elena.petrova@client.test', name: 'Elena Petrova' },
  farid: { email: 'farid.haddad@client.test', name: 'Farid Haddad' },
  hiro: { email: 'hiro.tanaka@client.test', name: 'Hiro Tanaka' },
} as const satisfies Record<string, Person>;

/** Rivera & Cho Immigration's members. */
export const riveraChoMembers = [people.ana, people.ben, people.carla] as const;
