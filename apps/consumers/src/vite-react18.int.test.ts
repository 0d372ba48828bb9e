import type { Server } from 'node:http';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { memberSees } from './api.js';
import { collectProblems, launchChromium } from './browser.js';
import { run } from './run.js';
import { installHost } from './scratch.js';
import { serveStatic } from './static-server.js';

const apiUrl = inject('apiUrl');
const port = inject('vitePort');

let browser: Browser;
let server: Server;
let page: Page;
let problems: string[];

beforeAll(async () => {
  const host = await installHost('vite-react18', inject('packed'), [
    '@confide/protocol',
    '@confide/core',
    '@confide/react',
  ]);
  await host.once('build', () => run('npm', ['run', 'build'], { cwd: host.folder }));
  server = await serveStatic(join(host.folder, 'dist'), port);
  browser = await launchChromium();
  page = await browser.newPage();
  problems = collectProblems(page);
  await page.goto(`http://127.0.0.1:${port}/?api=${encodeURIComponent(apiUrl)}`);
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

describe('a Vite single-page app on React 18.3 with the packed kit', () => {
  it('renders on React 18', async () => {
    const heading = page.getByRole('heading', { level: 1 });
    await heading.waitFor();
    expect(await heading.textContent()).toMatch(/^Host app on React 18\.3\./);
  });

  it("lists the client's conversations and opens one with its whole chain", async () => {
    const row = page
      .getByRole('listbox', { name: 'Conversations' })
      .getByRole('option', { name: /Work permit renewal/ });
    await row.click();
    const thread = page.getByRole('region', { name: 'Open conversation' });
    await thread.getByText('We also need a letter from your employer').waitFor();
    expect(await thread.getByText('your work permit expires in three months').count()).toBe(1);
    // The firm's internal note in the same thread never reaches the client.
    expect(await thread.getByText('employer letter still missing').count()).toBe(0);
  });

  it('sends a reply that the firm receives', async () => {
    const thread = page.getByRole('region', { name: 'Open conversation' });
    const body = `Reply from the Vite host ${Date.now()}`;
    await thread.getByRole('textbox', { name: 'Reply' }).fill(body);
    await thread.getByRole('button', { name: 'Send', exact: true }).click();
    await thread.getByRole('article').filter({ hasText: body }).waitFor();
    const ben = await memberSees(apiUrl, 'ben.cho@rivera-cho.test');
    expect(await ben.messageBodies('cnv_daniel_work_permit')).toContain(body);
  });

  it('starts a new conversation that the firm receives', async () => {
    const compose = page.getByRole('region', { name: 'New conversation' });
    const subject = `Started in the Vite host ${Date.now()}`;
    await compose.getByRole('textbox', { name: 'Subject' }).fill(subject);
    await compose.getByRole('textbox', { name: 'Message' }).fill('Hello from a host app on React 18.');
    await compose.getByRole('button', { name: 'Send', exact: true }).click();
    await page
      .getByRole('region', { name: 'Open conversation' })
      .getByText('Hello from a host app on React 18.')
      .waitFor();
    const ben = await memberSees(apiUrl, 'ben.cho@rivera-cho.test');
    const conversation = await ben.conversation(subject);
    expect(conversation && (await ben.messageBodies(conversation.id))).toEqual([
      'Hello from a host app on React 18.',
    ]);
  });

  it('reported no error and no warning in the console', () => {
    expect(problems).toEqual([]);
  });
});
