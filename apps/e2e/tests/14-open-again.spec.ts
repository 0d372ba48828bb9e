import { randomUUID } from 'node:crypto';
import { expect, type Page, test } from '@playwright/test';
import { sendMessageAs, startConversationWith } from '../src/api.js';
import { people } from '../src/people.js';
import { openFirmAs } from '../src/session.js';
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
