// The one definition of the demo dataset: the seed, the mocks, the demo apps and the e2e suite all read it
// (`@confide/server/demo-data`, a module with no runtime imports, safe for a browser bundle).
import type { ClientStartedThreadValue, ContactRow, MemberRow, PartyRef } from '../store/rows.js';

/** Stable ids of the demo dataset, for apps, stories and end-to-end tests. */
export const DEMO_IDS = {
  riveraCho: 'firm_rivera_cho',
  northgate: 'firm_northgate',
  ana: 'mem_ana',
  ben: 'mem_ben',
  carla: 'mem_carla',
  grace: 'mem_grace',
  daniel: 'con_daniel',
  elena: 'con_elena',
  farid: 'con_farid',
  hiro: 'con_hiro',
} as const;

type Person = Omit<MemberRow, 'createdAt'>;
type Client = Omit<ContactRow, 'createdAt'>;

/** The demo firms. */
export const DEMO_FIRMS = [
  { id: DEMO_IDS.riveraCho, name: 'Rivera & Cho Immigration' },
  { id: DEMO_IDS.northgate, name: 'Northgate Legal' },
] as const;

/** The demo firms' members. */
export const DEMO_MEMBERS: readonly Person[] = [
  {
    id: DEMO_IDS.ana,
    firmId: DEMO_IDS.riveraCho,
    name: 'Ana Rivera',
    email: 'ana.rivera@rivera-cho.test',
    role: 'owner',
  },
  {
    id: DEMO_IDS.ben,
    firmId: DEMO_IDS.riveraCho,
    name: 'Ben Cho',
    email: 'ben.cho@rivera-cho.test',
    role: 'admin',
  },
  {
    id: DEMO_IDS.carla,
    firmId: DEMO_IDS.riveraCho,
    name: 'Carla Diaz',
    email: 'carla.diaz@rivera-cho.test',
    role: 'member',
  },
  {
    id: DEMO_IDS.grace,
    firmId: DEMO_IDS.northgate,
    name: 'Grace Lin',
    email: 'grace.lin@northgate.test',
    role: 'owner',
  },
];

/** The demo firms' clients. */
export const DEMO_CONTACTS: readonly Client[] = [
  {
    id: DEMO_IDS.daniel,
    firmId: DEMO_IDS.riveraCho,
    firstName: 'Daniel',
    lastName: 'Okafor',
    email: 'daniel.okafor@client.test',
    portalStatus: 'active',
    assigneeIds: [DEMO_IDS.ben],
  },
  {
    id: DEMO_IDS.elena,
    firmId: DEMO_IDS.riveraCho,
    firstName: 'Elena',
    lastName: 'Petrova',
    email: 'elena.petrova@client.test',
    portalStatus: 'active',
    assigneeIds: [DEMO_IDS.carla, DEMO_IDS.ben],
  },
  {
    id: DEMO_IDS.farid,
    firmId: DEMO_IDS.riveraCho,
    firstName: 'Farid',
    lastName: 'Haddad',
    email: 'farid.haddad@client.test',
    portalStatus: 'invited',
    assigneeIds: [DEMO_IDS.ana],
  },
  {
    id: DEMO_IDS.hiro,
    firmId: DEMO_IDS.northgate,
    firstName: 'Hiro',
    lastName: 'Tanaka',
    email: 'hiro.tanaka@client.test',
    portalStatus: 'active',
    assigneeIds: [DEMO_IDS.grace],
  },
];

/** The demo firms' notification settings. */
export const DEMO_SETTINGS: ReadonlyArray<{ firmId: string; clientStartedThread: ClientStartedThreadValue }> =
  [
    { firmId: DEMO_IDS.riveraCho, clientStartedThread: 'assignees_and_owner' },
    { firmId: DEMO_IDS.northgate, clientStartedThread: 'all_members' },
  ];

/** The demo templates; they use only the protocol's merge fields. */
export const DEMO_TEMPLATES = [
  {
    id: 'tpl_document_request',
    firmId: DEMO_IDS.riveraCho,
    name: 'Document request',
    subject: 'Documents needed for your case',
    body: 'Dear {{client.firstName}},\n\nTo move your case forward we need a copy of your passport and your most recent pay slips. Please upload them in the portal.\n\nKind regards,\n{{sender.name}}\n{{firm.name}}',
  },
  {
    id: 'tpl_appointment_reminder',
    firmId: DEMO_IDS.riveraCho,
    name: 'Appointment reminder',
    subject: 'Reminder: your appointment with {{firm.name}}',
    body: 'Hello {{client.name}},\n\nThis is a reminder of your upcoming appointment. Please bring a photo ID.\n\n{{sender.name}}',
  },
  {
    id: 'tpl_case_status_update',
    firmId: DEMO_IDS.riveraCho,
    name: 'Case status update',
    subject: 'Update on your case ({{date.today}})',
    body: 'Dear {{client.firstName}} {{client.lastName}},\n\nHere is an update on your case as of {{date.today}}.\n\nBest,\n{{sender.name}}',
  },
] as const;

