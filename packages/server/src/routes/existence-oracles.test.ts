import { describe, expect, it } from 'vitest';
import { seedAttachment } from '../testing/attachment-fixtures.js';
import { createTestApp, freshKey, type PersonName, type TestApp } from '../testing/test-app.js';

const DANIEL = 'cnv_daniel_work_permit';

/** Ana's internal note in Daniel's conversation, with a file, both with words found nowhere else. */
async function appWithNote(): Promise<TestApp & { noteId: string }> {
  const test = await createTestApp();
  const file = await seedAttachment(test, { uploader: 'owner', name: 'settlement-memo.txt' });
  const answer = await test.call('POST', `/v1/conversations/${DANIEL}/messages`, {
    as: 'owner',
    body: {
      body: 'Weak case, settle early',
      idempotencyKey: freshKey(),
      internal: true,
      attachmentIds: [file.id],
    },
  });
  expect(answer.status).toBe(201);
  const note = (await answer.json()) as { id: string };
  return { ...test, noteId: note.id };
}

describe('search of the conversation index', () => {
  it.each<[string, PersonName, string, string[]]>([
    ["a word only in an internal note's text", 'client', 'settle early', []],
    ["an internal note's file name", 'client', 'settlement-memo', []],
    ['a template name', 'client', 'Document request', []],
    ["another client's subject", 'client', 'residence card', []],
    ["another client's name", 'client', 'Petrova', []],
    ["another firm's matter label", 'client', 'Tanaka', []],
    ["another firm's subject", 'otherFirmMember', 'Work permit', []],
    ["another firm's client's name", 'otherFirmMember', 'Okafor', []],
    ['their own subject (what search is for)', 'client', 'work PERMIT', [DANIEL]],
  ])('finds nothing past what the viewer may see: %s', async (_kind, as, query, expected) => {
    const test = await appWithNote();
    const answer = await test.call('GET', `/v1/conversations?query=${encodeURIComponent(query)}`, { as });
    const page = (await answer.json()) as { items: { id: string }[] };
    expect(page.items.map((item) => item.id)).toEqual(expected);
  });
});

/** One request of a row: its path and body. */
interface Probe {
  readonly path: string;
  readonly body?: unknown;
}

describe('answers about things the viewer may not see', () => {
  // Each row: what exists but is not the viewer's, then what does not exist at all; both answers must be equal.
  it.each<[string, PersonName, string, (noteId: string) => readonly [Probe, Probe]]>([
    [
      "another client's conversation",
      'client',
      'GET',
      () => [
        { path: '/v1/conversations/cnv_elena_residence' },
        { path: '/v1/conversations/cnv_nothing_here' },
      ],
    ],
    [
      "another firm's conversation's messages",
      'client',
      'GET',
      () => [
        { path: '/v1/conversations/cnv_hiro_contract/messages' },
        { path: '/v1/conversations/cnv_nothing_here/messages' },
      ],
    ],
    [
      "another client's conversation, to write in",
      'client',
      'POST',
      () => [
        {
          path: '/v1/conversations/cnv_elena_residence/messages',
          body: { body: 'Hello', idempotencyKey: 'oracle_key_1' },
        },
        {
          path: '/v1/conversations/cnv_nothing_here/messages',
          body: { body: 'Hello', idempotencyKey: 'oracle_key_2' },
        },
      ],
    ],
    [
      'an internal note, to mark read',
      'client',
      'POST',
      (noteId) => [
        { path: `/v1/conversations/${DANIEL}/read`, body: { upTo: noteId } },
        { path: `/v1/conversations/${DANIEL}/read`, body: { upTo: 'msg_nothing_here' } },
      ],
    ],
    [
      "another firm's template",
      'otherFirmMember',
      'GET',
      () => [{ path: '/v1/templates/tpl_document_request' }, { path: '/v1/templates/tpl_nothing_here' }],
    ],
    [
      "another firm's template, to change",
      'otherFirmMember',
      'PUT',
      () => [
        { path: '/v1/templates/tpl_document_request', body: { name: 'Mine now' } },
        { path: '/v1/templates/tpl_nothing_here', body: { name: 'Mine now' } },
      ],
    ],
    [
      "another firm's client, to write to",
      'otherFirmMember',
      'POST',
      () => [
        {
          path: '/v1/conversations',
          body: { contactId: 'con_daniel', subject: 'Hi', body: 'Hi', idempotencyKey: 'oracle_key_3' },
        },
        {
          path: '/v1/conversations',
          body: { contactId: 'con_nothing_here', subject: 'Hi', body: 'Hi', idempotencyKey: 'oracle_key_4' },
        },
      ],
    ],
  ])('answers %s exactly like something that does not exist', async (_kind, as, method, probes) => {
    const test = await appWithNote();
    const [existing, missing] = probes(test.noteId);
    const first = await test.call(method, existing.path, { as, body: existing.body });
    const second = await test.call(method, missing.path, { as, body: missing.body });
    expect(first.status).toBe(404);
    expect([second.status, await second.json()]).toEqual([first.status, await first.json()]);
  });
});
