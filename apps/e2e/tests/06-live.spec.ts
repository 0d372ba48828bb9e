import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { screenshot } from '../src/checks.js';
import { people } from '../src/people.js';
import { openFirmAs, openPortalAs, ownBrowserPage } from '../src/session.js';
import { markWindow, reply, threadMessage, windowStillMarked } from '../src/thread.js';

const CONVERSATION = '/messages/cnv_daniel_work_permit';

test('6. With the firm and the portal open side by side, a message sent on one appears on the other without a reload', async ({
  browser,
}, testInfo) => {
  const ben = await ownBrowserPage(browser);
  const daniel = await ownBrowserPage(browser);
  await openFirmAs(ben, people.ben, CONVERSATION);
  await openPortalAs(daniel, people.daniel, CONVERSATION);
  await expect(threadMessage(ben, 'your work permit expires')).toBeVisible();
  await expect(threadMessage(daniel, 'your work permit expires')).toBeVisible();
  await markWindow(ben);
  await markWindow(daniel);

  const fromBen = `The renewal form is ready for you to sign (${randomUUID().slice(0, 8)}).`;
  const sentAt = Date.now();
  await reply(ben, fromBen);
  await expect(threadMessage(daniel, fromBen)).toBeVisible();
  const firmToPortalMs = Date.now() - sentAt;

  const fromDaniel = `Signed it, thank you (${randomUUID().slice(0, 8)}).`;
  const repliedAt = Date.now();
  await reply(daniel, fromDaniel);
  await expect(threadMessage(ben, fromDaniel)).toBeVisible();
  const portalToFirmMs = Date.now() - repliedAt;

  expect(await windowStillMarked(ben)).toBe(true);
  expect(await windowStillMarked(daniel)).toBe(true);
  // Reported, not asserted: the machine is shared and its timings are noisy.
  testInfo.annotations.push({
    type: 'latency',
    description: `firm → portal ${firmToPortalMs} ms, portal → firm ${portalToFirmMs} ms (click to visible)`,
  });
  await screenshot(daniel, testInfo, 'portal-live');
  await ben.context().close();
  await daniel.context().close();
});
