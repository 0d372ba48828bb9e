import type { MessageId } from '@confide/protocol';
import { describe, expect, it } from 'vitest';
import { ConfideError } from '../errors/confide-error.js';
import {
  clientFor,
  createMockServer,
  seedConversation,
  seedMessage,
  transportFor,
} from '../test/mock-clients.js';
import { stateOf, until, untilState } from '../test/until.js';
import type { Transport } from '../transport/transport.js';

describe('thread', () => {
  it('loads the newest page first and older pages on demand, oldest first overall', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock, 'Long thread', 'Message 0');
    for (let index = 1; index < 45; index += 1) await seedMessage(mock, 'ben', id, `Message ${index}`);
    const client = await clientFor(mock, 'ben');
    const thread = client.thread(id);
    const first = await until(thread, (state) => state.status === 'success');
    expect(first.messages).toHaveLength(30);
    expect(first.messages[0]?.body).toBe('Message 15');
    expect(first.hasOlder).toBe(true);
    await thread.loadOlder();
    const all = stateOf(thread);
    expect(all.messages.map((message) => message.body)).toEqual(
      Array.from({ length: 45 }, (_, index) => `Message ${index}`),
    );
    expect(all.hasOlder).toBe(false);
  });

  it('shows a sent message as sending, then sent, once (as the answer and as a live event), and a reply live', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock);
    const client = await clientFor(mock, 'ben');
    await untilState(client.stores.connection, (state) => state.status === 'open');
    const thread = client.thread(id);
    await until(thread, (state) => state.status === 'success');
    const states: string[] = [];
    const stop = thread.observe((state) => {
      const mine = state.messages.filter((message) => message.body === 'On my way');
      if (mine.length > 0) states.push(mine.map((message) => message.state).join(','));
    });
    await thread.send('On my way');
    await until(thread, (snapshot) =>
      snapshot.messages.some(({ body, state }) => body === 'On my way' && state === 'sent'),
    );
    stop();
    expect(states[0]).toBe('sending');
    expect(states.at(-1)).toBe('sent');
    expect(states.every((entry) => !entry.includes(','))).toBe(true);

    // The stream delivers events in order: once the reply is here, so is the live copy of the message sent.
    await seedMessage(mock, 'daniel', id, 'A reply');
    const state = await until(thread, (snapshot) => snapshot.messages.some(({ body }) => body === 'A reply'));
    expect(state.messages.map(({ body }) => body)).toEqual(['Hello Daniel', 'On my way', 'A reply']);
    expect(state.messages[2]).toMatchObject({ state: 'sent', author: { kind: 'client' } });
  });

  it('marks a message failed with the reason, and discards it or retries it with the same idempotency key', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock);
    const inner = transportFor(mock, 'ben');
    const keys: string[] = [];
    let refuse = true;
    const transport: Transport = {
      ...inner,
      async sendMessage(conversationId, input, options) {
        keys.push(input.idempotencyKey);
        if (refuse) throw new ConfideError('forbidden', 'Not now', { status: 403 });
        return inner.sendMessage(conversationId, input, options);
      },
    };
    const client = await clientFor(mock, 'ben', { transport });
    const thread = client.thread(id);
    await expect(thread.send('Please retry me')).rejects.toMatchObject({ code: 'forbidden' });
    const failed = stateOf(thread).messages.at(-1);
    expect(failed).toMatchObject({ state: 'failed', failure: { code: 'forbidden', retryable: false } });
    await thread.send('Discard me').catch(() => {});
    const discarded = stateOf(thread).messages.at(-1)?.id ?? '';
    thread.discard(discarded);
    expect(stateOf(thread).messages.some((message) => message.body === 'Discard me')).toBe(false);
    expect(client.stores.outbox.getState().entries.map((entry) => entry.id)).toEqual([failed?.id]);

    refuse = false;
    thread.retry(failed?.id ?? '');
    const sent = await until(thread, (state) => state.messages.at(-1)?.state === 'sent');
    expect(sent.messages.at(-1)?.body).toBe('Please retry me');
    expect(new Set(keys.filter((key) => key !== discarded))).toEqual(new Set([failed?.idempotencyKey]));
  });

  it.each([
    ['the newest message by default', undefined, 2],
    ['the message the UI shows (newer ones stay unread)', 0, 1],
  ])('marks read up to %s and updates the unread counts', async (_label, shown, read) => {
    const mock = createMockServer();
    const id = await seedConversation(mock);
    await seedMessage(mock, 'ben', id, 'Second');
    const client = await clientFor(mock, 'daniel');
    const before = await until(client.conversations, (state) => state.conversations[0]?.id === id);
    expect(before.conversations[0]?.unreadCount).toBe(2);
    const thread = client.thread(id);
    const loaded = await until(thread, (state) => state.messages.length === 2);
    await thread.markRead(shown === undefined ? undefined : (loaded.messages[shown]!.id as MessageId));
    const index = stateOf(client.conversations);
    expect(index.unreadTotal).toBe(before.unreadTotal - read);
    expect(index.conversations[0]?.unreadCount).toBe(2 - read);
  });

  it("shows members when the client has seen their messages, and never shows clients the firm's reads", async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock);
    const member = await clientFor(mock, 'ben');
    const client = await clientFor(mock, 'daniel');
    const memberThread = member.thread(id);
    await until(memberThread, (state) => state.messages.length === 1 && state.conversation !== undefined);
    expect(stateOf(memberThread).messages[0]?.seen).toBe(false);

    const clientThread = client.thread(id);
    await until(clientThread, (state) => state.messages.length === 1);
    await clientThread.markRead();
    const seen = await until(memberThread, (state) => state.messages[0]?.seen === true);
    expect(seen.conversation?.clientRead?.contactId).toBe('con_daniel');

    await memberThread.markRead();
    expect(stateOf(clientThread).messages.every((message) => !message.seen)).toBe(true);
  });
});
