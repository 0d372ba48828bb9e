import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, expectOpenThreadAccessible, screenshot } from '../src/checks.js';
import { expectVisibleFocus, tabTo } from '../src/keyboard.js';
import { people } from '../src/people.js';
import { openFirmAs, openPortalAs } from '../src/session.js';
import { urls } from '../src/urls.js';

test.describe('8. Accessibility', () => {
  test("axe finds no violations on the firm app's sign-in, messages, notifications and Create New menu", async ({
    page,
  }) => {
    await page.goto(`${urls.firm()}/messages`);
    await expect(page.getByRole('heading', { name: 'Sign in to your practice' })).toBeVisible();
    await expectNoAxeViolations(page);

    await openFirmAs(page, people.ben);
    await expectOpenThreadAccessible(page);

    await page.getByRole('button', { name: /^Notifications/ }).click();
    await expect(page.getByRole('region', { name: 'Notifications' })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Create New' }).click();
    await page.getByRole('menuitem', { name: 'Message' }).click();
    await expect(page.getByRole('menuitem', { name: /Secure Portal/ })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("axe finds no violations in the firm app's compose dialog", async ({ page }) => {
    await openFirmAs(page, people.ben);
    await page.getByRole('button', { name: 'Create New' }).click();
    await page.getByRole('menuitem', { name: 'Message' }).click();
    await page.getByRole('menuitem', { name: /Secure Portal/ }).click();
    const dialog = page.getByRole('dialog', { name: 'New secure message' });
    await dialog.getByRole('combobox', { name: 'Client' }).fill('a');
    await expect(dialog.getByRole('option', { name: /Farid Haddad/ })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    await expectNoAxeViolations(page);
    await dialog.getByRole('option', { name: /Daniel Okafor/ }).click();
    await dialog.getByRole('button', { name: 'Insert template' }).click();
    await dialog.getByRole('radio', { name: 'Appointment reminder' }).check();
    await expectNoAxeViolations(page);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });

  test("axe finds no violations on the firm app's contacts, settings and unknown pages", async ({ page }) => {
    await openFirmAs(page, people.ben, '/contacts');
    await expect(page.getByRole('heading', { name: 'Contacts', level: 1 })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Farid Haddad' })).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: 'Farid Haddad' }).click();
    await expect(page.getByRole('button', { name: 'Send a secure message' })).toBeDisabled();
    await expect(page.getByText('has not activated their portal yet').first()).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByRole('radio', { name: 'No one' })).toBeVisible();
    await expectNoAxeViolations(page);

    await page.goto(`${urls.firm()}/no-such-page`);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('axe finds no violations on any page of the client portal, the not-found page included', async ({
    page,
  }, testInfo) => {
    await page.goto(`${urls.portal()}/messages`);
    await expect(page.getByRole('heading', { name: 'Welcome back' })).toBeVisible();
    await expectNoAxeViolations(page);
    await screenshot(page, testInfo, 'portal-sign-in');

    await page.getByRole('button', { name: 'Sign in as Farid Haddad' }).click();
    await expect(page.getByRole('alert')).toContainText('Your portal has not been activated yet');
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Back to sign-in' }).click();

    await openPortalAs(page, people.daniel);
    await expectOpenThreadAccessible(page);

    await page.getByRole('link', { name: 'Create New Conversation' }).click();
    await expect(page.getByRole('textbox', { name: 'Subject' })).toBeVisible();
    await expectNoAxeViolations(page);
    await screenshot(page, testInfo, 'portal-new-conversation');

    await page.getByRole('link', { name: 'Your details' }).click();
    await expect(page.getByRole('heading', { name: 'Your details' })).toBeVisible();
    await expectNoAxeViolations(page);

    await page.goto(`${urls.portal()}/no-such-page`);
    await expect(page.getByRole('heading', { name: 'Page not found', level: 1 })).toBeVisible();
    await expect(
      page.getByRole('navigation', { name: 'Portal' }).locator('[aria-current="page"]'),
    ).toHaveCount(0);
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'Go to your messages' }).click();
    await expect(page.getByRole('heading', { name: 'Messages', level: 1 })).toBeVisible();
  });

  test('a firm member composes and sends a secure message with the keyboard alone', async ({ page }) => {
    await page.goto(`${urls.firm()}/messages`);
    await tabTo(page, page.getByRole('button', { name: 'Sign in as Ben Cho' }));
    await page.keyboard.press('Enter');

    const createNew = page.getByRole('button', { name: 'Create New' });
    await tabTo(page, createNew);
    await expectVisibleFocus(page);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('menuitem', { name: 'Message' })).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('menuitem', { name: /Secure Portal/ })).toBeFocused();
    await expectVisibleFocus(page);
    await page.keyboard.press('Enter');

    const dialog = page.getByRole('dialog', { name: 'New secure message' });
    await expect(dialog).toBeVisible();
    await tabTo(page, dialog.getByRole('combobox', { name: 'Client' }));
    await expectVisibleFocus(page);
    await page.keyboard.type('Daniel');
    await expect(dialog.getByRole('option', { name: /Daniel Okafor/ })).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(dialog.getByRole('combobox', { name: 'Client' })).toHaveValue('Daniel Okafor');

    const subject = `Keyboard only ${randomUUID().slice(0, 8)}`;
    await tabTo(page, dialog.getByRole('textbox', { name: 'Subject' }));
    await page.keyboard.type(subject);
    await tabTo(page, dialog.getByRole('textbox', { name: 'Message' }));
    await page.keyboard.type('Hello Daniel, this message was written without a mouse.');
    await page.keyboard.press('Control+Enter');

    await expect(dialog).toBeHidden();
    await expect(page.getByRole('heading', { name: subject })).toBeVisible();
    await expect(
      page.getByRole('feed').getByRole('article').filter({ hasText: 'written without a mouse' }),
    ).toHaveAttribute('data-state', 'sent');
    // Focus lands in the new thread (its reply box), not on the page's body.
    await expect(page.getByRole('textbox', { name: 'Reply' })).toBeFocused();
  });
});
