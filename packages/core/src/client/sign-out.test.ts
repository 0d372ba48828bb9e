import type { ConversationId } from '@confide/protocol';
import { describe, expect, it, vi } from 'vitest';
import { memoryStorage, type StorageAdapter } from '../storage/storage.js';
import { deferred } from '../test/deferred.js';
import {
  clientFor,
  createMockServer,
  queueOffline,
  seedConversation,
  serverBodies,
  transportFor,
  wrappedTransport,
} from '../test/mock-clients.js';
import { stateOf } from '../test/until.js';
import { storageNamespace } from './client-storage.js';
import { type ConfideClient, createConfideClient } from './create-confide-client.js';

/**
 * Storage that answers every call `ms` later, as IndexedDB or React Native's AsyncStorage do; `reads` lists the
 * keys asked for.
 */
function slowStorage(ms: number, reads: string[] = []): StorageAdapter {
  const values = memoryStorage();
  const later = <T>(value: () => T) => new Promise<T>((resolve) => setTimeout(() => resolve(value()), ms));
  return {
    getItem: (key) => {
      reads.push(key);
      return later(() => values.getItem(key) as string | null);
    },
    setItem: (key, value) => later(() => void values.setItem(key, value)),
    removeItem: (key) => later(() => void values.removeItem(key)),
  };
}

const storages: [string, () => StorageAdapter][] = [
  ['synchronous storage', memoryStorage],
  ['asynchronous storage', () => slowStorage(1)],
];

describe('signOut', () => {
  it.each(storages)('leaves nothing Ben typed or queued in %s, and sends none of it', async (_name, make) => {
    const mock = createMockServer();
    const id = await seedConversation(mock, 'Shared laptop', 'First');
    const storage = make();
    const bens = storageNamespace('confide', await transportFor(mock, 'ben').getViewer());
    const daniels = storageNamespace('confide', await transportFor(mock, 'daniel').getViewer());
    await storage.setItem(`${daniels}:drafts`, '{"state":{"drafts":{}},"version":1}');
    await storage.setItem('host:theme', 'dark');

    const ben = await clientFor(mock, 'ben', { storage });
    ben.composer().setSubject('Settlement terms');
    ben.composer({ conversationId: id }).setBody('Privileged reply draft');
    ben.composer({ draftId: 'blank' }).setBody('   ');
    queueOffline(ben, id, 'Privileged reply queued offline');
    await vi.waitFor(() => expect(ben.unsentWork()).toEqual({ sends: 1, drafts: 2 }));
    await vi.waitFor(async () => expect(await storage.getItem(`${bens}:outbox`)).toContain('queued offline'));

    await ben.signOut();
    expect(await storage.getItem(`${bens}:drafts`)).toBeNull();
    expect(await storage.getItem(`${bens}:outbox`)).toBeNull();
    expect(ben.unsentWork()).toEqual({ sends: 0, drafts: 0 });
    expect(await storage.getItem(`${daniels}:drafts`)).not.toBeNull();
    expect(await storage.getItem('host:theme')).toBe('dark');

    const again = await clientFor(mock, 'ben', { storage });
    expect(stateOf(again.composer()).draft.subject).toBe('');
    expect(again.stores.outbox.getState().entries).toEqual([]);
    expect(await serverBodies(mock, id)).toEqual(['First']);
  });

  it("drops the sends from the person's other tabs on the same storage, so none of them sends it later", async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock, 'Two tabs', 'First');
    const storage = memoryStorage();
    const signingOut = await clientFor(mock, 'ben', { storage });
    queueOffline(signingOut, id, 'Queued before signing out');
    const otherTab = await clientFor(mock, 'ben', { storage });
    otherTab.setOnline(false);
    await vi.waitFor(() => expect(otherTab.unsentWork().sends).toBe(1));

    await signingOut.signOut();
    await vi.waitFor(() => expect(otherTab.unsentWork().sends).toBe(0));
    otherTab.setOnline(true);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await serverBodies(mock, id)).toEqual(['First']);
  });

  it("stops the person's other tabs on the same storage: they drop drafts and sends, save nothing more and tell the host", async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock, 'Signed out in another tab', 'First');
    const storage = memoryStorage();
    const bens = storageNamespace('confide', await transportFor(mock, 'ben').getViewer());
    const daniels = storageNamespace('confide', await transportFor(mock, 'daniel').getViewer());
    const signingOut = await clientFor(mock, 'ben', { storage });
    const heard = { otherTab: 0, daniel: 0 };
    const otherTab = await clientFor(mock, 'ben', {
      storage,
      onSignedOutElsewhere: () => (heard.otherTab += 1),
    });
    const daniel = await clientFor(mock, 'daniel', {
      storage,
      onSignedOutElsewhere: () => (heard.daniel += 1),
    });
    daniel.composer({ conversationId: id }).setBody("Daniel's own draft");
    otherTab.composer({ conversationId: id }).setBody('Typed in the other tab');
    signingOut.setOnline(false);
    queueOffline(otherTab, id, 'Queued in the other tab');
    await vi.waitFor(() => expect(signingOut.unsentWork()).toEqual({ sends: 1, drafts: 1 }));

    await signingOut.signOut();
    await vi.waitFor(() => expect(heard.otherTab).toBe(1));
    expect(otherTab.unsentWork()).toEqual({ sends: 0, drafts: 0 });
    expect(stateOf(otherTab.composer({ conversationId: id })).draft.body).toBe('');
    // A keystroke after the news, or the page's own state changing, writes nothing of Ben's back.
    otherTab.composer({ conversationId: id }).setBody('Typed after signing out');
    otherTab.setOnline(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await storage.getItem(`${bens}:drafts`)).toBeNull();
    expect(await storage.getItem(`${bens}:outbox`)).toBeNull();
    expect(await serverBodies(mock, id)).toEqual(['First']);
    // Another person's tab on the same storage hears nothing and keeps what they typed.
    expect(heard.daniel).toBe(0);
    expect(await storage.getItem(`${daniels}:drafts`)).toContain("Daniel's own draft");
    expect(daniel.unsentWork().drafts).toBe(1);
  });

  it('removes what a start-up still reading the saved state writes back', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock, 'Signed out at once', 'First');
    const reads: string[] = [];
    const storage = slowStorage(20, reads);
    const namespace = storageNamespace('confide', await transportFor(mock, 'ben').getViewer());
    const before = await clientFor(mock, 'ben', { storage });
    queueOffline(before, id, 'Queued on the last page');
    await vi.waitFor(async () => expect(await storage.getItem(`${namespace}:outbox`)).toContain('last page'));
    before.dispose();

    const client = createConfideClient({ transport: transportFor(mock, 'ben'), storage });
    reads.length = 0;
    client.mount();
    await vi.waitFor(() => expect(reads).toContain(`${namespace}:outbox`), { interval: 1 });
    await client.signOut();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await storage.getItem(`${namespace}:outbox`)).toBeNull();
    expect(await storage.getItem(`${namespace}:drafts`)).toBeNull();
  });

  it('leaves storage alone when the viewer never loaded, since nothing there is known to be theirs', async () => {
    const mock = createMockServer();
    const storage = memoryStorage();
    const namespace = storageNamespace('confide', await transportFor(mock, 'ben').getViewer());
    storage.setItem(`${namespace}:drafts`, '{"state":{"drafts":{}},"version":1}');
    const client = createConfideClient({ transport: transportFor(mock, 'ben'), storage });
    client.composer().setSubject('Typed before mount');
    await client.signOut();
    expect(storage.getItem(`${namespace}:drafts`)).not.toBeNull();
    expect(client.unsentWork()).toEqual({ sends: 0, drafts: 0 });
  });
});

