import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { people } from '../src/people.js';
import { openFirmAs, openPortalAs } from '../src/session.js';
import { reply, threadMessage } from '../src/thread.js';

const CONVERSATION = '/messages/cnv_elena_residence';

test('7. Offline, a reply waits as pending; back online it is delivered exactly once', async ({
  browser,
}) => {
  const portal = await browser.newContext();
  const elena = await portal.newPage();
  await openPortalAs(elena, people.elena, CONVERSATION);
  await expect(threadMessage(elena, 'typo in my name')).toBeVisible();

  await portal.setOffline(true);
  await expect(
    elena.getByText('You are offline. Messages will be sent when you reconnect.').first(),
  ).toBeVisible();
  const text = `Sent while offline (${randomUUID().slice(0, 8)}).`;
  await reply(elena, text);
  const pending = threadMessage(elena, text);
  await expect(pending).toHaveAttribute('data-state', 'sending');
  await expect(pending).toContainText('Sending…');

  await portal.setOffline(false);
  await expect(pending).toHaveAttribute('data-state', 'sent');
  await expect(threadMessage(elena, text)).toHaveCount(1);

  // The firm sees it once, and so does Elena after a reload.
  const firm = await browser.newContext();
  const carla = await firm.newPage();
  await openFirmAs(carla, people.carla, CONVERSATION);
  await expect(threadMessage(carla, text)).toHaveCount(1);
  await elena.reload();
  await expect(threadMessage(elena, text)).toHaveCount(1);
  await portal.close();
  await firm.close();
});
