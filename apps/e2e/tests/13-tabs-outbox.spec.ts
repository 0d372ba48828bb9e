import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { people } from '../src/people.js';
import { openPortalAs } from '../src/session.js';
import { reply, threadMessage } from '../src/thread.js';

const CONVERSATION = '/messages/cnv_elena_residence';

test('13. A reply queued offline in one of three tabs is sent once, and every tab shows it pending, then sent', async ({
  browser,
}) => {
  const portal = await browser.newContext();
  const tabs = [await portal.newPage(), await portal.newPage(), await portal.newPage()];
  for (const tab of tabs) {
    await openPortalAs(tab, people.elena, CONVERSATION);
    await expect(threadMessage(tab, 'typo in my name')).toBeVisible();
  }
  const sends: string[] = [];
  portal.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname.endsWith('/messages'))
      sends.push(request.url());
  });

  await portal.setOffline(true);
  const text = `Queued in one of three tabs (${randomUUID().slice(0, 8)}).`;
  await reply(tabs[0]!, text);
  // The other tabs hear of it (they share the outbox in localStorage) and show it waiting too.
  for (const tab of tabs) await expect(threadMessage(tab, text)).toHaveAttribute('data-state', 'sending');

  await portal.setOffline(false);
  for (const tab of tabs) {
    await expect(threadMessage(tab, text)).toHaveAttribute('data-state', 'sent');
    await expect(threadMessage(tab, text)).toHaveCount(1);
  }
  expect(sends).toHaveLength(1);
  await portal.close();
});
