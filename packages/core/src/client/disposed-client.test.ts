import type { AttachmentId, ConversationId } from '@confide/protocol';
import { describe, expect, it } from 'vitest';
import {
  clientFor,
  createMockServer,
  seedConversation,
  seedMessage,
  wrappedTransport,
} from '../test/mock-clients.js';
import { until } from '../test/until.js';
import type { ConfideClient } from './create-confide-client.js';

const ascii = (text: string) => new TextEncoder().encode(text);
const pdf = () =>
  new File([ascii('%PDF-1.7\n'), new Uint8Array(2_000).fill(32), ascii('\n%%EOF\n')], 'Ben notes.pdf', {
    type: 'application/pdf',
  });

type Late = (ben: ConfideClient, id: ConversationId, file: AttachmentId) => unknown;

describe('a client after dispose (Ben signed out, a stale reference remains)', () => {
  it.each<[string, Late]>([
    ['attachments.downloadUrl', (ben, _id, file) => ben.attachments.downloadUrl(file)],
    ['thread.markRead', (ben, id) => ben.thread(id).markRead()],
    ['notifications.markAllRead', (ben) => ben.notifications.markAllRead()],
    ['conversations.loadMore', (ben) => ben.conversations.loadMore()],
    ['thread.send', (ben, id) => ben.thread(id).send('After signing out')],
    ['composer.attachFiles', (ben, id) => ben.composer({ conversationId: id }).attachFiles([pdf()])],
  ])('%s asks nothing with his token', async (_name, late) => {
    const mock = createMockServer();
    const id = await seedConversation(mock, 'Stale', 'Hello Daniel');
    await seedMessage(mock, 'daniel', id, 'Unread for Ben');
    await mock.addConversations({ count: 40 });
    let disposed = false;
    const lateRequests: string[] = [];
    const transport = wrappedTransport(mock, 'ben', (fetch) => async (input, init) => {
      const request = new Request(input, init);
      if (disposed) lateRequests.push(`${request.method} ${new URL(request.url).pathname}`);
      return fetch(request);
    });
    const ben = await clientFor(mock, 'ben', { transport });
    await until(ben.conversations, (state) => state.status === 'success');
    const thread = await until(ben.thread(id), (state) => state.status === 'success');
    await until(ben.notifications, (state) => state.status === 'success');
    const composer = ben.composer({ conversationId: id });
    composer.attachFiles([pdf()]);
    const uploaded = await until(composer, (state) =>
      state.attachments.every((file) => file.status === 'uploaded'),
    );
    const file = uploaded.attachments[0]?.attachmentId as AttachmentId;
    expect(thread.messages.length).toBeGreaterThan(0);
    ben.dispose();
    disposed = true;
    await Promise.resolve(late(ben, id, file)).catch(() => {});
    for (let turn = 0; turn < 10; turn += 1) await new Promise((resolve) => setTimeout(resolve, 1));
    expect(lateRequests).toEqual([]);
  });
});