/** One demo message; `minutesAgo` places it in time relative to the seeding. */
export interface DemoMessage {
  readonly id: string;
  readonly author: PartyRef;
  readonly body: string;
  readonly minutesAgo: number;
  readonly internal?: boolean;
}

/** A demo conversation with its messages, oldest first. */
export interface DemoConversation {
  readonly id: string;
  readonly firmId: string;
  readonly contactId: string;
  readonly subject: string;
  readonly matter: { readonly id: string; readonly label: string } | null;
  readonly messages: readonly DemoMessage[];
  /** The client's read horizon, if they have read some of it. */
  readonly clientReadUpTo?: string;
}

const member = (id: string): PartyRef => ({ kind: 'member', id });
const client = (id: string): PartyRef => ({ kind: 'client', id });

/** The demo conversations. The first message's author started the conversation. */
export const DEMO_CONVERSATIONS: readonly DemoConversation[] = [
  {
    id: 'cnv_daniel_work_permit',
    firmId: DEMO_IDS.riveraCho,
    contactId: DEMO_IDS.daniel,
    subject: 'Work permit renewal',
    matter: { id: 'matter-2041', label: 'Okafor — work permit' },
    messages: [
      {
        id: 'msg_daniel_1',
        author: member(DEMO_IDS.ben),
        minutesAgo: 4320,
        body: 'Hello Daniel, your work permit expires in three months. We can start the renewal now; could you confirm your current address?',
      },
      {
        id: 'msg_daniel_2',
        author: client(DEMO_IDS.daniel),
        minutesAgo: 4200,
        body: 'Hi Ben, thank you. My address is unchanged. What else do you need from me?',
      },
      {
        id: 'msg_daniel_3',
        author: member(DEMO_IDS.ben),
        minutesAgo: 4100,
        internal: true,
        body: 'Internal: employer letter still missing; chase HR if nothing by Friday.',
      },
      {
        id: 'msg_daniel_4',
        author: member(DEMO_IDS.ben),
        minutesAgo: 1440,
        body: 'Thanks. We also need a letter from your employer confirming your position. You can upload it in the portal.',
      },
    ],
    clientReadUpTo: 'msg_daniel_1',
  },
  {
    id: 'cnv_elena_residence',
    firmId: DEMO_IDS.riveraCho,
    contactId: DEMO_IDS.elena,
    subject: 'Question about my residence card',
    matter: null,
    messages: [
      {
        id: 'msg_elena_1',
        author: client(DEMO_IDS.elena),
        minutesAgo: 300,
        body: 'Hello, my residence card has a typo in my name. Can you help me get it corrected?',
      },
      {
        id: 'msg_elena_2',
        author: member(DEMO_IDS.carla),
        minutesAgo: 240,
        body: 'Hello Elena, yes, we can request a corrected card. Please send a photo of both sides of the card.',
      },
      {
        id: 'msg_elena_3',
        author: client(DEMO_IDS.elena),
        minutesAgo: 60,
        body: 'I will take the photos tonight and upload them here. Thank you!',
      },
    ],
    clientReadUpTo: 'msg_elena_2',
  },
  {
    id: 'cnv_hiro_contract',
    firmId: DEMO_IDS.northgate,
    contactId: DEMO_IDS.hiro,
    subject: 'Lease agreement review',
    matter: { id: 'matter-77', label: 'Tanaka — lease' },
    messages: [
      {
        id: 'msg_hiro_1',
        author: member(DEMO_IDS.grace),
        minutesAgo: 2000,
        body: 'Hello Hiro, I have reviewed the lease. Clause 12 needs a change before you sign.',
      },
      {
        id: 'msg_hiro_2',
        author: client(DEMO_IDS.hiro),
        minutesAgo: 1900,
        body: 'Thank you, Grace. What should I ask the landlord for?',
      },
    ],
  },
];
