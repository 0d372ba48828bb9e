import { expect, test } from '@playwright/test';
import { notificationsOf } from '../src/api.js';
import { screenshot } from '../src/checks.js';
import { readOutbox, showOutbox } from '../src/outbox.js';
import { people, riveraChoMembers } from '../src/people.js';
import { openFirmAs, openNewMessage, openPortalAs, ownBrowserPage } from '../src/session.js';
import {
  indexRow,
  markWindow,
  reply,
  threadMessage,
  threadMessages,
  windowStillMarked,
} from '../src/thread.js';

// The seed's story, in order: each test continues the conversation the one before started.
test.describe.configure({ mode: 'serial' });

const SUBJECT = 'Documents needed for your case';
/** Words of the template's body that must never appear in an e-mail. */
const BODY_WORDS = 'copy of your passport';
const DANIEL_REPLY = 'Thank you, Ben. I have uploaded my passport and the last three pay slips.';
const DANIEL_SECOND_REPLY = 'One more thing: my employer letter arrives on Monday.';

let conversationPath = '';

test('1. Ben starts a conversation with Daniel from the "Document request" template; Daniel is e-mailed without the message text; Farid cannot be chosen', async ({
  page,
}, testInfo) => {
  const mailsToDanielBefore = (await readOutbox()).filter((mail) => mail.to === people.daniel.email).length;
  await openFirmAs(page, people.ben);

  const dialog = await openNewMessage(page);

  const clientField = dialog.getByRole('combobox', { name: 'Client' });
  await clientField.fill('Farid');
  const farid = dialog.getByRole('option', { name: /Farid Haddad/ });
  await expect(farid).toHaveAttribute('aria-disabled', 'true');
  await expect(farid).toContainText('Invited, portal not activated yet');
  await farid.click({ force: true });
  await expect(farid).toHaveAttribute('aria-selected', 'false');

  await clientField.fill('Daniel');
  await dialog.getByRole('option', { name: /Daniel Okafor/ }).click();
  await dialog.getByRole('button', { name: 'Insert template' }).click();
  await dialog.getByRole('radio', { name: 'Document request' }).check();
  await dialog.getByRole('button', { name: 'Use this template' }).click();

  await expect(dialog.getByRole('textbox', { name: 'Subject' })).toHaveValue(SUBJECT);
  const body = dialog.getByRole('textbox', { name: 'Message' });
  await expect(body).toHaveValue(/^Dear Daniel,/);
  await expect(body).toHaveValue(/Kind regards,\nBen Cho\nRivera & Cho Immigration$/);
  await expect(body).not.toHaveValue(/\{\{/);
  await screenshot(page, testInfo, 'firm-compose');

  await dialog.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/\/messages\/[^/]+$/);
  conversationPath = new URL(page.url()).pathname;
  await expect(page.getByRole('heading', { name: SUBJECT })).toBeVisible();
  await expect(threadMessage(page, 'Dear Daniel,')).toHaveAttribute('data-state', 'sent');
  await expect(page.getByText('With Daniel Okafor')).toBeVisible();

  await expect
    .poll(async () => (await readOutbox()).filter((mail) => mail.to === people.daniel.email).length)
    .toBe(mailsToDanielBefore + 1);
  const [newest] = (await readOutbox()).filter((mail) => mail.to === people.daniel.email);
  expect(newest?.subject).toBe('A secure message is waiting in your portal — Rivera & Cho Immigration');
  expect(newest?.text).toContain(
    'Rivera & Cho Immigration sent you a secure message. It is waiting in your portal.',
  );
  for (const part of [newest?.subject, newest?.text, newest?.html]) {
    expect(part).not.toContain(BODY_WORDS);
    expect(part).not.toContain(SUBJECT);
  }
  await showOutbox(page);
  await expect(page.getByRole('heading', { name: /^Outbox/ })).toBeVisible();
  await expect(page.getByText(BODY_WORDS)).toHaveCount(0);
  await screenshot(page, testInfo, 'dev-mail');
});

test('2. Daniel signs in to the portal, sees the conversation unread, reads the whole chain and replies', async ({
  page,
}, testInfo) => {
  expect(conversationPath, 'test 1 started the conversation').not.toBe('');
  await openPortalAs(page, people.daniel);
  const row = indexRow(page, SUBJECT);
  await expect(row).toHaveAttribute('data-unread', '');
  await expect(row).toContainText('1 unread message');
  await expect(indexRow(page, 'Work permit renewal')).toBeVisible();

  await row.click();
  await expect(page).toHaveURL(new RegExp(`${conversationPath}$`));
  await expect(threadMessages(page)).toHaveCount(1);
  await expect(threadMessage(page, 'Dear Daniel,')).toContainText(
    'we need a copy of your passport and your most recent pay slips',
  );
  await expect(row).not.toHaveAttribute('data-unread');

  await reply(page, DANIEL_REPLY);
  await expect(threadMessage(page, DANIEL_REPLY)).toHaveAttribute('data-state', 'sent');
  await expect(threadMessages(page)).toHaveCount(2);
  await screenshot(page, testInfo, 'portal-thread');

  // The whole chain, oldest first, also after a reload.
  await page.reload();
  await expect(threadMessages(page)).toHaveCount(2);
  await expect(threadMessages(page).first()).toContainText('Dear Daniel,');
  await expect(threadMessages(page).last()).toContainText(DANIEL_REPLY);
});

test("3. Every Rivera & Cho member is notified of Daniel's reply; Ben opens it from the bell and lands on the thread; counts update live", async ({
  browser,
}, testInfo) => {
  expect(conversationPath, 'test 1 started the conversation').not.toBe('');
  const conversationId = conversationPath.split('/').at(-1);

  // Daniel's reply in test 2 notified every member of the firm, and no one outside it.
  for (const member of riveraChoMembers) {
    const theirs = (await notificationsOf(member)).filter((item) => item.conversationId === conversationId);
    expect(
      theirs.map((item) => item.kind),
      member.name,
    ).toContain('client_replied');
  }
  const graces = (await notificationsOf(people.grace)).filter(
    (item) => item.conversationId === conversationId,
  );
  expect(graces).toEqual([]);

  const ben = await ownBrowserPage(browser);
  const daniel = await ownBrowserPage(browser);
  await openFirmAs(ben, people.ben);
  await openPortalAs(daniel, people.daniel, conversationPath);
  await expect(threadMessages(daniel)).toHaveCount(2);

  const bell = ben.getByRole('button', { name: /^Notifications/ });
  // Daniel's first reply is unread for Ben: wait until the bell has loaded it before reading the count.
  await expect(bell).toHaveAccessibleName(/\d+ unread$/);
  const unreadBefore = Number((await bell.getAttribute('aria-label'))?.match(/(\d+) unread/)?.[1] ?? '0');
  const row = indexRow(ben, SUBJECT);
  await expect(row).toContainText('1 unread message');
  await markWindow(ben);

  await reply(daniel, DANIEL_SECOND_REPLY);
  await expect(threadMessage(daniel, DANIEL_SECOND_REPLY)).toHaveAttribute('data-state', 'sent');

  // Live, without a reload: the bell's count and the conversation's unread count both go up.
  await expect(bell).toHaveAccessibleName(`Notifications, ${unreadBefore + 1} unread`);
  await expect(row).toContainText('2 unread messages');
  expect(await windowStillMarked(ben)).toBe(true);

  await bell.click();
  const notifications = ben.getByRole('region', { name: 'Notifications' });
  await expect(notifications).toBeVisible();
  await screenshot(ben, testInfo, 'firm-notifications');
  await notifications
    .getByRole('button', { name: `Daniel Okafor replied in “${SUBJECT}”` })
    .first()
    .click();
  await expect(ben).toHaveURL(new RegExp(`${conversationPath}$`));
  // The pressed notification is gone with the list: focus lands in the opened thread's reply box, not on <body>.
  await expect(ben.getByRole('textbox', { name: 'Reply' })).toBeFocused();
  await expect(threadMessage(ben, DANIEL_SECOND_REPLY)).toBeVisible();
  await expect(threadMessage(ben, DANIEL_REPLY)).toBeVisible();
  await expect(row).not.toHaveAttribute('data-unread');
  // Reading the thread answers both of Ben's notifications about it, the one for Daniel's first reply too; the
  // others stay unread.
  const unreadAfter = unreadBefore - 1;
  await expect(bell).toHaveAccessibleName(
    unreadAfter === 0 ? 'Notifications' : `Notifications, ${unreadAfter} unread`,
  );
  const bens = (await notificationsOf(people.ben)).filter((item) => item.conversationId === conversationId);
  expect(bens.map((item) => item.readAt === null)).toEqual([false, false]);
  expect(await windowStillMarked(ben)).toBe(true);
  await screenshot(ben, testInfo, 'firm-thread');

  await ben.context().close();
  await daniel.context().close();
});
