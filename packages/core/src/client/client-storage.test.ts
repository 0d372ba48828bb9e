import type { ConversationId } from '@confide/protocol';
import { QueryClient } from '@tanstack/query-core';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { localStorageAdapter, memoryStorage, type StorageAdapter } from '../storage/storage.js';
import { emptyDraft } from '../stores/composer/composer-store.js';
import { deferred } from '../test/deferred.js';
import {
  clientFor,
  createMockServer,
  type MockServer,
  queueOffline,
  seedConversation,
  seedKey,
  serverBodies,
  transportFor,
  urlOf,
  wrappedTransport,
} from '../test/mock-clients.js';
import { stateOf, until, untilState } from '../test/until.js';
import { storageNamespace } from './client-storage.js';
import { type ConfideClient, createConfideClient } from './create-confide-client.js';

/** Storage that answers every call a turn later, as IndexedDB or React Native's AsyncStorage do. */
function asyncStorage(): StorageAdapter {
  const values = memoryStorage();
  const later = <T>(value: () => T) => new Promise<T>((resolve) => setTimeout(() => resolve(value()), 1));
  return {
    getItem: (key) => later(() => values.getItem(key) as string | null),
    setItem: (key, value) => later(() => void values.setItem(key, value)),
    removeItem: (key) => later(() => void values.removeItem(key)),
  };
}

/** Ben's storage key prefix, as a mounted client computes it. */
async function bensNamespace(mock: MockServer): Promise<string> {
  return storageNamespace('confide', await transportFor(mock, 'ben').getViewer());
}

describe('persisted drafts and sends', () => {
  it('restores a draft and sends a queued message after a reload, over an asynchronous storage', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock, 'Reload', 'First');
    const storage = asyncStorage();
    const before = await clientFor(mock, 'ben', { storage });
    before.composer({ conversationId: id }).setBody('Half a reply');
    queueOffline(before, id, 'Queued while offline');
    before.dispose();

    const after = await clientFor(mock, 'ben', { storage });
    expect(stateOf(after.composer({ conversationId: id })).draft.body).toBe('Half a reply');
    await untilState(after.stores.outbox, (state) => state.entries.length === 0);
    expect(await serverBodies(mock, id)).toEqual(['First', 'Queued while offline']);
  });

  it('saves what was sent while the saved sends were being read together with them', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock, 'Start-up', 'First');
    const namespace = await bensNamespace(mock);
    const storage = asyncStorage();
    const before = await clientFor(mock, 'ben', { storage });
    queueOffline(before, id, 'Queued on the last page');
    before.dispose();

    const after = createConfideClient({ transport: transportFor(mock, 'ben'), storage });
    after.mount();
    queueOffline(after, id, 'Written during start-up');
    await after.ready;
    await new Promise((resolve) => setTimeout(resolve, 10));
    const saved = JSON.parse((await storage.getItem(`${namespace}:outbox`)) as string);
    expect(saved.state.entries.map((entry: { body: string }) => entry.body)).toEqual([
      'Queued on the last page',
      'Written during start-up',
    ]);
    after.dispose();
  });

  it('keeps what still has its shape from a value saved by an older version, and drops the rest', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock, 'Older version', 'First');
    const namespace = await bensNamespace(mock);
    const storage = memoryStorage();
    const draft = { ...emptyDraft('new', null, 0), subject: 'Saved by an older version' };
    storage.setItem(
      `${namespace}:drafts`,
      JSON.stringify({ state: { drafts: { new: draft, broken: { id: 7 } } }, version: 0 }),
    );
    const entry = {
      kind: 'message',
      id: seedKey('older'),
      draftId: null,
      conversationId: id as ConversationId,
      internal: false,
      body: 'Queued by an older version',
      createdAt: 0,
      status: 'sending',
      failure: null,
    };
    storage.setItem(
      `${namespace}:outbox`,
      JSON.stringify({ state: { entries: [entry, { kind: 'fax', id: 'x', body: 'no' }] }, version: 0 }),
    );

    const client = await clientFor(mock, 'ben', { storage });
    expect(Object.keys(client.stores.composer.getState().drafts)).toEqual(['new']);
    expect(stateOf(client.composer()).draft.subject).toBe('Saved by an older version');
    await untilState(client.stores.outbox, (state) => state.entries.length === 0);
    expect(await serverBodies(mock, id)).toEqual(['First', 'Queued by an older version']);
  });

  it.each([
    ['text that is not JSON', '{"state":'],
    ['null', 'null'],
    ['a number', '5'],
    ['an array', '[]'],
    ['a state that is not an object', '{"state":5,"version":0}'],
    ['drafts that are a list', '{"state":{"drafts":[1,2],"entries":{"a":1}},"version":1}'],
    ['a value of a future version', '{"state":{"drafts":{"new":{"id":"new"}},"entries":[{}]},"version":99}'],
    ['an unversioned raw record', '{"new":{"id":"new","idempotencyKey":"k","body":"b"}}'],
  ])('starts empty from a saved value that is %s, and saves over it', async (_label, saved) => {
    const mock = createMockServer();
    const namespace = await bensNamespace(mock);
    const storage = memoryStorage();
    storage.setItem(`${namespace}:drafts`, saved);
    storage.setItem(`${namespace}:outbox`, saved);

    const client = await clientFor(mock, 'ben', { storage });
    expect(client.stores.composer.getState().drafts).toEqual({});
    expect(client.stores.outbox.getState().entries).toEqual([]);
    client.composer().setSubject('Written after start-up');
    const written = JSON.parse(storage.getItem(`${namespace}:drafts`) as string);
    expect(written).toMatchObject({
      version: 1,
      state: { drafts: { new: { subject: 'Written after start-up' } } },
    });
  });

  it('writes nothing to storage before it is mounted, and nothing after it is disposed', async () => {
    const mock = createMockServer();
    const namespace = await bensNamespace(mock);
    const storage = memoryStorage();
    const client = createConfideClient({ transport: transportFor(mock, 'ben'), storage });
    client.composer().setSubject('Before mount');
    expect(storage.getItem(`${namespace}:drafts`)).toBeNull();
    expect(storage.getItem('drafts')).toBeNull();
    client.mount();
    await client.ready;
    client.composer().setSubject('Mounted');
    client.dispose();
    client.composer().setSubject('Disposed');
    const saved = JSON.parse(storage.getItem(`${namespace}:drafts`) as string);
    expect(saved.state.drafts.new.subject).toBe('Mounted');
  });
});

