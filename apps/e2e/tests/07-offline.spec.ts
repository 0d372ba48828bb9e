import { randomUUID } from 'node:crypto';
import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { conversationsWithSubject } from '../src/api.js';
import { expectNoAxeViolations } from '../src/checks.js';
import { type Person, people } from '../src/people.js';
import { openFirmAs, openNewMessage, openPortalAs } from '../src/session.js';
import { indexRow, pendingRow, reply, threadMessage } from '../src/thread.js';

const CONVERSATION = '/messages/cnv_elena_residence';
const RESIDENCE = 'Question about my residence card';

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

/** Who starts a conversation while offline, how their app opens and hands over the form, and who must see it. */
interface OfflineStart {
  readonly row: string;
  readonly starter: Person;
  readonly reader: Person;
  readonly open: (page: Page, person: Person) => Promise<unknown>;
  readonly openReader: (page: Page, person: Person) => Promise<unknown>;
  /** Opens the form and fills what comes before the subject; the connection drops where the row says. */
  readonly startForm: (page: Page, context: BrowserContext) => Promise<void>;
  /** The form has handed the start over to the index. */
  readonly handedOver: (page: Page) => Promise<void>;
}

const OFFLINE_STARTS: readonly OfflineStart[] = [
  {
    row: '7b. A client (the portal, offline before the form opens)',
    starter: people.elena,
    reader: people.carla,
    open: openPortalAs,
    openReader: openFirmAs,
    startForm: async (page, context) => {
      await context.setOffline(true);
      await expect(
        page.getByText('You are offline. Messages will be sent when you reconnect.').first(),
      ).toBeVisible();
      await page.getByRole('link', { name: 'Create New Conversation' }).click();
    },
    handedOver: (page) => expect(page).toHaveURL(/\/messages$/),
  },
  {
    row: '7c. A firm member (the new-message dialog, offline after choosing the client)',
    starter: people.ben,
    reader: people.daniel,
    open: openFirmAs,
    openReader: openPortalAs,
    startForm: async (page, context) => {
      const dialog = await openNewMessage(page);
      await dialog.getByRole('combobox', { name: 'Client' }).fill('Daniel');
      await dialog.getByRole('option', { name: /Daniel Okafor/ }).click();
      await context.setOffline(true);
    },
    handedOver: (page) => expect(page.getByRole('dialog', { name: 'New secure message' })).toBeHidden(),
  },
];

for (const start of OFFLINE_STARTS) {
  test(`${start.row} starts a conversation: it waits as pending in the index; back online it is delivered exactly once`, async ({
    browser,
  }) => {
    const starterContext = await browser.newContext();
    const page = await starterContext.newPage();
    await start.open(page, start.starter);
    await expect(indexRow(page, RESIDENCE)).toHaveCount(1);

    const subject = `Started offline ${randomUUID().slice(0, 8)}`;
    await start.startForm(page, starterContext);
    await page.getByRole('textbox', { name: 'Subject' }).fill(subject);
    await page.getByRole('textbox', { name: 'Message' }).fill('Could we talk about the next appointment?');
    await page.getByRole('button', { name: 'Send', exact: true }).click();

    // The form hands it over: the start waits at the top of the list, saying so in words.
    await start.handedOver(page);
    const pending = pendingRow(page, subject);
    await expect(pending).toContainText('Sending…');
    await expect(pending).toHaveAttribute('data-state', 'sending');
    await expect(page.getByRole('list', { name: 'Not sent yet' })).toBeFocused();
    await expectNoAxeViolations(page);
    // The person can go on meanwhile: away and back to the messages.
    await page.getByRole('link', { name: /^(Your details|Contacts)$/ }).click();
    await page.getByRole('link', { name: 'Messages', exact: true }).click();
    await expect(pendingRow(page, subject)).toContainText('Sending…');

    await starterContext.setOffline(false);
    await expect(indexRow(page, subject)).toHaveCount(1);
    await expect(pendingRow(page, subject)).toHaveCount(0);
    expect(await conversationsWithSubject(start.starter, subject)).toHaveLength(1);

    // The other side sees it once, and so does the starter after a reload.
    const readerContext = await browser.newContext();
    const reader = await readerContext.newPage();
    await start.openReader(reader, start.reader);
    await expect(indexRow(reader, subject)).toHaveCount(1);
    await page.reload();
    await expect(indexRow(page, subject)).toHaveCount(1);
    await expect(pendingRow(page, subject)).toHaveCount(0);
    await starterContext.close();
    await readerContext.close();
  });
}

test('7d. The new-message dialog opened offline says so inside it, and its client list loads when the connection is back', async ({
  browser,
}) => {
  const firm = await browser.newContext();
  const ben = await firm.newPage();
  await openFirmAs(ben, people.ben);
  await firm.setOffline(true);
  await expect(ben.getByText('You are offline. Messages will be sent when you reconnect.')).toBeVisible();

  // The page behind the modal dialog is inert: the dialog says "offline" itself, and the list says why it is empty.
  const dialog = await openNewMessage(ben);
  await expect(dialog.getByText('You are offline. Messages will be sent when you reconnect.')).toBeVisible();
  await dialog.getByRole('combobox', { name: 'Client' }).fill('Daniel');
  await expect(dialog.getByText('This will load when you are back online.')).toBeVisible();
  await expectNoAxeViolations(ben);

  await firm.setOffline(false);
  await dialog.getByRole('option', { name: /Daniel Okafor/ }).click();
  await expect(dialog.getByRole('combobox', { name: 'Client' })).toHaveValue('Daniel Okafor');
  await firm.close();
});
