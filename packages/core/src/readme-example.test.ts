import { describe, expect, it } from 'vitest';
import { createConfideClient, createMemoryBackend, memoryTransport, type ThreadState } from './index.js';

// The same code as the "SDK only" example in README.md: keep the two in step.
describe('README example', () => {
  it('lists conversations, opens a thread, sends and receives a reply live', async () => {
    // One in-memory backend; a firm member and a client each talk to it through their own transport.
    const backend = createMemoryBackend();
    const client = createConfideClient({
      transport: memoryTransport({ backend, as: { kind: 'member', id: 'mem_ben' } }),
    });
    const portal = createConfideClient({
      transport: memoryTransport({ backend, as: { kind: 'client', id: 'con_daniel' } }),
    });
    await Promise.all([client.ready, portal.ready]);

    // Start a conversation with an active client.
    const composer = client.composer();
    composer.setContact('con_daniel' as never);
    composer.setSubject('Documents for your visa application');
    composer.setBody('Please upload your passport scan.');
    const started = await composer.send();
    if (!('conversation' in started)) throw new Error('expected a new conversation');
    const conversationId = started.conversation.id;

    // List conversations: newest activity first.
    const index = await new Promise<readonly { subject: string }[]>((resolve) => {
      const stop = client.conversations.subscribe((state) => {
        if (state.status === 'success') {
          stop();
          resolve(state.conversations);
        }
      });
    });
    expect(index.map((conversation) => conversation.subject)).toEqual([
      'Documents for your visa application',
    ]);

    // Open the thread and wait for the client's reply to arrive live.
    const thread = client.thread(conversationId);
    const replyArrived = new Promise<ThreadState>((resolve) => {
      const stop = thread.subscribe((state) => {
        if (state.messages.some((message) => message.author?.kind === 'client')) {
          stop();
          resolve(state);
        }
      });
    });
    await portal.thread(conversationId).send('Uploaded. The birth certificate follows tomorrow.');
    const state = await replyArrived;
    expect(state.messages.map((message) => [message.author?.name, message.state])).toEqual([
      ['Ben Cho', 'sent'],
      ['Daniel Okafor', 'sent'],
    ]);

    client.dispose();
    portal.dispose();
  });
});
