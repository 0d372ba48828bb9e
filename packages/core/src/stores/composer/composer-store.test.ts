import { describe, expect, it } from 'vitest';
import { createJSONStorage } from 'zustand/middleware';
import { memoryStorage } from '../../storage/storage.js';
import { createComposerStore, emptyDraft } from './composer-store.js';

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