describe('two tabs of one viewer on one storage', () => {
  it.each([
    ['one QueryClient per tab', false],
    ['one QueryClient for both', true],
  ])('send a queued message once, and each shows it once (%s)', async (_name, shared) => {
    const mock = createMockServer();
    const id = await seedConversation(mock, 'Two tabs', 'Hello Daniel');
    const storage = memoryStorage();
    const posts: string[] = [];
    const transport = () =>
      wrappedTransport(mock, 'ben', (fetch) => async (input, init) => {
        const request = new Request(input, init);
        if (request.method === 'POST' && urlOf(input).endsWith('/messages'))
          posts.push(String((await request.clone().json()).idempotencyKey));
        return fetch(request);
      });
    const sharedClient = new QueryClient();
    const queryClient = () => (shared ? sharedClient : new QueryClient());
    const first = await clientFor(mock, 'ben', {
      transport: transport(),
      storage,
      queryClient: queryClient(),
    });
    await until(first.thread(id), (state) => state.status === 'success');
    queueOffline(first, id, 'Queued in the first tab');
    await untilState(first.stores.outbox, (state) => state.entries.length === 1);
    const second = await clientFor(mock, 'ben', {
      transport: transport(),
      storage,
      queryClient: queryClient(),
    });
    second.setOnline(false);
    await until(second.thread(id), (state) => state.status === 'success');
    first.setOnline(true);
    second.setOnline(true);
    for (const tab of [first, second]) {
      await untilState(tab.stores.outbox, (state) => state.entries.length === 0);
      const shown = await until(tab.thread(id), (state) =>
        state.messages.some(
          (message) => message.body === 'Queued in the first tab' && message.state === 'sent',
        ),
      );
      expect(shown.messages.filter((message) => message.body === 'Queued in the first tab')).toHaveLength(1);
    }
    expect(new Set(posts).size).toBe(1);
    expect(await serverBodies(mock, id)).toEqual(['Hello Daniel', 'Queued in the first tab']);
    expect(stateOf(first.thread(id)).messages.map((message) => message.id)).toEqual(
      stateOf(second.thread(id)).messages.map((message) => message.id),
    );
  });
});

