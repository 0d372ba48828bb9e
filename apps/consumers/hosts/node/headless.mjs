// The SDK headless from an ES module: a client reads their conversations and replies, and a refusal arrives as
// a typed ConfideError. Usage: node headless.mjs API_URL
import { ConfideError, httpTransport } from '@confide/core';

const [apiUrl] = process.argv.slice(2);

async function devToken(email) {
  const response = await fetch(`${apiUrl}/v1/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  });
  return (await response.json()).token;
}

const daniel = httpTransport({ baseUrl: apiUrl, getToken: () => devToken('daniel.okafor@client.test') });
const viewer = await daniel.getViewer();
const { items: conversations } = await daniel.listConversations({});
const first = conversations[0];
const sent = await daniel.sendMessage(first.id, {
  body: 'Sent from a Node ES module.',
  idempotencyKey: `esm-${Date.now()}`,
});
let refusal = 'none';
try {
  await daniel.getConversation('cnv_elena_residence');
} catch (error) {
  refusal = ConfideError.is(error) ? error.code : 'not a ConfideError';
}
console.log(
  JSON.stringify({
    viewer: viewer.name,
    subjects: conversations.map((c) => c.subject),
    sent: sent.body,
    refusal,
  }),
);
