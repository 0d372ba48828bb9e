/** Realistic wire payloads for the HTTP tests, as a Confide server would send them. */
export const viewerJson = {
  role: 'member',
  id: 'mem_ben',
  name: 'Ben Cho',
  email: 'ben.cho@rivera-cho.test',
  memberRole: 'admin',
  firm: { id: 'firm_rivera_cho', name: 'Rivera & Cho Immigration' },
};

export const messageJson = {
  id: 'msg_02',
  conversationId: 'cnv_01',
  author: { kind: 'member', id: 'mem_ben', name: 'Ben Cho' },
  body: 'Please upload the passport scan.',
  createdAt: '2026-11-21T16:02:11.000Z',
  internal: false,
  idempotencyKey: 'idk_test_0001',
};

/** One SSE frame for a `message.created` event with the given id. */
export function messageEventFrame(id: string, body = 'Live message'): string {
  const event = {
    id,
    type: 'message.created',
    data: { message: { ...messageJson, id: `msg_live_${id}`, body } },
  };
  return `id: ${id}\nevent: message.created\ndata: ${JSON.stringify(event)}\n\n`;
}
