import { randomUUID } from 'node:crypto';
import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { conversationAs, startConversationAs } from '../src/api.js';
import { people } from '../src/people.js';
import { openFirmAs, openPortalAs } from '../src/session.js';
import { threadMessage } from '../src/thread.js';

/**
 * Headless Chromium shows every page as visible and focused, so a background tab is played the way the browser
 * reports one: `visibilityState` "hidden", no focus, then `visibilitychange` and `focus` when the person comes back.
 */
async function startInBackgroundTab(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const tab = { hidden: true };
    (window as unknown as { confideE2eTab: typeof tab }).confideE2eTab = tab;
    Object.defineProperty(Document.prototype, 'visibilityState', {
      configurable: true,
      get: () => (tab.hidden ? 'hidden' : 'visible'),
    });
    Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get: () => tab.hidden });
    const hasFocus = Document.prototype.hasFocus;
    Document.prototype.hasFocus = function hasFocusUnlessHidden(this: Document) {
      return !tab.hidden && hasFocus.call(this);
    };
  });
}

async function bringToFront(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { confideE2eTab: { hidden: boolean } }).confideE2eTab.hidden = false;
    document.dispatchEvent(new Event('visibilitychange'));
    window.dispatchEvent(new Event('focus'));
  });
}

test('9. A thread open in a background tab marks nothing read; the firm sees "Seen" only once the client looks at it', async ({
  browser,
}) => {
  const text = `Your hearing is confirmed (${randomUUID().slice(0, 8)}).`;
  const conversationId = await startConversationAs(people.ben, {
    contactId: 'con_daniel',
    subject: `Hearing date ${randomUUID().slice(0, 8)}`,
    body: text,
  });
  const firm = await browser.newContext();
  const portal = await browser.newContext();
  await startInBackgroundTab(portal);
  const ben = await firm.newPage();
  const daniel = await portal.newPage();
  const reads: string[] = [];
  daniel.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith(`/v1/conversations/${conversationId}/read`))
      reads.push(request.url());
  });

  await openFirmAs(ben, people.ben, `/messages/${conversationId}`);
  await expect(threadMessage(ben, text)).toBeVisible();
  await openPortalAs(daniel, people.daniel, `/messages/${conversationId}`);
  await expect(threadMessage(daniel, text)).toBeVisible();

  // The thread sits open in the background tab: nothing is marked read, on the server or on the firm's side.
  await daniel.waitForTimeout(2_000);
  expect(reads).toEqual([]);
  expect((await conversationAs(people.ben, conversationId)).clientRead ?? null).toBeNull();
  await expect(threadMessage(ben, text)).not.toContainText('Seen');

  // Daniel switches to the tab: the message is read, and the firm sees it live.
  await bringToFront(daniel);
  await expect.poll(() => reads.length).toBe(1);
  await expect(threadMessage(ben, text)).toContainText('Seen');
  expect((await conversationAs(people.ben, conversationId)).clientRead).toBeTruthy();

  await firm.close();
  await portal.close();
});
