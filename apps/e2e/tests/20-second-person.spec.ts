import { randomUUID } from 'node:crypto';
import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { startConversationWith } from '../src/api.js';
import { messageTextsOf } from '../src/messages-of.js';
import { type Person, people } from '../src/people.js';
import { openFirmAs, openNewMessage, openPortalAs, ownBrowserPage } from '../src/session.js';
import { indexRow, reply, threadMessage } from '../src/thread.js';
import { urls } from '../src/urls.js';

/** Everything this tab's origin keeps in localStorage, as one string. */
const savedInBrowser = (page: Page) => page.evaluate(() => JSON.stringify({ ...localStorage }));
const replyBox = (page: Page) => page.getByRole('textbox', { name: 'Reply' });
const switcher = (page: Page) => page.getByLabel('Signed in as');

/** Switches person with the firm app's "Signed in as" list, in its account menu. */
async function switchTo(page: Page, person: Person): Promise<void> {
  await page.getByRole('button', { name: /^Account: / }).click();
  await switcher(page).selectOption(person.email);
}

/** What Ben leaves unsent in the first tab: a reply queued offline, a reply draft and a new message's draft. */
interface BensWork {
  readonly queued: string;
  readonly replyDraft: string;
  readonly subject: string;
  readonly body: string;
}

/** Every POST body this context sends, as text, to find a text sent with someone else's token. */
function recordSends(context: BrowserContext): string[] {
  const sent: string[] = [];
  context.on('request', (request) => {
    if (request.method() === 'POST')
      sent.push(`${request.headers().authorization ?? ''} ${request.postData()}`);
  });
  return sent;
}

async function leaveWorkUnsent(page: Page, context: BrowserContext, tag: string): Promise<BensWork> {
  const work = {
    queued: `Queued offline by Ben ${tag}`,
    replyDraft: `Reply drafted by Ben ${tag}`,
    subject: `New matter drafted by Ben ${tag}`,
    body: `Privileged advice drafted by Ben ${tag}`,
  };
  await context.setOffline(true);
  await reply(page, work.queued);
  await expect(threadMessage(page, work.queued)).toHaveAttribute('data-state', 'sending');
  await replyBox(page).fill(work.replyDraft);
  const dialog = await openNewMessage(page);
  await dialog.getByRole('textbox', { name: 'Subject' }).fill(work.subject);
  await dialog.getByRole('textbox', { name: 'Message' }).fill(work.body);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  return work;
}

async function expectNoneOf(page: Page, work: BensWork, where: string): Promise<void> {
  // The page's text, hidden nodes included, and what its fields hold.
  const fields = await page
    .locator('input, textarea')
    .evaluateAll((elements) => elements.map((element) => (element as HTMLInputElement).value));
  const visible = `${await page.locator('body').textContent()} ${fields.join(' ')}`;
  const saved = await savedInBrowser(page);
  for (const text of Object.values(work)) {
    expect.soft(visible, `${where}: shown on the page`).not.toContain(text);
    expect.soft(saved, `${where}: kept in localStorage`).not.toContain(text);
  }
}

const NEXT: readonly { readonly next: Person; readonly why: string }[] = [
  { next: people.carla, why: 'same firm, a member (not an admin)' },
  { next: people.grace, why: 'another firm' },
];

