import { UPLOADS_PATH } from '@confide/protocol';
import { QueryClient } from '@tanstack/query-core';
import { describe, expect, it, vi } from 'vitest';
import { localStorageAdapter, memoryStorage } from '../storage/storage.js';
import { deferred } from '../test/deferred.js';
import { pdfFile } from '../test/files.js';
import {
  clientFor,
  createMockServer,
  recordedTransport,
  seedConversation,
  transportFor,
  wrappedTransport,
} from '../test/mock-clients.js';
import { until } from '../test/until.js';
import { storageNamespace } from './client-storage.js';

// The browser's localStorage, where tus-js-client's browser build keeps resume URLs by file fingerprint.
const device = vi.hoisted(() => {
  const items = new Map<string, string>();
  const localStorage = {
    get length() {
      return items.size;
    },
    key: (index: number) => [...items.keys()][index] ?? null,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, String(value)),
    removeItem: (key: string) => void items.delete(key),
    clear: () => items.clear(),
  };
  Object.assign(globalThis, { window: { localStorage }, localStorage });
  return { items };
});
// A variable path, so the type checker does not look for the (untyped) browser build's declarations.
const BROWSER_BUILD = 'tus-js-client/lib.esm/browser/index.js';
// What a browser loads: the same tus-js-client, built for browsers (its Node build stores nothing).
vi.mock('tus-js-client', () => import(BROWSER_BUILD));

// The same file picked on one device by two people: same name, type, size and modification time.
const passport = () => pdfFile('Passport scan.pdf', 40_000, { lastModified: 1_780_000_000_000 });

describe('an upload interrupted by signing out, on a shared device', () => {
  it("leaves no trace of Ben's file in the browser's storage, and Daniel's upload of the same file never asks for Ben's", async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock, 'Shared device', 'Hello Daniel');
    const queryClient = new QueryClient();
    const storage = memoryStorage();
    let benUploads = 0;
    const held = deferred<void>();
    const benTransport = wrappedTransport(
      mock,
      'ben',
      (fetch) => async (input, init) => {
        const method = input instanceof Request ? input.method : init?.method;
        // Ben's second chunk never gets an answer: he signs out halfway through the file.
        if (method === 'PATCH') benUploads += 1;
        if (method === 'PATCH' && benUploads === 2) {
          held.resolve();
          return new Promise<Response>(() => {});
        }
        return fetch(input, init);
      },
      { uploads: { chunkSizeBytes: 8192, retryDelaysMs: [0] } },
    );
    const ben = await clientFor(mock, 'ben', { transport: benTransport, queryClient, storage });
    ben.composer({ conversationId: id }).attachFiles([passport()]);
    await held.promise;
    ben.dispose();
    expect([...device.items].filter(([key, value]) => `${key}${value}`.includes('Passport'))).toEqual([]);

    const { transport: danielTransport, requests } = recordedTransport(mock, 'daniel', {
      uploads: { chunkSizeBytes: 8192, retryDelaysMs: [0] },
    });
    const daniel = await clientFor(mock, 'daniel', { transport: danielTransport, queryClient, storage });
    const composer = daniel.composer({ conversationId: id });
    composer.attachFiles([passport()]);
    const state = await until(composer, (current) =>
      current.attachments.every((file) => file.status !== 'uploading'),
    );
    expect(state.attachments.map((file) => file.status)).toEqual(['uploaded']);
    const uploadRequests = requests.filter((request) => request.includes('/uploads'));
    expect(uploadRequests.filter((request) => request.startsWith('HEAD'))).toEqual([]);
    expect(uploadRequests[0]).toMatch(/^POST /);
  });
});

describe("what earlier versions left in the browser's storage", () => {
  /** Keeps `file`'s upload to `endpoint` the way tus-js-client's browser build did (`storeFingerprintForResuming`). */
  async function storedUpload(file: File, endpoint: string): Promise<string> {
    const { defaultOptions: tusDefaults } = await import('tus-js-client');
    const fingerprint = await tusDefaults.fingerprint(file, { endpoint });
    const metadata = { filename: file.name, filetype: file.type };
    const uploadUrl = `${endpoint}/u1`;
    const upload = { size: file.size, metadata, creationTime: 'earlier', uploadUrl, urlStorageKey: '' };
    return tusDefaults.urlStorage.addUpload(fingerprint, { ...upload, parallelUploadUrls: null });
  }

  it("removes Confide's unfinished uploads when the tus part first loads, and nothing else", async () => {
    device.items.clear();
    const mock = createMockServer();
    const id = await seedConversation(mock, 'Earlier uploads', 'Hello Daniel');
    const endpoint = `${mock.baseUrl}${UPLOADS_PATH}`;
    const drafts = `${storageNamespace('confide', await transportFor(mock, 'ben').getViewer())}:drafts`;
    device.items.set('host:theme', 'dark');
    device.items.set('host:tus::not-at-the-start', '{}');
    const rows: [string, string, boolean][] = [
      ['an unfinished upload', await storedUpload(passport(), endpoint), false],
      ['one of another file', await storedUpload(pdfFile('Payslip.pdf', 9_000), endpoint), false],
      ['a second one of the same file', await storedUpload(passport(), endpoint), false],
      ["the host's own tus upload", await storedUpload(passport(), 'https://host.test/files'), true],
      ["the host's own key", 'host:theme', true],
      ["the host's key with tus:: inside", 'host:tus::not-at-the-start', true],
      ["Confide's saved draft (the host gave it localStorage)", drafts, true],
    ];
    const ben = await clientFor(mock, 'ben', { storage: localStorageAdapter() });
    const composer = ben.composer({ conversationId: id });
    composer.setBody('Half a reply');
    const mounted = rows.map(([name, key]) => [name, device.items.has(key)]);
    composer.attachFiles([pdfFile('Tax return.pdf')]);
    await until(composer, (state) => state.attachments.every((file) => file.status === 'uploaded'));
    const uploaded = rows.map(([name, key]) => [name, device.items.has(key)]);

    expect(mounted).toEqual(rows.map(([name]) => [name, true]));
    expect(uploaded).toEqual(rows.map(([name, , stays]) => [name, stays]));
    expect(device.items.get(drafts)).toContain('Half a reply');
  });
});
