import { randomUUID } from 'node:crypto';
import { SUBJECT_MAX_LENGTH } from '@confide/protocol';
import { expect, test } from '@playwright/test';
import { conversationAs, sendMessageAs, startConversationAs } from '../src/api.js';
import { overflowsSideways, unisolatedUserText } from '../src/bidi.js';
import { inputMethodFor } from '../src/ime.js';
import { people } from '../src/people.js';
import { openFirmAs, openNewMessage, openPortalAs, ownBrowserPage } from '../src/session.js';
import { indexRow, reply, threadMessage, threadMessages } from '../src/thread.js';

// Inputs earlier runs did not use, against the built apps and the real server: input methods, right-to-left text
// with bidi controls, very long words and addresses, limits in emoji, two members answering at the same moment.

const tag = () => randomUUID().slice(0, 8);

test.describe('16. Input methods in Chromium', () => {
  test('the Enter that commits a composition neither picks a contact nor sends the new message', async ({
    page,
  }) => {
    await openFirmAs(page, people.ben);
    const dialog = await openNewMessage(page);
    const ime = await inputMethodFor(page);

    const client = dialog.getByRole('combobox', { name: 'Client' });
    await client.click();
    await ime.compose('Dan');
    await expect(dialog.getByRole('option', { name: /Daniel Okafor/ })).toBeVisible();
    await ime.pressEnterWhileComposing();
    await ime.commit('Dan');
    await expect(client).toHaveValue('Dan');
    await expect(client).toHaveAttribute('aria-expanded', 'true');
    // Once the composition is over, Enter picks the highlighted contact as usual.
    await page.keyboard.press('Enter');
    await expect(client).toHaveValue('Daniel Okafor');

    const subject = dialog.getByRole('textbox', { name: 'Subject' });
    await subject.click();
    await ime.compose('びざ');
    await ime.pressEnterWhileComposing();
    await ime.commit('ビザ');
    await ime.compose('こうしん');
    await ime.pressEnterWhileComposing({ ctrl: true });
    await ime.commit('更新');
    await expect(subject).toHaveValue('ビザ更新');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('alert')).toHaveCount(0);
  });

  test('Ctrl+Enter while composing a reply does not send it; Ctrl+Enter after it does, once', async ({
    page,
  }) => {
    const marker = tag();
    const conversationId = await startConversationAs(people.ben, {
      contactId: 'con_daniel',
      subject: `IME reply ${marker}`,
      body: 'Please confirm the date.',
    });
    await openPortalAs(page, people.daniel, `/messages/${conversationId}`);
    const box = page.getByRole('textbox', { name: 'Reply' });
    await box.click();
    const ime = await inputMethodFor(page);
    await ime.compose('かくにん');
    await ime.pressEnterWhileComposing({ ctrl: true });
    await ime.commit(`確認しました ${marker}`);
    await expect(box).toHaveValue(`確認しました ${marker}`);
    await expect(threadMessages(page)).toHaveCount(1);

    await page.keyboard.press('Control+Enter');
    await expect(threadMessage(page, `確認しました ${marker}`)).toHaveCount(1);
    await expect(box).toHaveValue('');
  });
});

test('16. Right-to-left text with bidi overrides stays inside its own isolate on every screen of both apps', async ({
  page,
  browser,
}) => {
  const marker = tag();
  // Each value ends with an unpaired RIGHT-TO-LEFT OVERRIDE's effect still open: without an isolate it would turn
  // the kit's words after it around.
  const subject = `\u202eعقد الإيجار 2026 — lease ${marker}`;
  const body = `مرحبا Daniel، المبلغ 1,250.00 € ${marker} \u202esee attached`;
  const answer = `\u202bשלום ${marker} \u202e3 files`;
  const userTexts = [subject, body, answer];
  const conversationId = await startConversationAs(people.ben, { contactId: 'con_daniel', subject, body });
  await sendMessageAs(people.daniel, conversationId, answer);

  await openFirmAs(page, people.ben, `/messages/${conversationId}`);
  await expect(threadMessage(page, `שלום ${marker}`)).toBeVisible();
  await expect(indexRow(page, marker)).toBeVisible();
  expect(await unisolatedUserText(page, marker, userTexts)).toEqual([]);
  await page.getByRole('button', { name: /^Notifications/ }).click();
  await expect(page.getByRole('region', { name: 'Notifications' })).toContainText(marker);
  expect(await unisolatedUserText(page, marker, userTexts)).toEqual([]);

  const daniel = await ownBrowserPage(browser);
  await openPortalAs(daniel, people.daniel, `/messages/${conversationId}`);
  await expect(threadMessage(daniel, `שלום ${marker}`)).toBeVisible();
  await expect(indexRow(daniel, marker)).toBeVisible();
  expect(await unisolatedUserText(daniel, marker, userTexts)).toEqual([]);
  await daniel.context().close();
});

