import { QueryClient } from '@tanstack/query-core';
import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../storage/storage.js';
import {
  clientFor,
  createMockServer,
  type DemoPerson,
  seedConversation,
  seedMessage,
  transportFor,
} from '../test/mock-clients.js';
import { stateOf, until } from '../test/until.js';

const ascii = (text: string) => new TextEncoder().encode(text);
const pdf = () =>
  new File([ascii('%PDF-1.7\n'), new Uint8Array(2_000).fill(32), ascii('\n%%EOF\n')], 'Ben draft file.pdf', {
    type: 'application/pdf',
  });

describe('one QueryClient and one storage: Ben signs out, someone else signs in', () => {
  it.each<[DemoPerson]>([['ana'], ['daniel']])(
    "%s sees none of Ben's notifications, unread count, draft, draft file or live events",
    async (next) => {
      const mock = createMockServer();
      const id = await seedConversation(mock, 'Shared device', 'Hello Daniel');
      await seedMessage(mock, 'daniel', id, 'A reply that notifies Ben');
      const queryClient = new QueryClient();
      const storage = memoryStorage();

      const ben = await clientFor(mock, 'ben', { queryClient, storage });
      const benNotifications = await until(ben.notifications, (state) => state.status === 'success');
      expect(benNotifications.notifications.length).toBeGreaterThan(0);
      const benDraft = ben.composer({ conversationId: id });
      benDraft.setBody('Ben’s unsent words');
      benDraft.attachFiles([pdf()]);
      await until(benDraft, (state) => state.attachments.every((file) => file.status === 'uploaded'));
      ben.dispose();

      const other = await clientFor(mock, next, { queryClient, storage });
      const draft = stateOf(other.composer({ conversationId: id }));
      expect([draft.draft.body, draft.attachments]).toEqual(['', []]);
      if (next === 'ana') {
        const shown = await until(other.notifications, (state) => state.status === 'success');
        const own = await transportFor(mock, 'ana').listNotifications({});
        expect(shown.notifications.map((item) => item.id)).toEqual(own.items.map((item) => item.id));
        expect(shown.unreadCount).toBe(own.unreadCount);
      }
      // A live event Ben would have received arrives while the next person's client runs.
      await until(other.thread(id), (state) => state.status === 'success');
      await transportFor(mock, 'carla').sendMessage(id, {
        body: 'Firm only',
        idempotencyKey: `note_${next}`,
        internal: true,
      });
      await seedMessage(mock, 'daniel', id, 'After the switch');
      await until(other.thread(id), (state) =>
        state.messages.some((message) => message.body === 'After the switch'),
      );
      const keys = queryClient
        .getQueryCache()
        .findAll({ queryKey: ['confide'] })
        .map((query) => query.queryKey[1]);
      expect(new Set(keys)).toEqual(new Set([other.keys.all[1]]));
      const bodies = stateOf(other.thread(id)).messages.map((message) => message.body);
      expect(bodies.includes('Firm only')).toBe(next === 'ana');
    },
  );
});
