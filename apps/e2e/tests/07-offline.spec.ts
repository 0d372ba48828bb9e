import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { conversationsWithSubject } from '../src/api.js';
import { expectNoAxeViolations } from '../src/checks.js';
import { people } from '../src/people.js';
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

test('7b. A conversation started offline shows pending in the index; back online it is delivered exactly once', async ({
  browser,
}) => {
  const portal = await browser.newContext();
  const elena = await portal.newPage();
  await openPortalAs(elena, people.elena);
  await expect(indexRow(elena, RESIDENCE)).toHaveCount(1);

  await portal.setOffline(true);
  await expect(
    elena.getByText('You are offline. Messages will be sent when you reconnect.').first(),
  ).toBeVisible();
  const subject = `Started offline ${randomUUID().slice(0, 8)}`;
  await elena.getByRole('link', { name: 'Create New Conversation' }).click();
  await elena.getByRole('textbox', { name: 'Subject' }).fill(subject);
  await elena.getByRole('textbox', { name: 'Message' }).fill('Could we talk about my next appointment?');
  await elena.getByRole('button', { name: 'Send', exact: true }).click();

  // The form hands it over: Elena is back at her list, where it waits at the top, saying so in words.
  await expect(elena).toHaveURL(/\/messages$/);
  const pending = pendingRow(elena, subject);
  await expect(pending).toContainText('Sending…');
  await expect(pending).toHaveAttribute('data-state', 'sending');
  await expect(elena.getByRole('list', { name: 'Not sent yet' })).toBeFocused();
  await expectNoAxeViolations(elena);
  // She can go on meanwhile: to her details and back to her messages.
  await elena.getByRole('link', { name: 'Your details' }).click();
  await expect(elena.getByRole('heading', { name: 'Your details' })).toBeVisible();
  await elena.getByRole('link', { name: 'Messages', exact: true }).click();
  await expect(pendingRow(elena, subject)).toContainText('Sending…');

  await portal.setOffline(false);
  await expect(indexRow(elena, subject)).toHaveCount(1);
  await expect(pendingRow(elena, subject)).toHaveCount(0);
  expect(await conversationsWithSubject(people.elena, subject)).toHaveLength(1);

  // The firm sees it once, and so does Elena after a reload.
  const firm = await browser.newContext();
  const carla = await firm.newPage();
  await openFirmAs(carla, people.carla);
  await expect(indexRow(carla, subject)).toHaveCount(1);
  await elena.reload();
  await expect(indexRow(elena, subject)).toHaveCount(1);
  await expect(pendingRow(elena, subject)).toHaveCount(0);
  await portal.close();
  await firm.close();
});

test('7c. A conversation a firm member starts offline waits in the firm index; back online it is delivered exactly once', async ({
  browser,
}) => {
  const firm = await browser.newContext();
  const ben = await firm.newPage();
  await openFirmAs(ben, people.ben);
  await expect(indexRow(ben, RESIDENCE)).toHaveCount(1);

  const subject = `Started offline by the firm ${randomUUID().slice(0, 8)}`;
  const dialog = await openNewMessage(ben);
  await dialog.getByRole('combobox', { name: 'Client' }).fill('Daniel');
  await dialog.getByRole('option', { name: /Daniel Okafor/ }).click();
  // The connection drops while Ben writes.
  await firm.setOffline(true);
  await dialog.getByRole('textbox', { name: 'Subject' }).fill(subject);
  await dialog.getByRole('textbox', { name: 'Message' }).fill('Your appointment is confirmed for Monday.');
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();

  // The dialog hands it over: it closes, and the start waits at the top of Ben's list, saying so in words.
  await expect(dialog).toBeHidden();
  const pending = pendingRow(ben, subject);
  await expect(pending).toContainText('Sending…');
  await expect(ben.getByRole('list', { name: 'Not sent yet' })).toBeFocused();
  await expectNoAxeViolations(ben);

  await firm.setOffline(false);
  await expect(indexRow(ben, subject)).toHaveCount(1);
  await expect(pendingRow(ben, subject)).toHaveCount(0);
  expect(await conversationsWithSubject(people.daniel, subject)).toHaveLength(1);

  // Daniel sees it once, and so does Ben after a reload.
  const portal = await browser.newContext();
  const daniel = await portal.newPage();
  await openPortalAs(daniel, people.daniel);
  await expect(indexRow(daniel, subject)).toHaveCount(1);
  await ben.reload();
  await expect(indexRow(ben, subject)).toHaveCount(1);
  await expect(pendingRow(ben, subject)).toHaveCount(0);
  await firm.close();
  await portal.close();
});

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
