import { describe, expect, it } from 'vitest';
import { createComposerStore } from './composer-store.js';

describe('composer store', () => {
  it('creates an empty draft with its own idempotency key once', () => {
    const store = createComposerStore(() => 1_000);
    const draft = store.getState().ensureDraft('new', null);
    expect(draft).toMatchObject({ id: 'new', subject: '', body: '', updatedAt: 1_000 });
    expect(draft.idempotencyKey).toMatch(/^idk_[A-Za-z0-9_-]{22}$/);
    expect(store.getState().ensureDraft('new', null)).toBe(draft);
  });

  it('keeps the idempotency key while the draft changes and replaces it on reset', () => {
    const store = createComposerStore();
    const { idempotencyKey } = store.getState().ensureDraft('new', null);
    store.getState().updateDraft('new', { body: 'Hello' });
    expect(store.getState().drafts.new).toMatchObject({ body: 'Hello', idempotencyKey });
    store.getState().resetDraft('new');
    expect(store.getState().drafts.new?.body).toBe('');
    expect(store.getState().drafts.new?.idempotencyKey).not.toBe(idempotencyKey);
  });

  it('keeps separate stores apart', () => {
    const first = createComposerStore();
    const second = createComposerStore();
    first.getState().ensureDraft('new', null);
    expect(second.getState().drafts).toEqual({});
  });

  it('restores saved drafts without overwriting newer ones', () => {
    const store = createComposerStore();
    store.getState().ensureDraft('new', null);
    store.getState().updateDraft('new', { body: 'typed now' });
    const current = store.getState().drafts.new!;
    store.getState().restoreDrafts({
      new: { ...current, body: 'stale' },
      other: { ...current, id: 'other', body: 'saved' },
    });
    expect(store.getState().drafts.new?.body).toBe('typed now');
    expect(store.getState().drafts.other?.body).toBe('saved');
  });
});
