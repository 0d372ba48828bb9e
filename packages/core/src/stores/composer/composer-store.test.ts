import { describe, expect, it } from 'vitest';
import { createJSONStorage } from 'zustand/middleware';
import { memoryStorage } from '../../storage/storage.js';
import { createComposerStore, emptyDraft, newerDrafts } from './composer-store.js';

describe('composer store', () => {
  it('gives an empty draft its own idempotency key, keeps it while the draft changes and replaces it on reset', () => {
    const store = createComposerStore(() => 1_000);
    const draft = emptyDraft('new', null, 0);
    expect(draft.idempotencyKey).toMatch(/^idk_[A-Za-z0-9_-]{22}$/);
    store.getState().updateDraft(draft, { body: 'Hello' });
    expect(store.getState().drafts.new).toEqual({ ...draft, body: 'Hello', updatedAt: 1_000 });
    store.getState().resetDraft('new');
    expect(store.getState().drafts.new?.body).toBe('');
    expect(store.getState().drafts.new?.idempotencyKey).not.toBe(draft.idempotencyKey);
  });

  it('keeps separate stores apart', () => {
    const first = createComposerStore();
    const second = createComposerStore();
    first.getState().updateDraft(emptyDraft('new', null, 0), {});
    expect(second.getState().drafts).toEqual({});
  });

  it('restores saved drafts without overwriting newer ones', async () => {
    const store = createComposerStore();
    const current = { ...emptyDraft('new', null, 0), body: 'typed now' };
    store.getState().updateDraft(current, {});
    const storage = memoryStorage();
    const saved = { new: { ...current, body: 'stale' }, other: { ...current, id: 'other', body: 'saved' } };
    storage.setItem('drafts', JSON.stringify({ state: { drafts: saved }, version: 1 }));
    store.persist.setOptions({ storage: createJSONStorage(() => storage) });
    await store.persist.rehydrate();
    expect(store.getState().drafts.new?.body).toBe('typed now');
    expect(store.getState().drafts.other?.body).toBe('saved');
  });
});

describe('newerDrafts', () => {
  const draft = (id: string, body: string, updatedAt: number) => ({
    ...emptyDraft(id, null, updatedAt),
    body,
  });
  const here = { a: draft('a', 'Typed here', 2_000) };

  it.each([
    [
      'a draft this page does not have',
      { b: draft('b', 'From another tab', 1_000) },
      ['Typed here', 'From another tab'],
    ],
    [
      'a newer copy of a draft',
      { a: draft('a', 'Typed later in another tab', 3_000) },
      ['Typed later in another tab'],
    ],
    ['an older copy of a draft', { a: draft('a', 'An older copy', 1_000) }, ['Typed here']],
  ])('takes in %s only when it is newer', (_name, incoming, bodies) => {
    expect(Object.values(newerDrafts(incoming, here)).map((kept) => kept.body)).toEqual(bodies);
  });

  it.each([
    ['Typed in tab A', 'Typed in tab B'],
    ['Typed in tab B', 'Typed in tab A'],
    ['', 'Some words'],
    ['Same words', 'Same words'],
  ])('keeps the same one of two copies of one moment on both pages (%j, %j)', (first, second) => {
    const one = { a: draft('a', first, 2_000) };
    const other = { a: { ...one.a, body: second } };
    expect(newerDrafts(one, other).a).toEqual(newerDrafts(other, one).a);
  });

  it('answers the same drafts object when nothing is newer, so that nothing is saved or shown again', () => {
    expect(newerDrafts({ a: draft('a', 'An older copy', 1_000) }, here)).toBe(here);
    expect(newerDrafts({ a: { ...here.a } }, here)).toBe(here);
  });

  it('dates a change on a page whose clock is behind its draft just after the draft', () => {
    const store = createComposerStore(() => 1_000);
    store
      .getState()
      .updateDraft(draft('a', 'Heard from a tab whose clock is ahead', 5_000), { body: 'More' });
    expect(store.getState().drafts.a?.updatedAt).toBe(5_001);
    store.getState().resetDraft('a');
    expect(store.getState().drafts.a?.updatedAt).toBe(5_002);
  });
});
