import { ListMessagesResponseSchema, routes } from '@confide/protocol';
import { devToken } from './api.js';
import type { Person } from './people.js';
import { urls } from './urls.js';

/** The texts of a conversation's newest page of messages, read through the API with `person`'s own token. */
export async function messageTextsOf(person: Person, conversationId: string): Promise<readonly string[]> {
  const path = routes.listMessages.path.replace(':id', encodeURIComponent(conversationId));
  const response = await fetch(`${urls.api()}${path}`, {
    headers: { authorization: `Bearer ${await devToken(person)}` },
  });
  if (!response.ok) throw new Error(`Messages of ${conversationId} as ${person.email}: ${response.status}`);
  return ListMessagesResponseSchema.parse(await response.json()).items.map((message) => message.body);
}
