import {
  DevTokenResponseSchema,
  ListNotificationsResponseSchema,
  type Notification,
  routes,
} from '@confide/protocol';
import type { Person } from './people.js';
import { urls } from './urls.js';

async function devToken(person: Person): Promise<string> {
  const response = await fetch(`${urls.api()}${routes.issueDevToken.path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: person.email }),
  });
  if (!response.ok) throw new Error(`No dev token for ${person.email}: ${response.status}`);
  return DevTokenResponseSchema.parse(await response.json()).token;
}

/** A member's in-app notifications, newest first, read through the API as their bell reads them. */
export async function notificationsOf(person: Person): Promise<readonly Notification[]> {
  const response = await fetch(`${urls.api()}${routes.listNotifications.path}`, {
    headers: { authorization: `Bearer ${await devToken(person)}` },
  });
  if (!response.ok) throw new Error(`Notifications of ${person.email}: ${response.status}`);
  return ListNotificationsResponseSchema.parse(await response.json()).items;
}
