import { type Browser, expect, type Locator, type Page } from '@playwright/test';
import type { Person } from './people.js';
import { urls } from './urls.js';

/** Opens the firm app at a path and signs in as a member on its sign-in page. */
export async function openFirmAs(page: Page, person: Person, path = '/messages'): Promise<void> {
  await page.goto(`${urls.firm()}${path}`);
  await page.getByRole('button', { name: `Sign in as ${person.name}` }).click();
  await expect(page.getByLabel('Signed in as')).toHaveValue(person.email);
}

/** Opens the client portal at a path and signs in as a client on its sign-in page. */
export async function openPortalAs(page: Page, person: Person, path = '/messages'): Promise<void> {
  await page.goto(`${urls.portal()}${path}`);
  await page.getByRole('button', { name: `Sign in as ${person.name}` }).click();
  await expect(page.getByRole('banner')).toContainText(person.name);
}

/** A page in a browser context of its own: its own storage and session, as another person's browser has. */
export async function ownBrowserPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

/** Opens CaseDesk's new secure message dialog (Create New → Message → Secure Portal) and returns it, shown. */
export async function openNewMessage(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Create New' }).click();
  await page.getByRole('menuitem', { name: 'Message' }).click();
  await page.getByRole('menuitem', { name: /Secure Portal/ }).click();
  const dialog = page.getByRole('dialog', { name: 'New secure message' });
  await expect(dialog).toBeVisible();
  return dialog;
}