describe('drafts in two tabs of one viewer on one storage', () => {
  /** The steps of one row: what the person does in tab `a` and tab `b`; resolves with the tabs open at the end. */
  type Steps = (tabs: {
    a: ConfideClient;
    b: ConfideClient;
    x: ConversationId;
    y: ConversationId;
    type: (tab: ConfideClient, id: ConversationId, body: string) => void;
    /** Moves the clock on, as between two things a person does. */
    tick: () => void;
    reload: (tab: ConfideClient) => Promise<ConfideClient>;
  }) => Promise<[ConfideClient, ConfideClient]>;

  const replyIn = (tab: ConfideClient, id: ConversationId) =>
    tab.composer({ conversationId: id }).draft().body;

  it.each<[string, Steps, { x: string; y: string }]>([
    [
      'different drafts, one in each tab',
      async ({ a, b, x, y, type }) => {
        type(a, x, 'Typed in tab A');
        type(b, y, 'Typed in tab B');
        return [a, b];
      },
      { x: 'Typed in tab A', y: 'Typed in tab B' },
    ],
    [
      'the same draft, in one tab and then the other',
      async ({ a, b, x, type }) => {
        type(a, x, 'First words');
        await vi.waitFor(() => expect(replyIn(b, x)).toBe('First words'));
        type(b, x, 'First words, and more');
        return [a, b];
      },
      { x: 'First words, and more', y: '' },
    ],
    [
      'the same draft, in both tabs before either hears of the other',
      async ({ a, b, x, type }) => {
        type(a, x, 'The older text');
        type(b, x, 'The newer text');
        return [a, b];
      },
      { x: 'The newer text', y: '' },
    ],
    [
      'a draft sent in one tab',
      async ({ a, b, x, type, tick }) => {
        type(a, x, 'Sent from tab A');
        await vi.waitFor(() => expect(replyIn(b, x)).toBe('Sent from tab A'));
        tick();
        await a.composer({ conversationId: x }).send();
        return [a, b];
      },
      { x: '', y: '' },
    ],
    [
      'a draft discarded in the other tab',
      async ({ a, b, x, type, tick }) => {
        type(a, x, 'Discarded in tab B');
        await vi.waitFor(() => expect(replyIn(b, x)).toBe('Discarded in tab B'));
        tick();
        b.composer({ conversationId: x }).reset();
        return [a, b];
      },
      { x: '', y: '' },
    ],
    [
      'a reload of one tab, which then goes on typing',
      async ({ a, b, x, y, type, reload }) => {
        type(a, x, 'Typed before the reload');
        const reloaded = await reload(a);
        type(reloaded, y, 'Typed after the reload');
        return [reloaded, b];
      },
      { x: 'Typed before the reload', y: 'Typed after the reload' },
    ],
  ])('keep every draft, the newest text of each: %s', async (_name, steps, expected) => {
    const mock = createMockServer();
    const x = await seedConversation(mock, 'Draft X', 'First');
    const y = await seedConversation(mock, 'Draft Y', 'First');
    const storage = memoryStorage();
    // One clock for both tabs, as on one device, moved on by each keystroke so that the order is the person's.
    let time = Date.parse('2026-12-01T09:00:00Z');
    const clock = { now: () => time, setTimeout, clearTimeout };
    const open = () => clientFor(mock, 'ben', { storage, clock });
    const tick = () => {
      time += 1_000;
    };
    const type = (tab: ConfideClient, id: ConversationId, body: string) => {
      tick();
      tab.composer({ conversationId: id }).setBody(body);
    };
    const reload = async (tab: ConfideClient) => {
      tab.dispose();
      return open();
    };

    const [a, b] = await steps({ a: await open(), b: await open(), x, y, type, tick, reload });
    // A keystroke in a third draft saves the whole of tab B's drafts again, as typing anywhere does.
    tick();
    b.composer({ draftId: 'elsewhere' }).setSubject('Another draft');
    for (const tab of [a, b])
      await vi.waitFor(() => expect({ x: replyIn(tab, x), y: replyIn(tab, y) }).toEqual(expected));
    a.dispose();
    b.dispose();
    const afterReload = await open();
    expect({ x: replyIn(afterReload, x), y: replyIn(afterReload, y) }).toEqual(expected);
    expect(afterReload.composer({ draftId: 'elsewhere' }).draft().subject).toBe('Another draft');
  });
});

describe('a tab opening while another tab is saving a draft', () => {
  it('hears of the draft from the other tab, and both keep it', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock, 'Slow storage', 'First');
    const namespace = await bensNamespace(mock);
    // Storage whose writes land only when the test says (IndexedDB is this slow under load), shared like tabs.
    const values = memoryStorage();
    const writes = deferred<void>();
    const storage: StorageAdapter = {
      getItem: (key) => values.getItem(key),
      setItem: (key, value) => writes.promise.then(() => void values.setItem(key, value)),
      removeItem: (key) => values.removeItem(key),
      sharing: values.sharing,
    };
    const first = await clientFor(mock, 'ben', { storage });
    first.composer({ conversationId: id }).setBody('Not saved yet when the second tab opens');

    const second = await clientFor(mock, 'ben', { storage });
    writes.resolve();
    for (const tab of [first, second])
      await vi.waitFor(() =>
        expect(tab.composer({ conversationId: id }).draft().body).toBe(
          'Not saved yet when the second tab opens',
        ),
      );
    await vi.waitFor(() =>
      expect(values.getItem(`${namespace}:drafts`)).toContain('Not saved yet when the second tab opens'),
    );
  });
});

