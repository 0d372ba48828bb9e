import { randomUUID } from 'node:crypto';
import { expect, type Page, test } from '@playwright/test';
import { sendMessageAs, startConversationWith } from '../src/api.js';
import { people } from '../src/people.js';
import { openFirmAs, openPortalAs } from '../src/session.js';
import { indexRow, threadMessage } from '../src/thread.js';

/** Ways Ben opens, from elsewhere on the page, the conversation that is already open. */
const OPENERS = [
  {
    from: 'a notification of the bell',
    open: async (page: Page, subject: string) => {
      await page.getByRole('button', { name: /^Notifications, \d+ unread/ }).click();
      await page
        .getByRole('region', { name: 'Notifications' })
        .getByRole('button', {
          name: new RegExp(`^Daniel Okafor replied in “${subject.replace(/[()]/g, '\\$&')}”`),
        })
        .first()
        .click();
    },
  },
  {
    from: 'its row in the index, with the keyboard',
    open: async (page: Page, subject: string) => {
      await indexRow(page, subject).click();
      await page.getByRole('listbox', { name: /conversations/i }).focus();
      await page.keyboard.press('Enter');
    },
  },
] as const;

test.describe('14. Opening what is already open', () => {
  for (const opener of OPENERS) {
    test(`Ben opens the open conversation from ${opener.from}: focus lands in its reply box`, async ({
      page,
    }) => {
      const subject = `Already open (${randomUUID().slice(0, 8)})`;
      const id = await startConversationWith(people.ben, people.daniel, subject, 'Dear Daniel, any news?');
      await openFirmAs(page, people.ben, `/messages/${id}`);
      await expect(threadMessage(page, 'Dear Daniel')).toBeVisible();
      await sendMessageAs(people.daniel, id, `Yes, the letter came (${opener.from}).`);
      await expect(threadMessage(page, 'Yes, the letter came')).toBeVisible();

      await opener.open(page, subject);
      await expect(page).toHaveURL(new RegExp(`/messages/${id}$`));
      await expect(page.getByRole('textbox', { name: 'Reply' })).toBeFocused();
      await expect(threadMessage(page, 'Yes, the letter came')).toBeInViewport();
    });
  }
});

test.describe('14. On a phone, opening a conversation in the portal', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('moves focus into the conversation that replaces the index, and back to the list on the way back', async ({
    page,
  }) => {
    const subject = `On the phone (${randomUUID().slice(0, 8)})`;
    await startConversationWith(
      people.ben,
      people.daniel,
      subject,
      'Dear Daniel, this one is for your phone.',
    );
    await openPortalAs(page, people.daniel);
    await indexRow(page, subject).click();
    await expect(threadMessage(page, 'this one is for your phone')).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Reply' })).toBeFocused();
    await page.getByRole('link', { name: 'All conversations' }).click();
    await expect(page.getByRole('listbox', { name: /conversations/i })).toBeFocused();
  });
});
