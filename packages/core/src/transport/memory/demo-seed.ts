import type { Contact, Firm, Member, NotificationSettings, Template } from '@confide/protocol';
import { ContactSchema, FirmSchema, MemberSchema, TemplateSchema } from '@confide/protocol';

/** The people and records a memory backend starts with. */
export interface MemorySeed {
  /** The one firm the backend serves. */
  readonly firm: Firm;
  /** The firm's members. */
  readonly members: readonly Member[];
  /** The firm's clients. */
  readonly contacts: readonly Contact[];
  /** Message templates. @default [] */
  readonly templates?: readonly Template[];
  /** Whom to notify of client-started conversations. @default { clientStartedThread: 'assignees_and_owner' } */
  readonly settings?: NotificationSettings;
}

const SEEDED_AT = '2026-11-01T08:00:00.000Z';
const FIRM_ID = 'firm_rivera_cho';

function member(id: string, name: string, email: string, role: Member['role']): Member {
  return MemberSchema.parse({ id, firmId: FIRM_ID, name, email, role });
}

function contact(
  id: string,
  firstName: string,
  lastName: string,
  portalStatus: Contact['portalStatus'],
  assigneeIds: string[],
) {
  const email = `${firstName}.${lastName}@client.test`.toLowerCase();
  return ContactSchema.parse({
    id,
    firmId: FIRM_ID,
    firstName,
    lastName,
    name: `${firstName} ${lastName}`,
    email,
    portalStatus,
    assigneeIds,
  });
}

/** A small copy of the demo dataset (Rivera & Cho): three members, three clients, two templates. */
export function demoSeed(): MemorySeed {
  return {
    firm: FirmSchema.parse({ id: FIRM_ID, name: 'Rivera & Cho Immigration' }),
    members: [
      member('mem_ana', 'Ana Rivera', 'ana.rivera@rivera-cho.test', 'owner'),
      member('mem_ben', 'Ben Cho', 'ben.cho@rivera-cho.test', 'admin'),
      member('mem_carla', 'Carla Diaz', 'carla.diaz@rivera-cho.test', 'member'),
    ],
    contacts: [
      contact('con_daniel', 'Daniel', 'Okafor', 'active', ['mem_ben']),
      contact('con_elena', 'Elena', 'Petrova', 'active', ['mem_carla', 'mem_ben']),
      contact('con_farid', 'Farid', 'Haddad', 'invited', []),
    ],
    templates: [
      TemplateSchema.parse({
        id: 'tpl_document_request',
        firmId: FIRM_ID,
        name: 'Document request',
        subject: 'Documents we need from you',
        body: 'Dear {{client.firstName}},\nplease upload your passport scan by {{date.today}}.\n{{sender.name}}, {{firm.name}}',
        createdAt: SEEDED_AT,
        updatedAt: SEEDED_AT,
      }),
      TemplateSchema.parse({
        id: 'tpl_appointment_reminder',
        firmId: FIRM_ID,
        name: 'Appointment reminder',
        subject: 'Your appointment with {{firm.name}}',
        body: 'Hello {{client.name}},\nthis is a reminder of your appointment.\n{{sender.name}}',
        createdAt: SEEDED_AT,
        updatedAt: SEEDED_AT,
      }),
    ],
    settings: { clientStartedThread: 'assignees_and_owner' },
  };
}