describe('drafts in tabs whose clocks disagree', () => {
  /** Offsets of each tab's clock from the device's, in milliseconds (a skewed or stepped clock, or a frozen one). */
  type Clocks = readonly [number, number, number];

  const replyIn = (tab: ConfideClient, id: ConversationId) =>
    tab.composer({ conversationId: id }).draft().body;

  it.each<[string, Clocks, number]>([
    ['the second tab an hour behind', [0, -3_600_000, 0], 1_000],
    ['the first tab a minute behind', [-60_000, 0, 0], 1_000],
    ['the third tab five minutes behind', [0, 0, -300_000], 1_000],
    ['all three on one clock that does not move between keystrokes', [0, 0, 0], 0],
    ['every tab a second behind the one before it', [0, -1_000, -2_000], 1_000],
  ])('keep what was typed last in any of three tabs: %s', async (_name, offsets, step) => {
    const mock = createMockServer();
    const x = await seedConversation(mock, 'Draft X', 'First');
    const storage = memoryStorage();
    let time = Date.parse('2026-12-01T09:00:00Z');
    const open = (offset: number) =>
      clientFor(mock, 'ben', { storage, clock: { now: () => time + offset, setTimeout, clearTimeout } });
    const tabs = [await open(offsets[0]), await open(offsets[1]), await open(offsets[2])];

    // The person types in one tab after another, each tab having heard the others first.
    let text = '';
    for (const [turn, tab] of [tabs[0], tabs[1], tabs[2], tabs[0], tabs[2], tabs[1]].entries()) {
      time += step;
      text = `${text}word ${turn} `;
      tab!.composer({ conversationId: x }).setBody(text);
      for (const other of tabs) await vi.waitFor(() => expect(replyIn(other, x)).toBe(text));
    }
    for (const tab of tabs) tab.dispose();
    expect(replyIn(await open(0), x)).toBe(text);
  });
});

describe('a page whose localStorage cannot be used', () => {
  const refused = (name: string) => () => {
    throw new DOMException('The browser refused', name);
  };
  const working = () => {
    const values = new Map<string, string>();
    return {
      getItem: (key: string) => values.get(key) ?? null,
      setItem: (key: string, value: string) => void values.set(key, value),
      removeItem: (key: string) => void values.delete(key),
    };
  };

  it.each<[string, PropertyDescriptor]>([
    ["blocked by the browser's settings (reading it throws)", { get: refused('SecurityError') }],
    [
      'full, or Safari in private mode (writing throws)',
      { value: { ...working(), setItem: refused('QuotaExceededError') } },
    ],
    [
      'revoked after the page loaded (every call throws)',
      {
        value: {
          getItem: refused('SecurityError'),
          setItem: refused('SecurityError'),
          removeItem: refused('SecurityError'),
        },
      },
    ],
  ])('still lets the person write and send a reply: %s', async (_name, localStorage) => {
    const before = Object.getOwnPropertyDescriptor(globalThis, 'localStorage');
    Object.defineProperty(globalThis, 'localStorage', { ...localStorage, configurable: true });
    onTestFinished(() => {
      if (before) Object.defineProperty(globalThis, 'localStorage', before);
      else Reflect.deleteProperty(globalThis, 'localStorage');
    });
    const mock = createMockServer();
    const id = await seedConversation(mock, 'No storage', 'First');

    const client = await clientFor(mock, 'ben', { storage: localStorageAdapter() });
    const composer = client.composer({ conversationId: id });
    composer.setBody('Sent without storage');
    expect(composer.draft().body).toBe('Sent without storage');
    await composer.send();
    await untilState(client.stores.outbox, (state) => state.entries.length === 0);
    expect(await serverBodies(mock, id)).toEqual(['First', 'Sent without storage']);
    expect(composer.draft().body).toBe('');
  });
});

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
  it.each(storages)(
    "%s: a composer's state says whether its draft is saved, for a headless UI",
    async (_kind, makeStorage) => {
      const { id, storage, page } = await firstPage(makeStorage, 'Headless');
      const composer = page.composer({ conversationId: id });
      expect(stateOf(composer).saving).toBe('saved');
      storage.fill();
      composer.setBody('Typed while full');
      await until(composer, (state) => state.saving === 'failed');

      storage.free();
      composer.setBody('Typed once there was room');
      const saved = await until(composer, (state) => state.saving === 'saved');
      expect(saved.draft.body).toBe('Typed once there was room');
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
