import { randomUUID } from 'node:crypto';
import { expect, type Page, test } from '@playwright/test';
import { notificationsOf } from '../src/api.js';
import { screenshot } from '../src/checks.js';
import { readOutbox } from '../src/outbox.js';
import { type Person, people } from '../src/people.js';
import { openFirmAs, openPortalAs, ownBrowserPage } from '../src/session.js';

const SETTING_LABELS = {
  assignees: "The client's assignees",
  assignees_and_owner: "The client's assignees and the owner",
  all_members: 'All members',
  none: 'No one',
} as const;

/** Everyone who could be notified: Rivera & Cho's members, and Northgate's owner, who never may be. */
const everyone = [people.ana, people.ben, people.carla, people.grace] as const;

async function chooseSetting(ana: Page, setting: keyof typeof SETTING_LABELS): Promise<void> {
  const radio = ana.getByRole('radio', { name: SETTING_LABELS[setting], exact: true });
  if (await radio.isChecked()) return;
  await radio.check();
  await ana.getByRole('button', { name: 'Save' }).click();
  await expect(ana.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
}

/** Elena starts a conversation in the portal; resolves with its id. */
async function elenaStartsConversation(elena: Page, subject: string): Promise<string> {
  await elena.getByRole('link', { name: 'Create New Conversation' }).click();
  await elena.getByRole('textbox', { name: 'Subject' }).fill(subject);
  await elena.getByRole('textbox', { name: 'Message' }).fill('Could we talk about my next appointment?');
  await elena.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(elena.getByRole('heading', { name: subject })).toBeVisible();
  return new URL(elena.url()).pathname.split('/').at(-1) ?? '';
}

async function notifiedInApp(conversationId: string): Promise<string[]> {
  const notified: string[] = [];
  for (const person of everyone) {
    const theirs = (await notificationsOf(person)).filter(
      (item) => item.conversationId === conversationId && item.kind === 'client_started_conversation',
    );
    if (theirs.length > 0) notified.push(person.name);
  }
  return notified;
}

async function mailCounts(): Promise<Map<string, number>> {
  const mails = await readOutbox();
  const startedMails = mails.filter((mail) => mail.subject.startsWith('Elena Petrova started'));
  return new Map(
    everyone.map((person) => [person.name, startedMails.filter((mail) => mail.to === person.email).length]),
  );
}

function mailedSince(before: Map<string, number>, after: Map<string, number>): string[] {
  return everyone
    .filter((person: Person) => (after.get(person.name) ?? 0) > (before.get(person.name) ?? 0))
    .map((person) => person.name);
}

test('4. A conversation Elena starts notifies whom the setting names, in the app and by e-mail, and nobody else', async ({
  browser,
}, testInfo) => {
  const ana = await ownBrowserPage(browser);
  const carla = await ownBrowserPage(browser);
  const elena = await ownBrowserPage(browser);
  await openFirmAs(ana, people.ana, '/settings');
  await openFirmAs(carla, people.carla);
  await openPortalAs(elena, people.elena);

  const cases = [
    ['assignees_and_owner', ['Ana Rivera', 'Ben Cho', 'Carla Diaz']],
    ['none', []],
    ['all_members', ['Ana Rivera', 'Ben Cho', 'Carla Diaz']],
    ['assignees', ['Ben Cho', 'Carla Diaz']],
  ] as const;
  for (const [setting, expected] of cases) {
    await chooseSetting(ana, setting);
    const mailsBefore = await mailCounts();
    const subject = `Appointment question (${setting}) ${randomUUID().slice(0, 8)}`;
    const conversationId = await elenaStartsConversation(elena, subject);

    // The notifications and e-mails are written with the conversation, so they are all there once it exists.
    expect(await notifiedInApp(conversationId), `in-app, setting ${setting}`).toEqual(expected);
    expect(mailedSince(mailsBefore, await mailCounts()), `e-mail, setting ${setting}`).toEqual(expected);

    // Carla's bell shows it live when she is among them.
    const carlasBell = carla.getByRole('button', { name: /^Notifications/ });
    if (expected.some((name) => name === 'Carla Diaz')) {
      await carlasBell.click();
      await expect(
        carla.getByRole('button', { name: `Mark as read: Elena Petrova started “${subject}”`, exact: true }),
      ).toBeVisible();
      if (setting === 'assignees_and_owner') await screenshot(carla, testInfo, 'firm-bell-client-started');
      await carla.keyboard.press('Escape');
    }
  }
  await screenshot(ana, testInfo, 'firm-settings');
  await screenshot(elena, testInfo, 'portal-started-conversation');
  // Back to the demo's setting.
  await chooseSetting(ana, 'assignees_and_owner');
  for (const page of [ana, carla, elena]) await page.context().close();
});
