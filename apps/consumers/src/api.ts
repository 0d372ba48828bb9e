/** What a firm member sees on the server: proof that a message sent from a host app arrived. */
export async function memberSees(apiUrl: string, email: string) {
  const tokenResponse = await fetch(`${apiUrl}/v1/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  });
  const { token } = (await tokenResponse.json()) as { token: string };
  const headers = { authorization: `Bearer ${token}` };
  return {
    async conversation(subject: string) {
      const response = await fetch(`${apiUrl}/v1/conversations?query=${encodeURIComponent(subject)}`, {
        headers,
      });
      const page = (await response.json()) as { items: { id: string; subject: string }[] };
      return page.items.find((item) => item.subject === subject);
    },
    async messageBodies(conversationId: string) {
      const response = await fetch(`${apiUrl}/v1/conversations/${conversationId}/messages`, { headers });
      const page = (await response.json()) as { items: { body: string }[] };
      return page.items.map((message) => message.body);
    },
  };
}
