import type { AttachmentDownloadRow, AttachmentRow, DownloadTicketRow } from './attachment-rows.js';
import type {
  AuditRow,
  ContactRow,
  ConversationRow,
  EventRow,
  FirmRow,
  MailRow,
  MemberRow,
  MessageRow,
  NotificationRow,
  NotificationSettingsRow,
  ReadStateRow,
  TemplateRow,
} from './rows.js';

/** Everything the in-memory store holds. Rows are never mutated in place, only replaced. */
export interface MemoryState {
  firms: Map<string, FirmRow>;
  members: Map<string, MemberRow>;
  contacts: Map<string, ContactRow>;
  settings: Map<string, NotificationSettingsRow>;
  conversations: Map<string, ConversationRow>;
  messages: Map<string, MessageRow>;
  /** Conversation id → its messages in seq order; arrays are replaced on insert, never mutated. */
  messagesByConversation: Map<string, readonly MessageRow[]>;
  /** `author kind:author id:key` → message id: the idempotency unique key. */
  idempotencyKeys: Map<string, string>;
  /** `conversation id:reader kind:reader id` → horizon. */
  readStates: Map<string, ReadStateRow>;
  notifications: Map<string, NotificationRow>;
  templates: Map<string, TemplateRow>;
  mail: Map<string, MailRow>;
  audit: AuditRow[];
  events: EventRow[];
  attachments: Map<string, AttachmentRow>;
  /** Token hash → ticket. */
  downloadTickets: Map<string, DownloadTicketRow>;
  attachmentDownloads: AttachmentDownloadRow[];
  /** Last seq handed out per sequence. */
  sequences: { message: number; notification: number; mail: number; audit: number; event: number };
}

/** An empty state. */
export function createMemoryState(): MemoryState {
  return {
    firms: new Map(),
    members: new Map(),
    contacts: new Map(),
    settings: new Map(),
    conversations: new Map(),
    messages: new Map(),
    messagesByConversation: new Map(),
    idempotencyKeys: new Map(),
    readStates: new Map(),
    notifications: new Map(),
    templates: new Map(),
    mail: new Map(),
    audit: [],
    events: [],
    attachments: new Map(),
    downloadTickets: new Map(),
    attachmentDownloads: [],
    sequences: { message: 0, notification: 0, mail: 0, audit: 0, event: 0 },
  };
}

/** A copy whose containers can change without touching the original; rows are shared because they never change. */
export function cloneMemoryState(state: MemoryState): MemoryState {
  return {
    firms: new Map(state.firms),
    members: new Map(state.members),
    contacts: new Map(state.contacts),
    settings: new Map(state.settings),
    conversations: new Map(state.conversations),
    messages: new Map(state.messages),
    messagesByConversation: new Map(state.messagesByConversation),
    idempotencyKeys: new Map(state.idempotencyKeys),
    readStates: new Map(state.readStates),
    notifications: new Map(state.notifications),
    templates: new Map(state.templates),
    mail: new Map(state.mail),
    audit: [...state.audit],
    events: [...state.events],
    attachments: new Map(state.attachments),
    downloadTickets: new Map(state.downloadTickets),
    attachmentDownloads: [...state.attachmentDownloads],
    sequences: { ...state.sequences },
  };
}

/** Adds `row` unless its id is taken, and says whether it did: the SQL stores' `ON CONFLICT DO NOTHING`. */
export function insertNew<Row extends { readonly id: string }>(rows: Map<string, Row>, row: Row): boolean {
  if (rows.has(row.id)) return false;
  rows.set(row.id, row);
  return true;
}

/** The row under `key`, or null. */
export function rowOrNull<Row>(rows: ReadonlyMap<string, Row>, key: string): Row | null {
  return rows.get(key) ?? null;
}