for (const viewport of [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 375, height: 740 },
]) {
  test(`16. A 3,000-letter word, a 600-character address and 300 emoji families wrap in the portal and, on a desk, in the firm's app (${viewport.name})`, async ({
    page,
    browser,
  }) => {
    const marker = tag();
    const word = `Donaudampfschifffahrtsgesellschaft${'x'.repeat(3000)}`;
    const address = `https://example.com/${'a/'.repeat(290)}${marker}`;
    const conversationId = await startConversationAs(people.ben, {
      contactId: 'con_daniel',
      subject: `${'Überseedokumentenprüfungsstelle'.repeat(6)} ${marker}`,
      body: `${word} ${marker}`,
    });
    await sendMessageAs(people.daniel, conversationId, `${address} ${'👨‍👩‍👧‍👦'.repeat(300)}`);
    await page.setViewportSize(viewport);
    await openPortalAs(page, people.daniel, `/messages/${conversationId}`);
    // The thread shows its newest message; the first one may lie above the view (the feed is virtualised).
    await expect(threadMessages(page).getByRole('link')).toHaveAttribute('href', address);
    expect(await overflowsSideways(page)).toEqual([]);

    // The firm's practice app is laid out for desks (index and thread side by side), not for phones.
    if (viewport.name === 'phone') return;
    const firm = await ownBrowserPage(browser);
    await firm.setViewportSize(viewport);
    await openFirmAs(firm, people.ben, `/messages/${conversationId}`);
    await expect(threadMessages(firm).getByRole('link')).toHaveAttribute('href', address);
    expect(await overflowsSideways(firm)).toEqual([]);
    await firm.context().close();
  });
}

test('16. A subject of 200 emoji families (7 code points each) is 200 characters in the composer and on the server', async ({
  page,
}) => {
  const family = '👨‍👩‍👧‍👦';
  await openFirmAs(page, people.ben);
  const dialog = await openNewMessage(page);
  await dialog.getByRole('combobox', { name: 'Client' }).fill('Daniel');
  await dialog.getByRole('option', { name: /Daniel Okafor/ }).click();
  const subject = dialog.getByRole('textbox', { name: 'Subject' });
  await subject.fill(family.repeat(SUBJECT_MAX_LENGTH + 1));
  await expect(dialog).toContainText(`${SUBJECT_MAX_LENGTH + 1} of ${SUBJECT_MAX_LENGTH} characters`);
  await dialog.getByRole('textbox', { name: 'Message' }).fill(`Families ${tag()}`);
  await expect(dialog.getByRole('button', { name: 'Send', exact: true })).toHaveAttribute(
    'aria-disabled',
    'true',
  );

  await subject.fill(family.repeat(SUBJECT_MAX_LENGTH));
  await expect(dialog).toContainText(`${SUBJECT_MAX_LENGTH} of ${SUBJECT_MAX_LENGTH} characters`);
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByRole('heading', { name: family.repeat(SUBJECT_MAX_LENGTH) })).toBeVisible();
  const conversationId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
  expect((await conversationAs(people.ben, conversationId)).subject).toBe(family.repeat(SUBJECT_MAX_LENGTH));
});

test('16. Two members answering the same conversation at the same moment both get through once, in one order everywhere', async ({
  browser,
}) => {
  const marker = tag();
  const conversationId = await startConversationAs(people.ben, {
    contactId: 'con_daniel',
    subject: `Two at once ${marker}`,
    body: 'Which of us should call you?',
  });
  const path = `/messages/${conversationId}`;
  const ben = await ownBrowserPage(browser);
  const carla = await ownBrowserPage(browser);
  const daniel = await ownBrowserPage(browser);
  await openFirmAs(ben, people.ben, path);
  await openFirmAs(carla, people.carla, path);
  await openPortalAs(daniel, people.daniel, path);
  const fromBen = `Ben will call ${marker}`;
  const fromCarla = `Carla will call ${marker}`;
  await ben.getByRole('textbox', { name: 'Reply' }).fill(fromBen);
  await carla.getByRole('textbox', { name: 'Reply' }).fill(fromCarla);
  await Promise.all([
    ben.getByRole('button', { name: 'Send', exact: true }).click(),
    carla.getByRole('button', { name: 'Send', exact: true }).click(),
  ]);

  const orders: string[][] = [];
  for (const page of [ben, carla, daniel]) {
    await expect(threadMessage(page, fromBen)).toHaveCount(1);
    await expect(threadMessage(page, fromCarla)).toHaveCount(1);
    const texts = await threadMessages(page).allTextContents();
    orders.push(
      texts.filter((text) => text.includes(marker)).map((text) => (text.includes(fromBen) ? 'Ben' : 'Carla')),
    );
  }
  expect(orders[1]).toEqual(orders[0]);
  expect(orders[2]).toEqual(orders[0]);
  await reply(daniel, `Either is fine ${marker}`);
  for (const page of [ben, carla])
    await expect(threadMessage(page, `Either is fine ${marker}`)).toHaveCount(1);
  for (const page of [ben, carla, daniel]) await page.context().close();
});
