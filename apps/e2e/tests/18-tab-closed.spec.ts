import { randomUUID } from 'node:crypto';
import { type BrowserContext, expect, type Route, test } from '@playwright/test';
import { people } from '../src/people.js';
import { openFirmAs, openPortalAs } from '../src/session.js';
import { indexRow, pendingRow, reply, threadMessage, threadMessages } from '../src/thread.js';

const CONVERSATION = 'cnv_elena_residence';
const SEND_PATH = `/v1/conversations/${CONVERSATION}/messages`;

/**
 * The tab is closed while a reply is on its way, and the person opens the portal again in the same browser (its
 * storage kept). Where the send stood when the tab went: still offline in the outbox, sent and held before the
 * server, or processed by the server with the answer not back yet.
 */
const MOMENTS = [
  { moment: 'while offline, the send queued', offline: true, reachesServer: false },
  { moment: 'while the POST is held before the server', offline: false, reachesServer: false },
  { moment: 'after the server stored it, before the answer came back', offline: false, reachesServer: true },
] as const;

/** Holds the first send of `context` (optionally after the server processed it) until the tab closes. */
async function holdFirstSend(
  context: BrowserContext,
  reachesServer: boolean,
  path = SEND_PATH,
): Promise<{ held: number }> {
  const record = { held: 0 };
  await context.route('**/*', async (route: Route) => {
    const request = route.request();
    if (request.method() !== 'POST' || new URL(request.url()).pathname !== path) return route.fallback();
    record.held += 1;
    if (record.held > 1) return route.continue();
    if (reachesServer) await route.fetch();
    // Never answered: the tab closes first.
  });
  return record;
}

for (const { moment, offline, reachesServer } of MOMENTS) {
  test(`18. A reply whose tab is closed ${moment} is sent once when the portal is opened again`, async ({
    browser,
  }) => {
    const portal = await browser.newContext();
    const hold = offline ? null : await holdFirstSend(portal, reachesServer);
    const elena = await portal.newPage();
    await openPortalAs(elena, people.elena, `/messages/${CONVERSATION}`);
    await expect(threadMessages(elena).first()).toBeVisible();
    if (offline) await portal.setOffline(true);

    const text = `Tab closed ${moment} (${randomUUID().slice(0, 8)}).`;
    await reply(elena, text);
    // Stored by the server, the reply may already show sent from the live stream, its answer still held.
    await expect(threadMessage(elena, text)).toHaveAttribute(
      'data-state',
      reachesServer ? /^(sending|sent)$/ : 'sending',
    );
    if (hold) await expect.poll(() => hold.held).toBe(1);
    await elena.close();

    if (offline) await portal.setOffline(false);
    // A new tab: the sign-in is per tab, the outbox is the browser's (localStorage).
    const again = await portal.newPage();
    await openPortalAs(again, people.elena, `/messages/${CONVERSATION}`);
    await expect(threadMessage(again, text)).toHaveAttribute('data-state', 'sent', { timeout: 30_000 });
    await expect(threadMessage(again, text)).toHaveCount(1);

    // The firm sees it once, and so does Elena after a reload.
    const firm = await browser.newContext();
    const carla = await firm.newPage();
    await openFirmAs(carla, people.carla, `/messages/${CONVERSATION}`);
    await expect(threadMessage(carla, text)).toHaveCount(1);
    await again.reload();
    await expect(threadMessage(again, text)).toHaveCount(1);
    await firm.close();
    await portal.close();
  });
}

for (const { moment, offline, reachesServer } of MOMENTS) {
  test(`18. A conversation whose tab is closed ${moment} exists once when the portal is opened again`, async ({
    browser,
  }) => {
    const portal = await browser.newContext();
    const hold = offline ? null : await holdFirstSend(portal, reachesServer, '/v1/conversations');
    const elena = await portal.newPage();
    await openPortalAs(elena, people.elena);
    if (offline) await portal.setOffline(true);

    const subject = `Started, tab closed ${moment} ${randomUUID().slice(0, 8)}`;
    await elena.getByRole('link', { name: 'Create New Conversation' }).click();
    await elena.getByRole('textbox', { name: 'Subject' }).fill(subject);
    await elena.getByRole('textbox', { name: 'Message' }).fill('Could we talk about my next appointment?');
    await elena.getByRole('button', { name: 'Send', exact: true }).click();
    if (hold) await expect.poll(() => hold.held).toBe(1);
    // Offline, the form hands the start to the index, where it waits as pending.
    else await expect(pendingRow(elena, subject)).toContainText('Sending…');
    await elena.close();

    if (offline) await portal.setOffline(false);
    const again = await portal.newPage();
    await openPortalAs(again, people.elena);
    await expect(indexRow(again, subject)).toHaveCount(1, { timeout: 30_000 });
    await expect(indexRow(again, subject)).not.toHaveAttribute('data-state', 'sending', { timeout: 30_000 });

    const firm = await browser.newContext();
    const carla = await firm.newPage();
    await openFirmAs(carla, people.carla);
    await expect(indexRow(carla, subject)).toHaveCount(1);
    await again.reload();
    await expect(indexRow(again, subject)).toHaveCount(1);
    await firm.close();
    await portal.close();
  });
}
