import type { ConversationId } from '@confide/protocol';
import { describe, expect, it, vi } from 'vitest';
import { localStorageAdapter, memoryStorage, type StorageAdapter } from '../storage/storage.js';
import {
  clientFor,
  createMockServer,
  type MockServer,
  queueOffline,
  seedConversation,
  serverBodies,
} from '../test/mock-clients.js';
import { untilState } from '../test/until.js';
import type { ConfideClient } from './create-confide-client.js';

/** A storage the test fills up and frees again, shared like a browser's tabs share theirs; `saved` lists its keys. */
interface FillableStorage {
  readonly adapter: StorageAdapter;
  fill(): void;
  free(): void;
  saved(): string[];
}

/** Storage that refuses writes while full, as a browser does (`QuotaExceededError`), over `kind` of adapter. */
function fillableStorage(kind: 'localStorage' | 'asynchronous', full = false): FillableStorage {
  const values = new Map<string, string>();
  const area = {
    getItem: (key: string) => values.get(key) ?? null,
    setItem(key: string, value: string) {
      if (full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      values.set(key, value);
    },
    removeItem: (key: string) => void values.delete(key),
  };
  const later = <Result>(call: () => Result) => new Promise((resolve) => setTimeout(resolve, 1)).then(call);
  const { sharing } = memoryStorage();
  const adapter: StorageAdapter =
    kind === 'localStorage'
      ? { ...localStorageAdapter(area), sharing }
      : {
          getItem: (key) => later(() => area.getItem(key)),
          setItem: (key, value) => later(() => area.setItem(key, value)),
          removeItem: (key) => later(() => area.removeItem(key)),
          sharing,
        };
  return {
    adapter,
    fill() {
      full = true;
    },
    free() {
      full = false;
    },
    saved: () => [...values.keys()].map((key) => key.slice(key.lastIndexOf(':') + 1)),
  };
}

/** Storages of every kind that refuses writes, by how they refuse; a row's storage starts full when it says so. */
const storages: [string, (full?: boolean) => FillableStorage][] = [
  ['localStorage (throws QuotaExceededError)', (full) => fillableStorage('localStorage', full)],
  ['an asynchronous storage (rejects, as IndexedDB does)', (full) => fillableStorage('asynchronous', full)],
];

/** Closes `page` and opens the person's next one on the same storage. */
async function reload(mock: MockServer, page: ConfideClient, storage: FillableStorage) {
  page.dispose();
  return clientFor(mock, 'ben', { storage: storage.adapter });
}

/** Ben's first page on a storage of `makeStorage` (full from the start when `full`), with a conversation `subject`. */
async function firstPage(makeStorage: (full?: boolean) => FillableStorage, subject: string, full = false) {
  const mock = createMockServer();
  const id = await seedConversation(mock, subject, 'First');
  const storage = makeStorage(full);
  const page = await clientFor(mock, 'ben', { storage: storage.adapter });
  return { mock, id, storage, page };
}

const replyIn = (page: ConfideClient, id: ConversationId) =>
  page.composer({ conversationId: id }).draft().body;

describe('a draft the storage cannot save', () => {
  it.each(storages)(
    '%s: leaves no older copy to come back on a reload, and says the draft is not saved',
    async (_kind, makeStorage) => {
      const { mock, id, storage, page } = await firstPage(makeStorage, 'Full storage');
      page.composer({ conversationId: id }).setBody('The first version');
      await vi.waitFor(() => expect(storage.saved()).toContain('drafts'));

      storage.fill();
      page.composer({ conversationId: id }).setBody('The first version, corrected');
      await untilState(page.stores.composer, (state) => state.saving === 'failed');
      await vi.waitFor(() => expect(storage.saved()).not.toContain('drafts'));
      expect(replyIn(page, id)).toBe('The first version, corrected');

      storage.free();
      expect(replyIn(await reload(mock, page, storage), id)).toBe('');
    },
  );

  it.each(storages)(
    '%s: is saved again, with what was typed meanwhile, once the storage takes writes again',
    async (_kind, makeStorage) => {
      const { mock, id, storage, page } = await firstPage(makeStorage, 'Full for a while', true);
      page.composer({ conversationId: id }).setBody('Typed while full');
      page.composer({ draftId: 'new' }).setSubject('Also typed while full');
      await untilState(page.stores.composer, (state) => state.saving === 'failed');

      storage.free();
      page.composer({ conversationId: id }).setBody('Typed while full, and after');
      await untilState(page.stores.composer, (state) => state.saving === 'saved');
      const next = await reload(mock, page, storage);
      expect(replyIn(next, id)).toBe('Typed while full, and after');
      expect(next.composer({ draftId: 'new' }).draft().subject).toBe('Also typed while full');
    },
  );

  it.each(storages)(
    '%s, in Safari private mode (every write refused from the start): says the draft is not saved',
    async (_kind, makeStorage) => {
      const { mock, id, storage, page } = await firstPage(makeStorage, 'Private mode', true);
      page.composer({ conversationId: id }).setBody('Never saved');
      await untilState(page.stores.composer, (state) => state.saving === 'failed');
      expect(storage.saved()).toEqual([]);
      expect(replyIn(await reload(mock, page, storage), id)).toBe('');
    },
  );

  it.each(storages)(
    '%s, shared with a second tab: neither tab leaves an older copy, and both say the draft is not saved',
    async (_kind, makeStorage) => {
      const mock = createMockServer();
      const id = await seedConversation(mock, 'Two tabs', 'First');
      const storage = makeStorage();
      const first = await clientFor(mock, 'ben', { storage: storage.adapter });
      const second = await clientFor(mock, 'ben', { storage: storage.adapter });
      first.composer({ conversationId: id }).setBody('Saved in both tabs');
      await untilState(second.stores.composer, () => replyIn(second, id) === 'Saved in both tabs');
      await vi.waitFor(() => expect(storage.saved()).toContain('drafts'));

      storage.fill();
      second.composer({ conversationId: id }).setBody('Typed in the second tab');
      for (const tab of [first, second])
        await untilState(tab.stores.composer, (state) => state.saving === 'failed');
      await vi.waitFor(() => expect(storage.saved()).not.toContain('drafts'));
      first.dispose();
      storage.free();
      expect(replyIn(await reload(mock, second, storage), id)).toBe('');
    },
  );
});

describe('a send queued offline that the storage cannot save', () => {
  it.each(storages)(
    '%s: says it is lost if the page closes, and a send discarded before never comes back',
    async (_kind, makeStorage) => {
      const { mock, id, storage, page } = await firstPage(makeStorage, 'Queued while full');
      queueOffline(page, id, 'Discarded later');
      await vi.waitFor(() => expect(storage.saved()).toContain('outbox'));

      storage.fill();
      const [discarded] = page.stores.outbox.getState().entries;
      page.thread(id).discard(discarded!.id);
      queueOffline(page, id, 'Queued while the storage is full');
      await untilState(page.stores.outbox, (state) => state.saving === 'failed');
      expect(page.stores.outbox.getState().entries).toMatchObject([
        { body: 'Queued while the storage is full', status: 'queued' },
      ]);
      await vi.waitFor(() => expect(storage.saved()).not.toContain('outbox'));

      storage.free();
      const next = await reload(mock, page, storage);
      expect(next.stores.outbox.getState().entries).toEqual([]);
      expect(await serverBodies(mock, id)).toEqual(['First']);
    },
  );

  it.each(storages)(
    '%s: is saved once the storage takes writes again, and sent once after a reload',
    async (_kind, makeStorage) => {
      const { mock, id, storage, page } = await firstPage(makeStorage, 'Full, then not', true);
      queueOffline(page, id, 'Queued while full');
      await untilState(page.stores.outbox, (state) => state.saving === 'failed');

      storage.free();
      queueOffline(page, id, 'Queued once there was room');
      await untilState(page.stores.outbox, (state) => state.saving === 'saved');
      const next = await reload(mock, page, storage);
      await untilState(next.stores.outbox, (state) => state.entries.length === 0);
      expect(await serverBodies(mock, id)).toEqual([
        'First',
        'Queued while full',
        'Queued once there was room',
      ]);
    },
  );
});
