import { type ContactId, createConfideClient, httpTransport } from '@confide/core';
import { createMockServer } from '@confide/mocks';

/** The README's quick start: a firm member writes to a client and sees the reply arrive live. */
export async function quickStart(log: (line: string) => void) {
  // In an app: httpTransport({ baseUrl, getToken }) for your server. Here both sides run against
  // @confide/mocks (the reference server's rules in process, with the demo firm), so the example runs anywhere.
  const mock = createMockServer();
  const firm = createConfideClient({ transport: httpTransport(mock.as('ben')) });
  const portal = createConfideClient({ transport: httpTransport(mock.as('daniel')) });
  firm.mount();
  portal.mount();
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
  let unread = 0;
  const stopIndex = firm.conversations.observe((index) => {
    unread = index.conversations.find((item) => item.id === conversationId)?.unreadCount ?? 0;
    if (index.status === 'success') log(`index: ${index.conversations[0]?.subject}`);
  });

  // Open the thread and wait for the client's reply to arrive live.
  const thread = firm.thread(conversationId);
  let messages = 0;
  let stopThread = () => {};
  const reply = new Promise<string>((resolve) => {
    stopThread = thread.observe((state) => {
      messages = state.messages.length;
      const last = state.messages.at(-1);
      if (last?.author?.kind === 'client' && last.state === 'sent')
        resolve(`${last.author.name}: ${last.body}`);
    });
  });
  await portal.thread(conversationId).send('Uploaded. The birth certificate follows tomorrow.');
  log(`reply: ${await reply}`);

  // Mark it read, reply from the same thread, and clean up.
  await thread.markRead();
  await thread.send('Thank you, Daniel.');
  log(`thread: ${messages} messages, unread ${unread}`);
  stopThread();
  stopIndex();
  firm.dispose();
  portal.dispose();
}
