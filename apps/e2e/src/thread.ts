import type { Locator, Page } from '@playwright/test';

/** The messages of the open thread (the kit's feed of articles). */
export function threadMessages(page: Page): Locator {
  return page.getByRole('feed').getByRole('article');
}

/** The one message of the open thread whose text contains `text`. */
export function threadMessage(page: Page, text: string): Locator {
  return threadMessages(page).filter({ hasText: text });
}

/** Types a reply in the open thread and sends it with the Send button. */
export async function reply(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Reply' }).fill(text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
}

/** A row of the message index whose text contains `subject`. */
export function indexRow(page: Page, subject: string): Locator {
  return page
    .getByRole('listbox', { name: /conversations/i })
    .getByRole('option')
    .filter({ hasText: subject });
}

/** A conversation of the index not sent yet (the kit's "Not sent yet" list) whose text contains `subject`. */
export function pendingRow(page: Page, subject: string): Locator {
  return page.getByRole('list', { name: 'Not sent yet' }).getByRole('listitem').filter({ hasText: subject });
}

/** Marks the window so that a later `expectNoReload` proves the page was never reloaded in between. */
export async function markWindow(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { confideE2eMark?: boolean }).confideE2eMark = true;
  });
}

/** Whether the window still carries the mark from `markWindow` (false after any reload). */
export function windowStillMarked(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { confideE2eMark?: boolean }).confideE2eMark === true);
}
