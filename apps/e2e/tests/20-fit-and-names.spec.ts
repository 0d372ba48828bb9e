import { expect, type Locator, type Page, test } from '@playwright/test';
import { expectNothingSaidTwice } from '../src/aria-tree.js';
import { screenshot } from '../src/checks.js';
import { people } from '../src/people.js';
import { openFirmAs, openNewMessage, openPortalAs } from '../src/session.js';
import { urls } from '../src/urls.js';

/** The element's box; fails the test when it has none (not rendered). */
async function boxOf(locator: Locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error('The element has no box');
  return box;
}

/** Whether the page is wider than its window, so that it scrolls sideways. */
function scrollsSideways(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

/** Fails unless the element lies inside the window and is what a pointer at its centre hits (nothing covers it). */
async function expectOnScreen(page: Page, locator: Locator) {
  const box = await boxOf(locator);
  const viewport = page.viewportSize();
  if (!viewport) throw new Error('The page has no viewport');
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const hit = () =>
    locator.evaluate((element, { x, y }) => {
      const top = document.elementFromPoint(x, y);
      return top !== null && (element === top || element.contains(top));
    }, centre);
  await expect.poll(hit).toBe(true);
}

/** Checks the list, then an open thread (Work permit renewal), for names said twice; returns the page's body. */
async function expectListAndThreadSaidOnce(page: Page): Promise<Locator> {
  const body = page.locator('body');
  await expectNothingSaidTwice(body);
  await page.getByRole('option', { name: /Work permit renewal/ }).click();
  await expect(page.getByRole('feed')).toBeVisible();
  await expectNothingSaidTwice(body);
  return body;
}

test.describe('20. Each name said once', () => {
  test('no page, menu or dialog of the firm app has two headings or two places of the same name', async ({
    page,
  }) => {
    await openFirmAs(page, people.ben);
    const body = await expectListAndThreadSaidOnce(page);
    await page.getByRole('button', { name: /^Notifications/ }).click();
    await expect(page.getByRole('region', { name: 'Notifications' })).toBeVisible();
    await expectNothingSaidTwice(body);
    await page.keyboard.press('Escape');

    for (const section of ['Contacts', 'Settings']) {
      await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: section }).click();
      await expect(page.getByRole('heading', { name: section, level: 1 })).toBeVisible();
      await expectNothingSaidTwice(body);
    }
    await page.goto(`${urls.firm()}/contacts`);
    await page.getByRole('link', { name: 'Daniel Okafor' }).click();
    await expect(page.getByRole('heading', { name: 'Daniel Okafor', level: 1 })).toBeVisible();
    await expectNothingSaidTwice(body);

    await page.getByRole('button', { name: 'Create New' }).click();
    await page.getByRole('menuitem', { name: 'Message' }).click();
    await expect(page.getByRole('menuitem', { name: /Secure Portal/ })).toBeVisible();
    await expectNothingSaidTwice(body);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');

    // The dialog's title is its name and its one heading: no banner of its own, no form named like it.
    const dialog = await openNewMessage(page);
    await expectNothingSaidTwice(body);
    await expect(dialog.getByRole('heading', { name: 'New secure message' })).toHaveCount(1);
    await dialog.getByRole('combobox', { name: 'Client' }).fill('Dan');
    await dialog.getByRole('option', { name: /Daniel Okafor/ }).click();
    await dialog.getByRole('button', { name: 'Insert template' }).click();
    await expectNothingSaidTwice(body);
    await dialog.getByRole('textbox', { name: 'Message' }).fill('A draft, so that switching asks first.');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    await page.getByRole('button', { name: /^Account/ }).click();
    await expect(page.getByLabel('Signed in as')).toBeVisible();
    await expectNothingSaidTwice(body);
    await page.getByLabel('Signed in as').selectOption({ label: people.ana.name });
    await expect(page.getByRole('dialog', { name: 'Sign out and delete unsent work?' })).toBeVisible();
    await expectNothingSaidTwice(body);
  });

  test('no page of the client portal has two headings or two places of the same name', async ({ page }) => {
    await openPortalAs(page, people.daniel);
    const body = await expectListAndThreadSaidOnce(page);
    await page.getByRole('link', { name: 'Create New Conversation' }).click();
    await expect(page.getByRole('textbox', { name: 'Subject' })).toBeVisible();
    await expectNothingSaidTwice(body);
    await page.getByRole('link', { name: 'Your details' }).click();
    await expect(page.getByRole('heading', { name: 'Your details' })).toBeVisible();
    await expectNothingSaidTwice(body);
  });
});

