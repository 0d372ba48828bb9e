import { randomUUID } from 'node:crypto';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { sendMessageAs, startConversationWith } from '../src/api.js';
import { screenshot } from '../src/checks.js';
import { pdfBytes } from '../src/documents.js';
import { uploadAs } from '../src/files.js';
import { people } from '../src/people.js';
import { openFirmAs, openPortalAs } from '../src/session.js';
import { threadMessage } from '../src/thread.js';

// WCAG 1.4.10 reflow: at 320 CSS px, a tablet's 768 px and a desktop window zoomed to 200 % (1280 × 800 at 200 % is a
// 640 × 400 CSS px viewport with two device pixels each), the firm app and the portal show a thread whose subject,
// text and file names are long Arabic and Hebrew with nothing clipped, nothing overlapping and no sideways scrolling.
const LAYOUTS = [
  { name: '320px', viewport: { width: 320, height: 640 }, deviceScaleFactor: 1, onePane: true },
  { name: '768px', viewport: { width: 768, height: 1024 }, deviceScaleFactor: 1, onePane: false },
  { name: 'zoom-200', viewport: { width: 640, height: 400 }, deviceScaleFactor: 2, onePane: true },
] as const;

const LONG_ARABIC_FILE = 'عقد_الإيجار_الموقع_من_الطرفين_مع_جميع_الملاحق_والمستندات_الداعمة_النهائية.pdf';
const LONG_HEBREW_FILE = 'הסכם_שכירות_חתום_על_ידי_שני_הצדדים_כולל_כל_הנספחים_והמסמכים_התומכים.pdf';
const LONG_LATIN_FILE = `Employment-verification-letter-${'x'.repeat(60)}-final.pdf`;

/** Whether the page is wider than its window, so that it scrolls sideways. */
function scrollsSideways(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

/** The element's box; fails the test when it has none (not rendered). */
async function boxOf(locator: Locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error('The element has no box');
  return box;
}

/** Every file card of the message lies inside the message, and its name does not run under its neighbours. */
async function expectCardsInside(message: Locator) {
  const outer = await boxOf(message);
  const cards = message.locator('.confide-attachment');
  await expect(cards).toHaveCount(3);
  for (const card of await cards.all()) {
    const box = await boxOf(card);
    expect(box.x).toBeGreaterThanOrEqual(outer.x - 0.5);
    expect(box.x + box.width).toBeLessThanOrEqual(outer.x + outer.width + 0.5);
    const name = await boxOf(card.locator('.confide-attachment-main'));
    const icon = await boxOf(card.locator('.confide-file-icon, .confide-attachment-thumbnail').first());
    // The name's column and the icon share no pixels, whichever side the icon sits on.
    const overlaps = name.x < icon.x + icon.width && icon.x < name.x + name.width;
    const stacked = name.y >= icon.y + icon.height || icon.y >= name.y + name.height;
    expect(overlaps && !stacked).toBe(false);
    // The name keeps room to be read: at least a few characters, not a sliver beside the icon.
    expect(name.width).toBeGreaterThanOrEqual(96);
  }
}

test.describe('13. Reflow', () => {
  let subject = '';
  let conversationId = '';

  test.beforeAll(async () => {
    subject = `طلب المستندات الخاصة بتجديد تصريح العمل والإقامة — בקשה למסמכים לחידוש היתר העבודה (${randomUUID().slice(0, 8)})`;
    conversationId = await startConversationWith(
      people.ben,
      people.daniel,
      subject,
      'مرحبا دانيال، يرجى تحميل عقد الإيجار الموقع وجميع الملاحق في البوابة الآمنة قبل نهاية الأسبوع.',
    );
    const files = [LONG_ARABIC_FILE, LONG_HEBREW_FILE, LONG_LATIN_FILE];
    const ids = [];
    for (const name of files)
      ids.push(await uploadAs(people.daniel, name, new Uint8Array(pdfBytes(`File ${ids.length + 1}`))));
    await sendMessageAs(
      people.daniel,
      conversationId,
      'הנה המסמכים המבוקשים: החוזה החתום, כל הנספחים ומכתב אישור ההעסקה. https://example.com/a/very/long/path/that/must/wrap/anywhere/without/scrolling/the/page',
      ids,
    );
  });

  for (const layout of LAYOUTS) {
    test.describe(layout.name, () => {
      test.use({ viewport: layout.viewport, deviceScaleFactor: layout.deviceScaleFactor });

      test(`the firm's thread, index and pages reflow (${layout.name})`, async ({ page }, testInfo) => {
        await openFirmAs(page, people.ben, `/messages/${conversationId}`);
        const message = threadMessage(page, 'הנה המסמכים המבוקשים');
        await expect(message).toBeVisible();
        await message.scrollIntoViewIfNeeded();
        await expectCardsInside(message);
        expect(await scrollsSideways(page)).toBe(false);
        // The messages keep room to be read: not a sliver left under the bar, the headers and the reply box.
        expect((await boxOf(page.getByRole('feed'))).height).toBeGreaterThanOrEqual(
          layout.viewport.height / 2,
        );
        await screenshot(page, testInfo, `firm-thread-${layout.name}`);
        const index = page.getByRole('listbox', { name: /conversations/i });
        if (layout.onePane) {
          // One pane at a time: the index comes back by "All conversations", with focus on it (the link went away).
          await expect(index).toBeHidden();
          await page.getByRole('link', { name: 'All conversations' }).click();
          await expect(index).toBeFocused();
          await expect(threadMessage(page, 'הנה המסמכים המבוקשים')).toBeHidden();
        }
        await index.scrollIntoViewIfNeeded();
        expect(await scrollsSideways(page)).toBe(false);
        await screenshot(page, testInfo, `firm-index-${layout.name}`);
        for (const path of ['/contacts', '/settings']) {
          await page
            .getByRole('navigation', { name: 'Sections' })
            .getByRole('link', { name: path === '/contacts' ? 'Contacts' : 'Settings' })
            .click();
          await expect(page).toHaveURL(new RegExp(`${path}$`));
          await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
          expect(await scrollsSideways(page)).toBe(false);
          await screenshot(page, testInfo, `firm${path.replace('/', '-')}-${layout.name}`);
        }
        await page.getByRole('button', { name: /^Create New/ }).click();
        await page.getByRole('menuitem', { name: /^Message/ }).click();
        await page.getByRole('menuitem', { name: /^Secure Portal/ }).click();
        await expect(page.getByRole('dialog', { name: 'New secure message' })).toBeVisible();
        expect(await scrollsSideways(page)).toBe(false);
        await screenshot(page, testInfo, `firm-compose-${layout.name}`);
      });

      test(`the portal's thread reflows (${layout.name})`, async ({ page }, testInfo) => {
        await openPortalAs(page, people.daniel, `/messages/${conversationId}`);
        const message = threadMessage(page, 'הנה המסמכים המבוקשים');
        await expect(message).toBeVisible();
        await message.scrollIntoViewIfNeeded();
        await expectCardsInside(message);
        expect(await scrollsSideways(page)).toBe(false);
        await screenshot(page, testInfo, `portal-thread-${layout.name}`);
      });
    });
  }
});
