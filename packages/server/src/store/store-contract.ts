import { beforeEach, describe } from 'vitest';
import type { Store } from './store.js';
import { attachmentContractCases } from './store-contract-attachments.js';
import { conversationContractCases } from './store-contract-conversations.js';
import { dataPathContractCases } from './store-contract-data-path.js';
import { peopleContractCases } from './store-contract-people.js';
import { recordContractCases } from './store-contract-records.js';

/**
 * The behaviour every `Store` implementation must have, as a vitest suite. `createStore` runs before each test;
 * it may return the same store (and database) every time: the cases use unique ids and never assume an empty
 * store. Test-only: it imports vitest and is not part of the published entry points.
 *
 * @example
 * describeStoreContract('memory store', () => createMemoryStore());
 */
export function describeStoreContract(name: string, createStore: () => Store | Promise<Store>): void {
  describe(name, () => {
    let store: Store | undefined;
    const getStore = () => {
      if (!store) throw new Error('The store is not ready');
      return store;
    };
    beforeEach(async () => {
      store = await createStore();
    });
    describe('people, settings and templates', () => peopleContractCases(getStore));
    describe('conversations, messages and read state', () => conversationContractCases(getStore));
    describe('notifications, outbox, audit and events', () => recordContractCases(getStore));
    describe('the data path in single statements', () => dataPathContractCases(getStore));
    describe('uploads, attachments and downloads', () => attachmentContractCases(getStore));
  });
}