// Common windows, and a 1280 × 800 laptop zoomed to 200 % (640 × 400 CSS px).
const WINDOWS = [
  { name: '1280x800', viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
  { name: '1366x768', viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 },
  { name: '375x667', viewport: { width: 375, height: 667 }, deviceScaleFactor: 2 },
  { name: 'zoom-200', viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 },
] as const;

const LONG_TEXT = Array.from({ length: 40 }, (_, line) => `Line ${line + 1} of a long message.`).join('\n');

test.describe('20. The new-message dialog fits the window', () => {
  for (const window of WINDOWS) {
    test.describe(window.name, () => {
      test.use({ viewport: window.viewport, deviceScaleFactor: window.deviceScaleFactor });

      test(`Send is on screen whatever the dialog holds, and focus never goes under it (${window.name})`, async ({
        page,
      }, testInfo) => {
        await openFirmAs(page, people.ben);
        const dialog = await openNewMessage(page);
        const send = dialog.getByRole('button', { name: 'Send' });

        // The client list open (as the dialog opens), the template panel open, then a long text.
        await expect(dialog.getByRole('listbox', { name: 'Client' })).toBeVisible();
        await expectOnScreen(page, send);
        await expectOnScreen(page, dialog.getByRole('heading', { name: 'New secure message' }));
        await screenshot(page, testInfo, `compose-clients-${window.name}`);
        await page.keyboard.type('Dan');
        await page.keyboard.press('Enter');
        await dialog.getByRole('button', { name: 'Insert template' }).click();
        await dialog.getByRole('radio', { name: 'Appointment reminder' }).check();
        await expectOnScreen(page, send);
        await dialog.getByRole('button', { name: 'Use this template' }).click();
        await dialog.getByRole('textbox', { name: 'Message' }).fill(LONG_TEXT);
        await expectOnScreen(page, send);
        await screenshot(page, testInfo, `compose-long-${window.name}`);

        // Tabbing from the client field to Send, each field scrolls into view clear of the foot that holds Send.
        await dialog.getByRole('combobox', { name: 'Client' }).focus();
        for (let presses = 0; presses < 20; presses += 1) {
          const focused = page.locator(':focus');
          if (await send.evaluate((element) => element === document.activeElement)) break;
          await expectOnScreen(page, focused);
          await page.keyboard.press('Tab');
        }
        await expect(send).toBeFocused();
        await expectOnScreen(page, send);
        expect(await page.evaluate(() => document.scrollingElement?.scrollTop ?? 0)).toBe(0);
        expect(await scrollsSideways(page)).toBe(false);
      });
    });
  }
});

/** A long name and firm name, in German and in Arabic, as the viewer's (the server's answer, renamed). */
const NAMES = [
  { name: 'English', person: null, firm: null },
  {
    name: 'German',
    person: 'Maximiliane Schwarzenberg-Lüdenscheidt von Hohenzollern',
    firm: 'Rechtsanwaltskanzlei Schwarzenberg-Lüdenscheidt & Partner mbB',
  },
  {
    name: 'Arabic',
    person: 'عبد الرحمن بن عبد العزيز آل الهاشمي',
    firm: 'مكتب الهاشمي للمحاماة والاستشارات القانونية الدولية',
  },
] as const;

const BAR_WINDOWS = [
  { width: 375, height: 667 },
  { width: 320, height: 640 },
  { width: 640, height: 400 },
  { width: 1280, height: 800 },
] as const;

/** How many rows the bar's controls take: a control starts a row when it lies below the previous row. */
async function controlRows(bar: Locator): Promise<number> {
  const boxes = [];
  for (const control of await bar.locator('a, button, select').all())
    if (await control.isVisible()) boxes.push(await boxOf(control));
  boxes.sort((one, other) => one.y - other.y);
  let rows = 0;
  let rowBottom = Number.NEGATIVE_INFINITY;
  for (const box of boxes) {
    if (box.y >= rowBottom - 1) rows += 1;
    rowBottom = Math.max(rowBottom, box.y + box.height);
  }
  return rows;
}

test.describe('20. The top bar takes two rows at most', () => {
  for (const names of NAMES)
    for (const viewport of BAR_WINDOWS) {
      const label = `${viewport.width}px, ${names.name} names`;
      test.describe(label, () => {
        test.use({ viewport });

        test(`every function stays in reach (${label})`, async ({ page }, testInfo) => {
          if (names.person)
            await page.route(`${urls.api()}/v1/me`, async (route) => {
              const response = await route.fetch();
              const viewer = await response.json();
              const firm = { ...viewer.firm, name: names.firm };
              await route.fulfill({ response, json: { ...viewer, name: names.person, firm } });
            });
          await openFirmAs(page, people.ben);
          const bar = page.getByRole('banner');
          await expect(bar.getByRole('link', { name: /^CaseDesk/ })).toContainText(names.firm ?? 'Rivera');
          expect(await controlRows(bar)).toBeLessThanOrEqual(2);
          expect(await scrollsSideways(page)).toBe(false);
          const account = bar.getByRole('button', { name: `Account: ${names.person ?? people.ben.name}` });
          for (const control of [
            bar.getByRole('link', { name: /^CaseDesk/ }),
            bar.getByRole('button', { name: 'Create New' }),
            bar.getByRole('button', { name: /^Notifications/ }),
            account,
          ])
            await expectOnScreen(page, control);
          for (const section of ['Messages', 'Contacts', 'Settings'])
            await expectOnScreen(page, bar.getByRole('link', { name: section }));
          await screenshot(page, testInfo, `top-bar-${viewport.width}-${names.name}`);

          // The account menu by keyboard: it opens, Tab goes into it, Escape closes it and focus comes back.
          await account.focus();
          await page.keyboard.press('Enter');
          await page.keyboard.press('Tab');
          await expect(page.getByLabel('Signed in as')).toBeFocused();
          await expectOnScreen(page, page.getByLabel('Signed in as'));
          await page.keyboard.press('Tab');
          await expect(page.getByRole('link', { name: 'Dev mail (opens in a new tab)' })).toBeFocused();
          await expectOnScreen(page, page.getByRole('link', { name: 'Dev mail (opens in a new tab)' }));
          await screenshot(page, testInfo, `account-menu-${viewport.width}-${names.name}`);
          await page.keyboard.press('Escape');
          await expect(page.getByLabel('Signed in as')).toBeHidden();
          await expect(account).toBeFocused();
        });
      });
    }
});
