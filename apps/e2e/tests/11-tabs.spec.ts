import { randomUUID } from 'node:crypto';
import { expect, type Page, test } from '@playwright/test';
import { sendMessageAs, startConversationAs, unreadNotificationCountOf } from '../src/api.js';
import { people } from '../src/people.js';
import { openFirmAs } from '../src/session.js';

const bellOf = (page: Page) => page.getByRole('button', { name: /^Notifications/ });
const bellName = (unread: number) => (unread === 0 ? 'Notifications' : `Notifications, ${unread} unread`);

test('11. The same person in two tabs sees the server\'s notification count in both: after "Mark all as read" in one, and after the next notification', async ({
  browser,
}) => {
  const conversationId = await startConversationAs(people.ben, {
    contactId: 'con_daniel',
    subject: `Two tabs ${randomUUID().slice(0, 8)}`,
    body: 'Please send the signed form.',
  });
  // Every member is notified of a client's reply, Carla among them.
  await sendMessageAs(people.daniel, conversationId, 'Sent it this morning.');
  await sendMessageAs(people.daniel, conversationId, 'And the copy of my passport.');

  const context = await browser.newContext();
  const firstTab = await context.newPage();
  const secondTab = await context.newPage();
  await openFirmAs(firstTab, people.carla);
  await openFirmAs(secondTab, people.carla);
  const unread = await unreadNotificationCountOf(people.carla);
  expect(unread).toBeGreaterThanOrEqual(2);
  await expect(bellOf(firstTab)).toHaveAccessibleName(bellName(unread));
  await expect(bellOf(secondTab)).toHaveAccessibleName(bellName(unread));

  await bellOf(firstTab).click();
  await firstTab
    .getByRole('region', { name: 'Notifications' })
    .getByRole('button', { name: 'Mark all as read' })
    .click();
  await expect(bellOf(firstTab)).toHaveAccessibleName(bellName(0));
  // The other tab follows the server's count without a reload.
  await expect(bellOf(secondTab)).toHaveAccessibleName(bellName(0));

  // The next notification counts from the server's figure in both tabs, not from a stale local number.
  await sendMessageAs(people.daniel, conversationId, 'One more thing.');
  expect(await unreadNotificationCountOf(people.carla)).toBe(1);
  await expect(bellOf(firstTab)).toHaveAccessibleName(bellName(1));
  await expect(bellOf(secondTab)).toHaveAccessibleName(bellName(1));

  await context.close();
});
