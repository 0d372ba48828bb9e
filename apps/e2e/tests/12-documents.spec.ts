import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { UPLOADS_PATH } from '@confide/protocol';
import { type Browser, type BrowserContext, type Download, expect, type Page, test } from '@playwright/test';
import { sendMessageAs, startConversationWith } from '../src/api.js';
import { expectNoAxeViolations, screenshot } from '../src/checks.js';
import { type DocumentFile, sha256Of, writeDocuments } from '../src/documents.js';
import { downloadUrlAs, fetchDownload, fileAccessOf, uploadAs } from '../src/files.js';
import { type Person, people } from '../src/people.js';
import { openFirmAs, openPortalAs } from '../src/session.js';
import { threadMessage } from '../src/thread.js';
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

/** Saves a download and resolves to its bytes. */
async function bytesOf(download: Download): Promise<Buffer> {
  const path = await download.path();
  return readFile(path);
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

  test("Daniel answers Ben's request for documents with a PDF and a 30 MB scan whose upload is cut halfway and resumes; an .exe named .pdf is refused; Ben downloads both unchanged", async ({
    browser,
  }, testInfo) => {
    // Two uploads, one of 30 MB through the browser and the route below, and two downloads on a shared machine.
    test.setTimeout(300_000);
    const { letter, scan, disguised } = await writeDocuments(testInfo.outputPath('documents'));
    const portal = await browser.newContext();
    const daniel = await portal.newPage();
    await openPortalAs(daniel, people.daniel, '/messages/cnv_daniel_work_permit');
    await expect(threadMessage(daniel, 'letter from your employer')).toBeVisible();

    const text = `Here are the letter and my passport (${randomUUID().slice(0, 8)}).`;
    await daniel.getByRole('textbox', { name: 'Reply' }).fill(text);
    const attachments = daniel.getByRole('list', { name: 'Files to send' });
    await chooseFiles(daniel, [disguised]);
    const refused = attachments.getByRole('listitem').filter({ hasText: disguised.name });
    await expect(refused).toContainText('This type of file is not accepted.');
    await expect(daniel.getByRole('button', { name: 'Send', exact: true })).toBeDisabled();
    await expectNoAxeViolations(daniel);
    await daniel.getByRole('button', { name: `Remove ${disguised.name}` }).click();
    await expect(refused).toHaveCount(0);

    await chooseFiles(daniel, [letter]);
    await expect(attachments.getByRole('listitem').filter({ hasText: letter.name })).toContainText(
      'Uploaded',
    );
    const cut = await cutUploadHalfway(portal, scan);
    await chooseFiles(daniel, [scan]);
    const scanChip = attachments.getByRole('listitem').filter({ hasText: scan.name });
    await expect(scanChip.getByRole('progressbar')).toBeVisible();
    await screenshot(daniel, testInfo, 'portal-attachments');
    await expectNoAxeViolations(daniel);

    await expect(scanChip).toContainText('Uploaded', { timeout: 240_000 });
    // The server had half the file when the connection dropped; the upload went on from there, never from 0 again.
    expect(cut.receivedBeforeCut).toBe(Math.floor(scan.size / 2));
    const resumedAt = cut.patchOffsets.indexOf(cut.receivedBeforeCut);
    expect(resumedAt).toBeGreaterThan(0);
    expect(cut.patchOffsets).toEqual([...cut.patchOffsets].sort((a, b) => a - b));
    expect(new Set(cut.patchOffsets).size).toBe(cut.patchOffsets.length);

    await daniel.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(threadMessage(daniel, text)).toHaveAttribute('data-state', 'sent');

    const firm = await browser.newContext();
    const ben = await firm.newPage();
    await openFirmAs(ben, people.ben, '/messages/cnv_daniel_work_permit');
    const message = threadMessage(ben, text);
    const downloads: Download[] = [];
    for (const file of [letter, scan]) {
      await expect(message).toContainText(file.sha256.slice(0, 8));
      const [download] = await Promise.all([
        ben.waitForEvent('download'),
        message
          .getByRole('button', { name: new RegExp(`^Download ${file.name.replace('.', '\\.')},`) })
          .click(),
      ]);
      expect(download.suggestedFilename()).toBe(file.name);
      expect(sha256Of(await bytesOf(download))).toBe(file.sha256);
      downloads.push(download);
    }
    await screenshot(ben, testInfo, 'firm-thread-files');
    // The whole page with the files in the thread (the bell's unread count is on it too).
    await expectNoAxeViolations(ben);

    for (const { who, person, app } of OUTSIDERS.slice(0, 2)) {
      await test.step(`${who} types Ben's download links`, async () => {
        const { context, page } = await signedIn(browser, person, app);
        for (const download of downloads) {
          expect(await typeAddress(page, download.url())).toEqual({ status: 410, downloaded: false });
        }
        await context.close();
      });
    }
    await Promise.all([portal.close(), firm.close()]);
  });
});

/** Picks files with the composer's attach button, as a person choosing them in the file dialog would. */
async function chooseFiles(page: Page, files: readonly DocumentFile[]): Promise<void> {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Attach files' }).click(),
  ]);
  expect(chooser.isMultiple()).toBe(true);
  await chooser.setFiles(files.map((file) => file.path));
}

/**
 * Cuts the connection of the upload request that carries the middle byte of `file`: the server receives the bytes
 * up to the middle, the browser sees the connection reset. Every other request goes through untouched. The
 * `Upload-Offset` of each `PATCH` of this file is recorded, so a test sees where the resumed upload started.
 */
async function cutUploadHalfway(context: BrowserContext, file: DocumentFile) {
  const record = { patchOffsets: [] as number[], receivedBeforeCut: 0 };
  const middle = Math.floor(file.size / 2);
  const encodedName = Buffer.from(file.name).toString('base64');
  let uploadUrl: string | null = null;
  let cut = false;
  context.on('response', (response) => {
    const request = response.request();
    const location = response.headers().location;
    if (request.method() !== 'POST' || !location || !request.url().endsWith(UPLOADS_PATH)) return;
    if (request.headers()['upload-metadata']?.includes(`filename ${encodedName}`)) {
      uploadUrl = new URL(location, request.url()).href;
    }
  });
  // The apps reach the server by their own address for it (`localhost`), so the route matches any host.
  await context.route(`**${UPLOADS_PATH}/*`, async (route, request) => {
    if (request.method() !== 'PATCH' || request.url() !== uploadUrl) return route.continue();
    const offset = Number(request.headers()['upload-offset']);
    record.patchOffsets.push(offset);
    const body = request.postDataBuffer() ?? Buffer.alloc(0);
    if (cut || offset >= middle || offset + body.length <= middle) return route.continue();
    cut = true;
    const headers = { ...request.headers() };
    delete headers['content-length'];
    const forwarded = await fetch(request.url(), {
      method: 'PATCH',
      headers,
      body: new Uint8Array(body.subarray(0, middle - offset)),
    });
    record.receivedBeforeCut = Number(forwarded.headers.get('upload-offset'));
    await route.abort('connectionreset');
  });
  return record;
}
