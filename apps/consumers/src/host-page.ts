import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { memberSees } from './api.js';

/**
 * Opens Daniel's work permit conversation from the host's index and waits for the firm's newest message in it;
 * the open thread's region, after checking that the firm's internal note in it never reached the client.
 */
export async function openWorkPermitThread(page: Page) {
  await page
    .getByRole('listbox', { name: 'Conversations' })
    .getByRole('option', { name: /Work permit renewal/ })
    .click();
  const thread = page.getByRole('region', { name: 'Open conversation' });
  await thread.getByText('We also need a letter from your employer').waitFor();
  expect(await thread.getByText('employer letter still missing').count()).toBe(0);
  return thread;
}

/** Starts a conversation with `subject` and `body` in the host's composer, and checks that the firm received it. */
export async function startConversationFromHost(page: Page, apiUrl: string, subject: string, body: string) {
  const compose = page.getByRole('region', { name: 'New conversation' });
  await compose.getByRole('textbox', { name: 'Subject' }).fill(subject);
  await compose.getByRole('textbox', { name: 'Message' }).fill(body);
  await compose.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByRole('region', { name: 'Open conversation' }).getByText(body).waitFor();
  const ben = await memberSees(apiUrl, 'ben.cho@rivera-cho.test');
  const conversation = await ben.conversation(subject);
  expect(conversation && (await ben.messageBodies(conversation.id))).toEqual([body]);
}