for (const { next, why } of NEXT) {
  test(`20a. Ben switches to ${next.name} (${why}) in one of his two tabs: nothing of his shows, stays or is sent`, async ({
    browser,
  }, testInfo) => {
    const tag = randomUUID().slice(0, 8);
    const conversation = await startConversationWith(
      people.ben,
      people.daniel,
      `Shared PC ${tag}`,
      'Opening.',
    );
    const thread = `/messages/${conversation}`;
    const context = await browser.newContext();
    const sent = recordSends(context);
    const [first, second] = [await context.newPage(), await context.newPage()];
    // Opened from the index, so that the tab's history holds Ben's index and thread.
    await openFirmAs(first, people.ben);
    await indexRow(first, `Shared PC ${tag}`).click();
    await expect(first).toHaveURL(new RegExp(`${thread}$`));
    await openFirmAs(second, people.ben, thread);
    // Both tabs have loaded the thread before the network goes.
    for (const tab of [first, second]) await expect(threadMessage(tab, 'Opening.')).toBeVisible();
    const shot = (page: Page, name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`) });

    const work = await leaveWorkUnsent(first, context, tag);
    // The second tab shares Ben's outbox and drafts.
    await expect(threadMessage(second, work.queued)).toHaveAttribute('data-state', 'sending');
    await shot(first, '1-ben-unsent');

    await switchTo(first, next);
    const asking = first.getByRole('dialog', { name: 'Sign out and delete unsent work?' });
    await expect(asking).toContainText('1 unsent message and 2 drafts');
    await shot(first, '2-asked');
    await asking.getByRole('button', { name: 'Sign out and delete' }).click();
    // Still offline: signing the next person in waits for the server, and shows nothing of Ben's meanwhile.
    await expect(first.getByRole('alert')).toContainText('cannot be reached');
    await expectNoneOf(first, work, 'While the next person waits to sign in');
    await context.setOffline(false);
    // Reloaded in the middle of the switch (20b shows why: without it the sign-in stays stuck).
    await first.reload();
    await expect(switcher(first)).toHaveValue(next.email);
    await shot(first, '3-next-person');
    await expectNoneOf(first, work, `After the switch to ${next.name}`);

    // Ben's other tab was signed out with him (his unsent work was deleted), not left showing it.
    await expect(second.getByRole('button', { name: `Sign in as ${people.ben.name}` })).toBeVisible();
    await shot(second, '4-ben-other-tab');
    await expectNoneOf(second, work, "Ben's other tab");

    await first.reload();
    await expect(switcher(first)).toHaveValue(next.email);
    await expectNoneOf(first, work, 'After a reload');
    await first.goBack();
    await shot(first, '5-back');
    await expectNoneOf(first, work, 'After going back');
    await first.goForward();

    // Ben signs back in: the dialog told him his work was deleted, and it is.
    await switchTo(first, people.ben);
    await expect(switcher(first)).toHaveValue(people.ben.email);
    await first.goto(`${urls.firm()}${thread}`);
    await expect(threadMessage(first, 'Opening.')).toBeVisible();
    await expect(replyBox(first)).toHaveValue('');
    await shot(first, '6-ben-again');
    await expectNoneOf(first, work, 'Ben back');

    // Daniel (the client) in the same tab, in the portal: his thread has only what was sent.
    await openPortalAs(first, people.daniel, thread);
    await expect(threadMessage(first, 'Opening.')).toBeVisible();
    await shot(first, '7-daniel');
    await expectNoneOf(first, work, "Daniel's portal");
    expect(await messageTextsOf(people.ben, conversation)).toEqual(['Opening.']);
    expect(sent.filter((body) => body.includes(tag))).toEqual([]);
    await context.close();
  });
}

/** Ben, in one tab on a conversation of his firm, with a reply drafted there. */
async function benOnHisThread(page: Page, tag: string): Promise<string> {
  const conversation = await startConversationWith(people.ben, people.daniel, `Switch ${tag}`, 'Opening.');
  await openFirmAs(page, people.ben, `/messages/${conversation}`);
  await expect(threadMessage(page, 'Opening.')).toBeVisible();
  await replyBox(page).fill(`Reply drafted by Ben ${tag}`);
  return `/messages/${conversation}`;
}

test("20b. A switch to another person leaves the last person's page, as signing out does", async ({
  browser,
}) => {
  for (const next of [people.carla, people.grace]) {
    const page = await ownBrowserPage(browser);
    const thread = await benOnHisThread(page, randomUUID().slice(0, 8));
    await switchTo(page, next);
    await page.getByRole('dialog').getByRole('button', { name: 'Sign out and delete' }).click();
    await expect(switcher(page)).toHaveValue(next.email);
    expect.soft(new URL(page.url()).pathname, `${next.name} lands on Ben's page`).not.toBe(thread);
    await page.context().close();
  }
});

test('20c. Signed out or switched while offline, the next person is signed in once the network is back, without a reload', async ({
  browser,
}) => {
  // Rows: the firm app's switcher to a colleague or another firm; the portal's "Sign out", then another client.
  const rows = [
    { next: people.carla, portal: false },
    { next: people.grace, portal: false },
    { next: people.daniel, portal: true },
  ];
  for (const { next, portal } of rows) {
    const page = await ownBrowserPage(browser);
    if (portal) await openPortalAs(page, people.elena, '/messages/cnv_elena_residence');
    else await benOnHisThread(page, randomUUID().slice(0, 8));
    await page.context().setOffline(true);
    if (portal) await page.getByRole('button', { name: 'Sign out' }).click();
    else {
      await switchTo(page, next);
      await page.getByRole('dialog').getByRole('button', { name: 'Sign out and delete' }).click();
      await expect(page.getByRole('alert')).toContainText('cannot be reached');
    }
    await page.context().setOffline(false);
    if (portal) await page.getByRole('button', { name: `Sign in as ${next.name}` }).click();
    else await page.getByRole('button', { name: 'Try again now' }).click();
    if (portal) await expect(page.getByRole('banner')).toContainText(next.name);
    else await expect(switcher(page)).toHaveValue(next.email);
    await page.context().close();
  }
});

test("20d. Ben and Carla in two tabs of one browser: Ben switching to Grace leaves Carla's tab and draft as they were", async ({
  browser,
}) => {
  const tag = randomUUID().slice(0, 8);
  const context = await browser.newContext();
  const [bens, carlas] = [await context.newPage(), await context.newPage()];
  const thread = await benOnHisThread(bens, tag);
  await openFirmAs(carlas, people.carla, thread);
  const carlasDraft = `Reply drafted by Carla ${tag}`;
  await replyBox(carlas).fill(carlasDraft);
  // Each sees only their own draft of the same conversation.
  await expect(replyBox(bens)).toHaveValue(`Reply drafted by Ben ${tag}`);

  await switchTo(bens, people.grace);
  await expect(bens.getByRole('dialog')).toContainText('1 draft');
  await bens.getByRole('dialog').getByRole('button', { name: 'Sign out and delete' }).click();
  await expect(switcher(bens)).toHaveValue(people.grace.email);

  await expect(switcher(carlas)).toHaveValue(people.carla.email);
  await expect(replyBox(carlas)).toHaveValue(carlasDraft);
  await carlas.reload();
  await expect(replyBox(carlas)).toHaveValue(carlasDraft);
  expect(await savedInBrowser(carlas)).not.toContain(`Reply drafted by Ben ${tag}`);
  await context.close();
});
