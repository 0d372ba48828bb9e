/** Realistic wire payloads, as the server would send them, for the schema tests. */
export const firm = { id: 'firm_rivera_cho', name: 'Rivera & Cho Immigration' };

export const member = {
  id: 'mem_ben',
  firmId: 'firm_rivera_cho',
  name: 'Ben Cho',
  email: 'ben.cho@rivera-cho.test',
  role: 'admin',
};

export const contact = {
  id: 'con_daniel',
  firmId: 'firm_rivera_cho',
  firstName: 'Daniel',
  lastName: 'Okafor',
  name: 'Daniel Okafor',
  email: 'daniel.okafor@client.test',
  portalStatus: 'active',
  assigneeIds: ['mem_ben'],
};

export const conversation = {
  id: 'cnv_01',
  firmId: 'firm_rivera_cho',
  contact: { id: 'con_daniel', name: 'Daniel Okafor' },
  subject: 'Documents for your visa application',
  matter: { id: 'M-2024-117', label: 'Okafor — H-1B petition' },
  startedBy: { kind: 'member', id: 'mem_ben', name: 'Ben Cho' },
  createdAt: '2026-11-20T09:15:00.000Z',
  lastActivityAt: '2026-11-21T16:02:11.000Z',
  clientRead: { contactId: 'con_daniel', upToMessageId: 'msg_01', readAt: '2026-11-20T10:00:00.000Z' },
};

export const message = {
  id: 'msg_02',
  conversationId: 'cnv_01',
  author: { kind: 'client', id: 'con_daniel', name: 'Daniel Okafor' },
  body: 'Hi Ben,\nI have uploaded the passport scan. The birth certificate follows tomorrow.',
  createdAt: '2026-11-21T16:02:11.000Z',
  internal: false,
  idempotencyKey: 'draft_7f3a9c21',
};

export const summary = {
  ...conversation,
  lastMessage: {
    id: 'msg_02',
    author: { kind: 'client', id: 'con_daniel', name: 'Daniel Okafor' },
    text: 'Hi Ben, I have uploaded the passport scan.',
    createdAt: '2026-11-21T16:02:11.000Z',
    internal: false,
  },
  unreadCount: 1,
};

export const template = {
  id: 'tpl_document_request',
  firmId: 'firm_rivera_cho',
  name: 'Document request',
  subject: 'Documents we need from you',
  body: 'Dear {{client.firstName}},\nplease upload your passport scan.\n{{sender.name}}, {{firm.name}}',
  createdAt: '2026-11-01T08:00:00.000Z',
  updatedAt: '2026-11-01T08:00:00.000Z',
};

export const notification = {
  id: 'ntf_01',
  kind: 'client_replied',
  conversationId: 'cnv_01',
  messageId: 'msg_02',
  contact: { id: 'con_daniel', name: 'Daniel Okafor' },
  subject: 'Documents for your visa application',
  createdAt: '2026-11-21T16:02:11.000Z',
  readAt: null,
};

export const attachment = {
  id: 'att_1',
  name: 'passport.pdf',
  size: 1234,
  mediaType: 'application/pdf',
  state: 'not_scanned',
  internal: false,
  messageId: 'msg_1',
  createdAt: '2026-11-30T09:00:00.000Z',
};
