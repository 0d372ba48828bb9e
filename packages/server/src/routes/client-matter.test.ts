import { describe, expect, it } from 'vitest';
import { createTestApp, freshKey, type PersonName } from '../testing/test-app.js';

/** A matter as a start sends it. */
interface SentMatter {
  readonly id: string;
  readonly label: string;
}

const startAs = (matter: SentMatter) => ({
  subject: 'About my case',
  body: 'A question',
  idempotencyKey: freshKey(),
  matter,
});

describe('a matter a client links to a conversation they start', () => {
  // The firm linked matter-2041 ("Okafor — work permit") to Daniel's conversation; matter-77 is Northgate's.
  it.each<[string, PersonName, SentMatter]>([
    [
      "another client's matter, under its own label",
      'otherClient',
      { id: 'matter-2041', label: 'Okafor — work permit' },
    ],
    [
      "another client's matter, under a label of theirs",
      'otherClient',
      { id: 'matter-2041', label: 'Urgent' },
    ],
  ])('is refused: %s', async (_kind, as, matter) => {
    const test = await createTestApp();
    const answer = await test.call('POST', '/v1/conversations', { as, body: startAs(matter) });
    expect([answer.status, await answer.json()]).toEqual([
      404,
      { error: { code: 'not_found', message: 'Matter not found' } },
    ]);
    const listed = await test.call('GET', `/v1/conversations?matterId=${matter.id}`, { as: 'owner' });
    const page = (await listed.json()) as { items: { contact: { id: string } }[] };
    expect(page.items.map((item) => item.contact.id)).not.toContain(
      as === 'client' ? 'con_daniel' : 'con_elena',
    );
  });

  it.each<[string, SentMatter, SentMatter]>([
    [
      'under its label',
      { id: 'matter-2041', label: 'Okafor — work permit' },
      { id: 'matter-2041', label: 'Okafor — work permit' },
    ],
    [
      "under another label: the firm's stays",
      { id: 'matter-2041', label: 'Won already' },
      { id: 'matter-2041', label: 'Okafor — work permit' },
    ],
  ])('links one of their own matters %s', async (_kind, sent, linked) => {
    const test = await createTestApp();
    const answer = await test.call('POST', '/v1/conversations', { as: 'client', body: startAs(sent) });
    expect(answer.status).toBe(201);
    expect(((await answer.json()) as { conversation: { matter: unknown } }).conversation.matter).toEqual(
      linked,
    );
  });

  // The client portal's host passes its own case reference: a matter no conversation of this firm carries yet.
  it.each<[string, SentMatter]>([
    ['a matter nobody linked', { id: 'matter-9999', label: 'New case' }],
    ["another firm's matter id, new to this firm", { id: 'matter-77', label: 'Tanaka — lease' }],
    ['a label in Arabic', { id: 'matter-ar-1', label: 'قضية الإقامة' }],
  ])('links a matter new to the firm as sent: %s', async (_kind, matter) => {
    const test = await createTestApp();
    const answer = await test.call('POST', '/v1/conversations', { as: 'client', body: startAs(matter) });
    expect(answer.status).toBe(201);
    expect(((await answer.json()) as { conversation: { matter: unknown } }).conversation.matter).toEqual(
      matter,
    );
  });

  it('is the one a member chooses, whoever the client', async () => {
    const test = await createTestApp();
    const matter = { id: 'matter-new-1', label: 'Petrova — residence' };
    const answer = await test.call('POST', '/v1/conversations', {
      as: 'member',
      body: { ...startAs(matter), contactId: 'con_elena' },
    });
    expect(answer.status).toBe(201);
    expect(((await answer.json()) as { conversation: { matter: unknown } }).conversation.matter).toEqual(
      matter,
    );
  });
});