describe('signing out in one tab while another tab is sending', () => {
  it.each([
    [
      'a reply',
      (tab: ConfideClient, id: ConversationId) => tab.thread(id).send('Sent as the other tab closed'),
    ],
    [
      'a draft sent from the composer',
      (tab: ConfideClient, id: ConversationId) => {
        tab.composer({ conversationId: id }).setBody('Sent as the other tab closed');
        return tab.composer({ conversationId: id }).send();
      },
    ],
  ])(
    'leaves nothing of the person in storage once %s on the wire lands, and tells the host once',
    async (_name, send) => {
      const mock = createMockServer();
      const id = await seedConversation(mock, 'Signed out mid-send', 'First');
      const storage = memoryStorage();
      const bens = storageNamespace('confide', await transportFor(mock, 'ben').getViewer());
      const release = deferred<void>();
      const onTheWire = deferred<void>();
      let heard = 0;
      // Opened first, this tab holds the outbox's lock: it is the one that sends what the tabs queue.
      const sending = await clientFor(mock, 'ben', {
        storage,
        onSignedOutElsewhere: () => (heard += 1),
        transport: wrappedTransport(mock, 'ben', (fetch) => async (input, init) => {
          const request = new Request(input, init);
          if (request.method !== 'POST') return fetch(request);
          onTheWire.resolve();
          const response = await fetch(request);
          await release.promise;
          return response;
        }),
      });
      const signingOut = await clientFor(mock, 'ben', { storage });

      const sent = Promise.resolve(send(sending, id)).catch(() => {});
      await onTheWire.promise;
      await signingOut.signOut();
      await vi.waitFor(() => expect(heard).toBe(1));
      release.resolve();
      await sent;
      await new Promise((resolve) => setTimeout(resolve, 50));

      expect(await storage.getItem(`${bens}:drafts`)).toBeNull();
      expect(await storage.getItem(`${bens}:outbox`)).toBeNull();
      expect(sending.unsentWork()).toEqual({ sends: 0, drafts: 0 });
      expect(heard).toBe(1);
    },
  );
});
