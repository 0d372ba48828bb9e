import type { ServerEvent } from '@confide/protocol';
import { demoSeed, type MemorySeed } from './demo-seed.js';
import * as conversations from './memory-conversations.js';
import * as notifications from './memory-notifications.js';
import * as records from './memory-records.js';
import { createMemoryState, type MemoryIdentity } from './memory-state.js';

/** Options of `createMemoryBackend`. */
export interface MemoryBackendOptions {
  /** The firm, people and templates to start with. @default demoSeed() */
  readonly seed?: MemorySeed;
  /** The time source for timestamps. @default Date.now */
  readonly now?: () => number;
}

/**
 * An in-memory implementation of wire protocol v1's rules, shared by any number of memory transports (a
 * member's and a client's, say) so that what one sends, the other receives live. It keeps the semantics the
 * SDK relies on: visibility per viewer, internal notes, idempotent sends, portal status, unread counts, read
 * receipts, notifications per the firm's setting, cursors and resumable events. Not a server: no storage,
 * no e-mail, no auth beyond the identity each transport is given.
 */
export function createMemoryBackend(options: MemoryBackendOptions = {}) {
  const state = createMemoryState(options.seed ?? demoSeed(), options.now ?? Date.now);
  const as = (identity: MemoryIdentity) => ({
    getViewer: () => records.getViewer(state, identity),
    listContacts: (query: unknown) => records.listContacts(state, identity, query),
    listMembers: () => records.listMembers(state, identity),
    listConversations: (query: unknown) => conversations.listConversations(state, identity, query),
    getConversation: (id: string) =>
      conversations.summarize(identity, conversations.findConversation(state, identity, id)),
    listMessages: (id: string, query: unknown) => conversations.listMessages(state, identity, id, query),
    startConversation: (input: unknown) => conversations.startConversation(state, identity, input),
    sendMessage: (id: string, input: unknown) => conversations.sendMessage(state, identity, id, input),
    markRead: (id: string, input: unknown) => conversations.markRead(state, identity, id, input),
    listTemplates: (query: unknown) => records.listTemplates(state, identity, query),
    getTemplate: (id: string) => records.getTemplate(state, identity, id),
    createTemplate: (input: unknown) => records.createTemplate(state, identity, input),
    updateTemplate: (id: string, input: unknown) => records.updateTemplate(state, identity, id, input),
    deleteTemplate: (id: string) => records.deleteTemplate(state, identity, id),
    listNotifications: (query: unknown) => notifications.listNotifications(state, identity, query),
    markNotificationsRead: (input: unknown) => notifications.markNotificationsRead(state, identity, input),
    getNotificationSettings: () => records.getNotificationSettings(state, identity),
    updateNotificationSettings: (input: unknown) =>
      records.updateNotificationSettings(state, identity, input),
    listAudit: (query: unknown) => records.listAudit(state, identity, query),
    /** Delivers future events for this identity, first replaying those after `lastEventId`. */
    subscribe(deliver: (event: ServerEvent) => void, lastEventId?: string) {
      if (lastEventId !== undefined) {
        for (const stored of state.events.slice(Number(lastEventId))) {
          if (stored.audience(identity)) deliver(structuredClone(stored.event));
        }
      }
      const subscriber = { identity, deliver };
      state.subscribers.add(subscriber);
      return () => {
        state.subscribers.delete(subscriber);
      };
    },
  });
  return {
    /** The operations of the protocol as `identity` may call them. */
    as,
    /** The seed the backend started from. */
    seed: state.seed,
    /** How many event subscriptions are open (tests use it to check that `dispose()` closed them). */
    get subscriberCount() {
      return state.subscribers.size;
    },
  };
}

/** A backend made by `createMemoryBackend`. */
export type MemoryBackend = ReturnType<typeof createMemoryBackend>;
export type { MemoryIdentity };
