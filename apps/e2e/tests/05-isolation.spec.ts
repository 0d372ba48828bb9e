import { expect, test } from '@playwright/test';
import { people } from '../src/people.js';
import { openFirmAs, openPortalAs } from '../src/session.js';
import { indexRow, threadMessages } from '../src/thread.js';

const RIVERA_CHO_CONVERSATIONS = [
  { id: 'cnv_daniel_work_permit', subject: 'Work permit renewal', text: 'your work permit expires' },
  { id: 'cnv_elena_residence', subject: 'Question about my residence card', text: 'typo in my name' },
] as const;

test("5. Hiro (another firm's client) and Grace (another firm) see none of Rivera & Cho's conversations, even by typing their addresses", async ({
  browser,
}) => {
  const hiroContext = await browser.newContext();
  const hiro = await hiroContext.newPage();
  await openPortalAs(hiro, people.hiro);
  await expect(indexRow(hiro, 'Lease agreement review')).toBeVisible();
  await expect(hiro.getByRole('listbox', { name: /conversations/i }).getByRole('option')).toHaveCount(1);

  const graceContext = await browser.newContext();
  const grace = await graceContext.newPage();
  await openFirmAs(grace, people.grace);
  await expect(indexRow(grace, 'Lease agreement review')).toBeVisible();
  await expect(grace.getByRole('listbox', { name: /conversations/i }).getByRole('option')).toHaveCount(1);

  for (const conversation of RIVERA_CHO_CONVERSATIONS) {
    for (const page of [hiro, grace]) {
      const app = new URL(page.url()).origin;
      await page.goto(`${app}/messages/${conversation.id}`);
      await expect(page.getByRole('alert').filter({ hasText: 'Conversation not found' })).toBeVisible();
      await expect(page.getByText(conversation.subject)).toHaveCount(0);
      await expect(page.getByText(conversation.text)).toHaveCount(0);
      await expect(threadMessages(page)).toHaveCount(0);
    }
  }

  // Grace's contacts are Northgate's only.
  await grace.goto(`${new URL(grace.url()).origin}/contacts`);
  await expect(grace.getByRole('link', { name: 'Hiro Tanaka' })).toBeVisible();
  await expect(grace.getByRole('link', { name: 'Daniel Okafor' })).toHaveCount(0);

  // A client of the same firm does not see another client's conversation either.
  const danielContext = await browser.newContext();
  const daniel = await danielContext.newPage();
  await openPortalAs(daniel, people.daniel, '/messages/cnv_elena_residence');
  await expect(daniel.getByRole('alert').filter({ hasText: 'Conversation not found' })).toBeVisible();
  await expect(daniel.getByText('typo in my name')).toHaveCount(0);

  await Promise.all([hiroContext.close(), graceContext.close(), danielContext.close()]);
});
