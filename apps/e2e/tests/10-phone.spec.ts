import { randomUUID } from 'node:crypto';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { startConversationWith } from '../src/api.js';
import { AXE_TAGS_WCAG22, expectNoAxeViolations, screenshot } from '../src/checks.js';
import { people } from '../src/people.js';
import { openPortalAs } from '../src/session.js';
import { indexRow, threadMessage, threadMessages } from '../src/thread.js';

// The client's part of the seed's story (Daniel reads the firm's message, replies, starts a conversation of his
// own) on a phone held upright and on a desktop, with axe including WCAG 2.2's target size.
const devices = [
  {
    name: 'phone',
    phone: true,
    use: { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 },
  },
  { name: 'desktop', phone: false, use: { viewport: { width: 1280, height: 800 } } },
] as const;

/** Taps on a touch screen, clicks elsewhere: the way each device's user chooses. */
async function choose(locator: Locator, phone: boolean) {
  if (phone) await locator.tap();
  else await locator.click();
}

/** Whether the page is wider than the window, so that it scrolls sideways. */
function scrollsSideways(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}

/** Whether the element lies wholly inside the window (not off to a side, not under the fold). */
async function inView(page: Page, locator: Locator) {
  const box = await locator.boundingBox();
  const viewport = page.viewportSize();
  if (!box || !viewport) return false;
  return (
    box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width && box.y + box.height <= viewport.height
  );
}

for (const device of devices) {
  test.describe(`9. The client on a ${device.name}`, () => {
    test.use(device.use);

    test(`Daniel opens the firm's message, replies, goes back to the list and starts a conversation (${device.name})`, async ({
      page,
    }, testInfo) => {
      const id = randomUUID().slice(0, 8);
      const subject = `Your passport copy (${device.name} ${id})`;
      await startConversationWith(
        people.ben,
        people.daniel,
        subject,
        'Dear Daniel, please send a copy of your passport.',
      );

      await openPortalAs(page, people.daniel);
      const index = page.getByRole('listbox', { name: /conversations/i });
      const row = indexRow(page, subject);
      await expect(row).toHaveAttribute('data-unread', '');
      expect(await scrollsSideways(page)).toBe(false);
      await expectNoAxeViolations(page, AXE_TAGS_WCAG22);

      // List → thread: on a phone the thread takes the screen, in view; a desktop shows both side by side.
      await choose(row, device.phone);
      const message = threadMessage(page, 'Dear Daniel,');
      await expect(message).toBeVisible();
      expect(await inView(page, message)).toBe(true);
      if (device.phone) await expect(index).toBeHidden();
      else await expect(index).toBeVisible();
      expect(await scrollsSideways(page)).toBe(false);
      await expectNoAxeViolations(page, AXE_TAGS_WCAG22);
      if (device.phone) await screenshot(page, testInfo, 'portal-phone-thread');

      // The reply box stays in view with an on-screen keyboard up (the layout shrinks to what is left).
      const replyBox = page.getByRole('textbox', { name: 'Reply' });
      await choose(replyBox, device.phone);
      const size = page.viewportSize();
      if (device.phone && size) await page.setViewportSize({ width: size.width, height: size.height - 330 });
      await expect(replyBox).toBeFocused();
      expect(await inView(page, replyBox)).toBe(true);
      const replyText = `Here is my passport (${id}).`;
      await replyBox.fill(replyText);
      await choose(page.getByRole('button', { name: 'Send', exact: true }), device.phone);
      await expect(threadMessage(page, replyText)).toHaveAttribute('data-state', 'sent');
      await expect(threadMessages(page)).toHaveCount(2);
      if (device.phone && size) await page.setViewportSize(size);

      // Back to the list: a phone has a way back; a desktop never hid the list.
      const back = page.getByRole('link', { name: 'All conversations' });
      if (device.phone) {
        await choose(back, true);
        await expect(index).toBeVisible();
        await expect(page.getByRole('region', { name: 'Conversation' })).toBeHidden();
      } else {
        await expect(back).toBeHidden();
      }
      await expect(row).not.toHaveAttribute('data-unread');
      expect(await scrollsSideways(page)).toBe(false);
      if (device.phone) await screenshot(page, testInfo, 'portal-phone-list');

      // A conversation of his own.
      await choose(page.getByRole('link', { name: 'Create New Conversation' }), device.phone);
      const compose = page.getByRole('region', { name: 'New conversation' });
      await expect(compose).toBeVisible();
      expect(await scrollsSideways(page)).toBe(false);
      await expectNoAxeViolations(page, AXE_TAGS_WCAG22);
      const ownSubject = `A question from my ${device.name} (${id})`;
      await compose.getByRole('textbox', { name: 'Subject' }).fill(ownSubject);
      await compose.getByRole('textbox', { name: 'Message' }).fill('Do you also need my residence card?');
      await choose(compose.getByRole('button', { name: 'Send', exact: true }), device.phone);
      await expect(threadMessage(page, 'Do you also need my residence card?')).toBeVisible();
      if (device.phone) {
        await choose(back, true);
      }
      await expect(indexRow(page, ownSubject)).toBeVisible();
      expect(await scrollsSideways(page)).toBe(false);
    });
  });
}
