import { describe, expect, it } from 'vitest';
import { createTestApp, freshKey } from '../testing/test-app.js';

const CONVERSATION = 'cnv_daniel_work_permit';

/** The dev mail page after Ben writes to Daniel: one mail waits in the outbox. */
async function pageAfterOneMessage(deliversMail: boolean | undefined) {
  const { call } = await createTestApp(deliversMail === undefined ? {} : { deliversMail });
  await call('POST', `/v1/conversations/${CONVERSATION}/messages`, {
    as: 'admin',
    body: { body: 'A question about the permit', idempotencyKey: freshKey() },
  });
  return (await call('GET', '/dev/mail')).text();
}

describe('the dev mail page', () => {
  // What a waiting mail's status says depends on whether anything sends it: never "pending" for mail nobody sends.
  it.each([
    [
      'no SMTP server (the default)',
      undefined,
      'not sent: kept here only (no SMTP_URL)',
      'mail is kept here only',
    ],
    ['no SMTP server', false, 'not sent: kept here only (no SMTP_URL)', 'mail is kept here only'],
    ['an SMTP server', true, 'pending: being sent', 'pending mail is being sent'],
  ])('with %s says what becomes of waiting mail', async (_name, deliversMail, status, note) => {
    const page = await pageAfterOneMessage(deliversMail);
    expect(page).toContain(`<dt>Status</dt><dd>${status}</dd>`);
    expect(page).toContain(note);
    expect(page).not.toMatch(/<dd>pending<\/dd>/);
  });

  it('says what becomes of mail on an empty outbox too', async () => {
    const { call } = await createTestApp();
    const page = await (await call('GET', '/dev/mail')).text();
    expect(page).toContain('The outbox is empty.');
    expect(page).toContain('No SMTP server is configured (SMTP_URL is unset)');
  });
});
