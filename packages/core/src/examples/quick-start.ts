import { type ContactId, createConfideClient, createMemoryBackend, memoryTransport } from '@confide/core';

/** The README's quick start: a firm member writes to a client and sees the reply arrive live. */
export async function quickStart(log: (line: string) => void) {
  // In an app: createConfideClient({ transport: httpTransport({ baseUrl, getToken }) }).
  // Here both sides run against one in-memory backend with the demo firm, so the example runs anywhere.
  const backend = createMemoryBackend();
  const firm = createConfideClient({
    transport: memoryTransport({ backend, as: { kind: 'member', id: 'mem_ben' } }),
  });
  const portal = createConfideClient({
    transport: memoryTransport({ backend, as: { kind: 'client', id: 'con_daniel' } }),
  });
  await Promise.all([firm.ready, portal.ready]);

  // Start a conversation: only clients with an active portal can be picked.
  const composer = firm.composer();
  composer.setContact('con_daniel' as ContactId);
  composer.setSubject('Documents for your visa application');
  composer.setBody('Please upload your passport scan.');
  const started = await composer.send();
  if (!('conversation' in started)) throw new Error('A new conversation was expected');
  const conversationId = started.conversation.id;

  // List conversations, newest activity first, with unread counts.
  const stopIndex = firm.conversations.subscribe((index) => {
    if (index.status === 'success')
      log(`index: ${index.conversations.map((item) => item.subject).join(', ')}`);
  });

  // Open the thread and wait for the client's reply to arrive live.
  const thread = firm.thread(conversationId);
  const reply = new Promise<string>((resolve) => {
    const stopThread = thread.subscribe((state) => {
      const last = state.messages.at(-1);
      if (last?.author?.kind === 'client' && last.state === 'sent') {
        stopThread();
        resolve(`${last.author.name}: ${last.body}`);
      }
    });
  });
  await portal.thread(conversationId).send('Uploaded. The birth certificate follows tomorrow.');
  log(`reply: ${await reply}`);

  // Mark it read, reply from the same thread, and clean up.
  await thread.markRead();
  await thread.send('Thank you, Daniel.');
  log(
    `thread: ${thread.getSnapshot().messages.length} messages, unread ${firm.conversations.getSnapshot().unreadTotal}`,
  );
  stopIndex();
  firm.dispose();
  portal.dispose();
}
