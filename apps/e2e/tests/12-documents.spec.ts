import { randomUUID } from 'node:crypto';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { sendMessageAs, startConversationWith } from '../src/api.js';
import { sha256Of, writeDocuments } from '../src/documents.js';
import { downloadUrlAs, fetchDownload, fileAccessOf, uploadAs } from '../src/files.js';
import { type Person, people } from '../src/people.js';
import { openFirmAs, openPortalAs } from '../src/session.js';
import { urls } from '../src/urls.js';

/** People with no right to Rivera & Cho's files: another firm's client and owner, and another client of the firm. */
const OUTSIDERS = [
  { who: "Hiro (another firm's client)", person: people.hiro, app: 'portal' },
  { who: 'Grace (another firm)', person: people.grace, app: 'firm' },
  { who: 'Elena (another client of the same firm)', person: people.elena, app: 'portal' },
] as const;

/** Signs `person` in to their app in a new browser context, as they would before typing an address. */
async function signedIn(browser: Browser, person: Person, app: 'firm' | 'portal') {
  const context = await browser.newContext();
  const page = await context.newPage();
  await (app === 'firm' ? openFirmAs(page, person) : openPortalAs(page, person));
  return { context, page };
}

/** Types `url` into the address bar of a signed-in page: the answer, and whether a download started. */
async function typeAddress(page: Page, url: string): Promise<{ status: number | null; downloaded: boolean }> {
  let downloaded = false;
  const onDownload = () => {
    downloaded = true;
  };
  page.on('download', onDownload);
  const response = await page.goto(url).catch(() => null);
  page.off('download', onDownload);
  return { status: response?.status() ?? null, downloaded };
}

test.describe('12. Documents', () => {
  test('Ben downloads the file Daniel sent once through a single-use link; Hiro, Grace and Elena get nothing, by id or by typing the link', async ({
    browser,
  }, testInfo) => {
    const { letter } = await writeDocuments(testInfo.outputPath('documents'));
    const subject = `Documents for the renewal (${randomUUID().slice(0, 8)})`;
    const conversationId = await startConversationWith(
      people.ben,
      people.daniel,
      subject,
      'Please upload the employer letter in the portal.',
    );
    const uploadId = await uploadAs(people.daniel, letter.name, letter.bytes);
    const sent = await sendMessageAs(people.daniel, conversationId, 'Here is the letter.', [uploadId]);
    const fileId = sent.attachments?.[0]?.id;
    expect(fileId).toBe(uploadId);
    if (!fileId) return;

    const benUrl = await downloadUrlAs(people.ben, fileId);
    const first = await fetchDownload(benUrl);
    expect(first.status).toBe(200);
    expect(sha256Of(first.body)).toBe(letter.sha256);
    expect(first.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(first.headers.get('x-content-type-options')).toBe('nosniff');
    expect(first.headers.get('cache-control')).toBe('private, no-store');
    // The link is spent: neither Ben again nor anyone who saw it gets the file.
    expect(await fetchDownload(benUrl)).toMatchObject({ status: 410, code: 'ticket_invalid' });

    const downloadsPath = new URL(benUrl).pathname.replace(/[^/]+$/, '');
    for (const { who, person, app } of OUTSIDERS) {
      await test.step(who, async () => {
        expect(await fileAccessOf(person, fileId)).toEqual({
          read: { status: 404, code: 'not_found' },
          ticket: { status: 404, code: 'not_found' },
          upload: { status: 404, code: null },
        });
        const { context, page } = await signedIn(browser, person, app);
        expect(await typeAddress(page, benUrl)).toEqual({ status: 410, downloaded: false });
        expect(await typeAddress(page, `${urls.api()}${downloadsPath}`)).toEqual({
          status: 404,
          downloaded: false,
        });
        expect(await typeAddress(page, `${urls.api()}${downloadsPath}${'x'.repeat(43)}`)).toEqual({
          status: 410,
          downloaded: false,
        });
        await expect(page.locator('body')).not.toContainText(letter.name);
        await context.close();
      });
    }
  });
});
