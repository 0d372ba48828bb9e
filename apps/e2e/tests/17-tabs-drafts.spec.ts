import { randomUUID } from 'node:crypto';
import { expect, type Page, test } from '@playwright/test';
import { startConversationWith } from '../src/api.js';
import { people } from '../src/people.js';
import { openPortalAs } from '../src/session.js';
import { urls } from '../src/urls.js';

const RESIDENCE = '/messages/cnv_elena_residence';

const replyBox = (page: Page) => page.getByRole('textbox', { name: 'Reply' });

/** Everything this tab's origin keeps in localStorage, as one string. */
const savedInBrowser = (page: Page) => page.evaluate(() => JSON.stringify({ ...localStorage }));

test("17a. Drafts typed in two tabs of one person both survive a reload: no tab erases the other's", async ({
  browser,
}) => {
  const other = await startConversationWith(
    people.ben,
    people.elena,
    `Second matter ${randomUUID().slice(0, 8)}`,
    'Please confirm your address.',
  );
  const portal = await browser.newContext();
  const [first, second] = [await portal.newPage(), await portal.newPage()];
  await openPortalAs(first, people.elena, RESIDENCE);
  await openPortalAs(second, people.elena, `/messages/${other}`);
  const inFirst = `Reply drafted in the first tab (${randomUUID().slice(0, 8)})`;
  const inSecond = `Reply drafted in the second tab (${randomUUID().slice(0, 8)})`;

  await replyBox(first).fill(inFirst);
  await replyBox(second).fill(inSecond);
  // The second tab's draft of the first tab's conversation follows too, without a reload.
  await second.goto(`${urls.portal()}${RESIDENCE}`);
  await expect(replyBox(second)).toHaveValue(inFirst);

  await first.reload();
  await expect(replyBox(first)).toHaveValue(inFirst);
  await first.goto(`${urls.portal()}/messages/${other}`);
  await expect(replyBox(first)).toHaveValue(inSecond);
  await portal.close();
});

test('17b. Signing out in one tab signs the person out of their other tab, and nothing they typed stays behind', async ({
  browser,
}) => {
  const portal = await browser.newContext();
  const [signingOut, other] = [await portal.newPage(), await portal.newPage()];
  await openPortalAs(signingOut, people.elena, RESIDENCE);
  await openPortalAs(other, people.elena, RESIDENCE);
  const draft = `Drafted in the other tab (${randomUUID().slice(0, 8)})`;
  await replyBox(other).fill(draft);
  await expect(replyBox(signingOut)).toHaveValue(draft);

  await signingOut.getByRole('button', { name: 'Sign out' }).click();
  // The tab signing out knows of the other tab's draft, so it asks first.
  await signingOut.getByRole('dialog').getByRole('button', { name: 'Sign out and delete' }).click();
  const signIn = `Sign in as ${people.elena.name}`;
  await expect(signingOut.getByRole('button', { name: signIn })).toBeVisible();
  await expect(other.getByRole('button', { name: signIn })).toBeVisible();
  expect(await savedInBrowser(other)).not.toContain(draft);

  await other.reload();
  await expect(other.getByRole('button', { name: signIn })).toBeVisible();
  await openPortalAs(other, people.elena, RESIDENCE);
  await expect(replyBox(other)).toHaveValue('');
  expect(await savedInBrowser(other)).not.toContain(draft);
  await portal.close();
});
